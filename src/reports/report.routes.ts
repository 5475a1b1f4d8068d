import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { noResultsHold, type ResultsHold } from '../analysis/analysis.routes';
import { currentUser, requireUser } from '../auth/middleware';
import { parseInput, parseParams } from '../shared/input';
import { CampaignIdParams, FilterQuery, filterOf, queryStringOf } from '../analysis/analysis.schemas';
import { exportWaveReportCsv, getWaveReport } from './wave-report.service';
import { getAccountReport } from './account-report.service';
import { AccountReportParams, AccountReportQuery } from './report.schemas';
import { pdfRenderer } from './report-pdf';
import { statusLabelsIn } from '../tickets/ticket';
import { translate } from '../shared/languages';

const STYLES = ['/static/css/reports.css'];

function renderToString(res: Response, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => res.render(view, locals, (error, html) => (error ? reject(error) : resolve(html))));
}

/** The wave report and the account report: page (also the print view), PDF and CSV. */
export function reportRoutes({ db, clock, config, logger, resultsHold = noResultsHold }: RouteDeps & { resultsHold?: ResultsHold }): Router {
  const router = Router();
  const pdf = pdfRenderer(config.chromiumPath);

  /** Sends the view as a PDF, or a page saying how to get one when Chromium is missing. */
  const sendPdf = async (res: Response, view: string, locals: { title: string }, filename: string, printUrl: string) => {
    const outcome = await pdf.render(await renderToString(res, view, locals));
    if (outcome.kind === 'no_browser') {
      logger.warn({ reason: outcome.reason }, 'PDF report not rendered: Chromium unavailable');
      res.status(503).render('reports/pdf-unavailable', { title: res.locals.t('reports.pdf.title'), printUrl, chromiumPath: config.chromiumPath, styles: STYLES });
      return;
    }
    res.set('Content-Type', 'application/pdf');
    res.set('Content-Disposition', `attachment; filename="${filename}"`);
    res.send(outcome.pdf);
  };

  const wavePage = async (res: Response, id: number, query: FilterQuery) => {
    const report = await getWaveReport(db, currentUser(res), id, filterOf(query), clock(), res.locals.lang);
    return { title: res.locals.t('reports.wave.title', { campaign: report.campaign.name }), report, query, queryString: queryStringOf(query), statusLabels: statusLabelsIn(res.locals.t), styles: STYLES };
  };

  router.get('/campaigns/:id/report', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const page = await wavePage(res, id, parseInput(FilterQuery, req.query));
    if (await resultsHold(req, res, id)) return;
    res.render('reports/wave', page);
  });

  router.get('/campaigns/:id/report.pdf', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const page = await wavePage(res, id, parseInput(FilterQuery, req.query));
    if (await resultsHold(req, res, id)) return;
    await sendPdf(res, 'reports/wave', page, `campaign-${id}-report.pdf`, `/campaigns/${id}/report${page.queryString}`);
  });

  router.get('/campaigns/:id/report.csv', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const csv = await exportWaveReportCsv(db, currentUser(res), id, filterOf(query), clock());
    if (await resultsHold(req, res, id)) return;
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="campaign-${id}-report.csv"`);
    res.send(csv);
  });

  const accountPage = async (res: Response, customerId: number, campaignId: number | undefined) => {
    const report = await getAccountReport(db, currentUser(res), customerId, campaignId, clock());
    const campaignQuery = campaignId === undefined ? '' : `?campaign=${campaignId}`;
    // The report speaks to the customer in their language; the page around it to the reader in theirs.
    const customerT = translate(report.lang, 'staff');
    return { title: customerT('reports.account.title', { customer: report.customer.name }), report, customerT, campaignQuery, styles: STYLES };
  };

  router.get('/reports/accounts/:customerId', requireUser, async (req, res) => {
    const { customerId } = parseParams(AccountReportParams, req.params);
    const { campaign } = parseInput(AccountReportQuery, req.query);
    res.render('reports/account', await accountPage(res, customerId, campaign));
  });

  router.get('/reports/accounts/:customerId/pdf', requireUser, async (req, res) => {
    const { customerId } = parseParams(AccountReportParams, req.params);
    const { campaign } = parseInput(AccountReportQuery, req.query);
    const page = await accountPage(res, customerId, campaign);
    await sendPdf(res, 'reports/account', page, `account-${customerId}-report.pdf`, `/reports/accounts/${customerId}${page.campaignQuery}`);
  });

  return router;
}
