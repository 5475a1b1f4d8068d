import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireUser } from '../auth/middleware';
import { canCodeMentions } from './analysis.policy';
import { NotFoundError } from '../shared/errors';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { readerTexts } from './reader-texts';
import { AccountParams, CampaignIdParams, CodingForm, CodingPageQuery, FilterQuery, UndoForm, codingFormValues, filterOf, queryStringOf } from './analysis.schemas';
import { exportMentionsCsv, exportProblemsCsv, exportResponsesCsv } from './analysis-export.service';
import { getAccountAnswers, getAnalysisIndex, getKeyDrivers, getProblemsPage, getSatisfaction, getSatisfactionTrend } from './analysis.service';
import { codeFromCodingForm, getCodingPage, undoCoding } from './coding.service';
import { categoryNameIn, type Category } from '../catalogue/catalogue';
import type { Language, Translate } from '../shared/languages';
import type { CurrentUser } from '../auth/user';
import { templateTitleIn } from '../surveys/survey-definition';

const STYLES = ['/static/css/analysis.css'];
const CHART_SCRIPTS = ['/static/vendor/chart.umd.min.js', '/static/js/analysis-charts.js'];
const CODING_SCRIPTS = ['/static/js/analysis-coding.js'];
const CHART_TITLES = { problems: 'analysis.title.problems', satisfaction: 'analysis.title.satisfaction', drivers: 'analysis.title.drivers' } as const;

function sendCsv(res: Response, filename: string, body: string) {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/**
 * Asked before a campaign's results are shown, once the user's access to them was checked:
 * answers the request itself (and returns true) when something must come first, as an open
 * guess round the user is invited to (src/guesses/).
 */
export type ResultsHold = (req: Request, res: Response, campaignId: number) => Promise<boolean>;

/** Shows the results straight away (no feature asks first). */
export const noResultsHold: ResultsHold = async () => false;

/** The analysis pages, CSV exports and the coding page. */
export function analysisRoutes({ db, clock, templates, resultsHold = noResultsHold }: RouteDeps & { resultsHold?: ResultsHold }): Router {
  const router = Router();
  const templateTitle = (lang: Language) => (slug: string) => templateTitleIn(templates, slug, lang);

  router.get('/analysis', requireUser, async (_req, res) => {
    const page = await getAnalysisIndex(db, currentUser(res));
    res.render('analysis/index', { title: readerTexts(res).t('analysis.title.index'), ...page, templateTitle: templateTitle(res.locals.lang as Language), styles: STYLES });
  });

  /** A chart page of one campaign: the filter bar's query in, the page and its title out. */
  const campaignChartPage =
    (view: keyof typeof CHART_TITLES, load: (user: CurrentUser, id: number, query: FilterQuery, lang: Language) => Promise<{ campaign: { name: string } }>) =>
    async (req: Request, res: Response) => {
      const { id } = parseParams(CampaignIdParams, req.params);
      const query = parseInput(FilterQuery, req.query);
      const { t, lang } = readerTexts(res);
      const page = await load(currentUser(res), id, query, lang);
      if (await resultsHold(req, res, id)) return;
      res.render(`analysis/${view}`, {
        title: t(CHART_TITLES[view], { campaign: page.campaign.name }),
        ...page,
        templateTitle: templateTitle(lang),
        query,
        queryString: queryStringOf(query),
        styles: STYLES,
        scripts: CHART_SCRIPTS,
      });
    };

  /** A CSV export of one campaign under the same filter as its pages. */
  const campaignCsv =
    (name: 'problems' | 'responses' | 'mentions', build: (user: CurrentUser, id: number, query: FilterQuery) => Promise<string>) =>
    async (req: Request, res: Response) => {
      const { id } = parseParams(CampaignIdParams, req.params);
      const query = parseInput(FilterQuery, req.query);
      const csv = await build(currentUser(res), id, query);
      if (await resultsHold(req, res, id)) return;
      sendCsv(res, `campaign-${id}-${name}.csv`, csv);
    };

  router.get('/campaigns/:id/problems', requireUser, campaignChartPage('problems', (user, id, query, lang) => getProblemsPage(db, user, id, filterOf(query), query.order, lang)));
  router.get('/campaigns/:id/problems.csv', requireUser, campaignCsv('problems', (user, id, query) => exportProblemsCsv(db, user, id, filterOf(query), query.order)));
  router.get('/campaigns/:id/responses.csv', requireUser, campaignCsv('responses', (user, id, query) => exportResponsesCsv(db, user, id, filterOf(query))));
  router.get('/campaigns/:id/mentions.csv', requireUser, campaignCsv('mentions', (user, id, query) => exportMentionsCsv(db, user, id, filterOf(query))));

  router.get('/campaigns/:id/accounts/:customerId', requireUser, async (req, res) => {
    const { id, customerId } = parseParams(AccountParams, req.params);
    const texts = readerTexts(res);
    const page = await getAccountAnswers(db, currentUser(res), id, customerId, texts.lang);
    if (await resultsHold(req, res, id)) return;
    res.render('analysis/account', { title: texts.t('analysis.title.account', { customer: page.customer.name, campaign: page.campaign.name }), ...page, localized: texts.localized, styles: STYLES });
  });

  router.get('/campaigns/:id/satisfaction', requireUser, campaignChartPage('satisfaction', (user, id, query, lang) => getSatisfaction(db, user, id, filterOf(query), lang)));
  router.get('/campaigns/:id/drivers', requireUser, campaignChartPage('drivers', (user, id, query, lang) => getKeyDrivers(db, user, id, filterOf(query), lang)));

  router.get('/satisfaction/trend', requireUser, async (req, res) => {
    const query = parseInput(FilterQuery, req.query);
    const { t, lang } = readerTexts(res);
    const page = await getSatisfactionTrend(db, currentUser(res), filterOf(query), lang);
    res.render('analysis/trend', { title: t('analysis.title.trend'), ...page, styles: STYLES, scripts: CHART_SCRIPTS });
  });

  /** The coding page; `asked` is the page's own GET, which an open guess may hold (resultsHold). */
  const renderCodingPage = async (res: Response, campaignId: number, pageNumber: number, status = 200, form: { errors?: FieldErrors; values?: object } = {}, asked?: Request) => {
    const lang = res.locals.lang as Language;
    const page = await getCodingPage(db, currentUser(res), campaignId, { page: pageNumber, lang });
    if (asked && (await resultsHold(asked, res, campaignId))) return;
    res.status(status).render('analysis/coding', {
      title: (res.locals.t as Translate)('coding.docTitle', { campaign: page.campaign.name }),
      ...page,
      categoryName: (c: Category) => categoryNameIn(c.names, lang),
      errors: form.errors ?? {},
      values: form.values ?? {},
      styles: STYLES,
      scripts: CODING_SCRIPTS,
    });
  };

  router.get('/campaigns/:id/coding', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderCodingPage(res, id, parseInput(CodingPageQuery, req.query).page, 200, {}, req);
  });

  router.post('/campaigns/:id/coding', requirePolicy(canCodeMentions), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { page } = parseInput(CodingPageQuery, req.query);
    const outcome = await submitForm(CodingForm, req.body, (form) => codeFromCodingForm(db, currentUser(res), id, form, clock()));
    if (!outcome.ok) return renderCodingPage(res, id, page, 422, { errors: outcome.errors, values: codingFormValues(req.body) });
    flash(req, 'success', (res.locals.t as Translate)('coding.flash.coded', { count: outcome.value.count }));
    res.redirect(303, `/campaigns/${id}/coding${page > 1 ? `?page=${page}` : ''}`);
  });

  router.post('/campaigns/:id/coding/undo', requirePolicy(canCodeMentions), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const form = UndoForm.safeParse(req.body);
    if (!form.success) throw new NotFoundError('coding');
    const outcome = await undoCoding(db, currentUser(res), form.data.batchId, clock(), id);
    const t = res.locals.t as Translate;
    if (outcome.kind === 'undone') flash(req, 'success', t('coding.flash.undone', { count: outcome.restored }));
    else flash(req, 'error', t('coding.flash.alreadyUndone'));
    res.redirect(303, `/campaigns/${id}/coding`);
  });

  return router;
}
