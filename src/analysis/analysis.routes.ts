import { Router, type Response } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { ValidationError } from '../shared/errors';
import { catalogueRoutes } from '../catalogue/catalogue.routes';
import { listCategories } from '../catalogue/catalogue.repository';
import { AccountParams, CampaignIdParams, FilterQuery, filterOf, queryStringOf } from './analysis.schemas';
import {
  exportMentionsCsv,
  exportProblemsCsv,
  exportResponsesCsv,
  getAccountAnswers,
  getProblemsPage,
  getSatisfaction,
  getSatisfactionTrend,
  listCampaignsForAnalysis,
} from './analysis.service';
import { codeMentions, listMentionsForCoding, listRecentCodings, undoCoding } from './coding.service';
import { canCodeMentions } from './analysis.policy';
import { findAnalysisCampaign } from './analysis.repository';
import { NotFoundError, ForbiddenError } from '../shared/errors';
import { parseParams, parseInput } from '../shared/input';

const STYLES = ['/static/css/analysis.css'];
const CHART_SCRIPTS = ['/static/vendor/chart.umd.min.js', '/static/js/analysis-charts.js'];

function sendCsv(res: Response, filename: string, body: string) {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

const CodingForm = z.object({
  accept: z.string().regex(/^\d+:\d+$/).optional(),
  apply: z.coerce.number().int().positive().optional(),
  bulk: z.string().optional(),
  category: z.record(z.string(), z.string()).optional(),
  mentionIds: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.coerce.number().int().positive())),
  bulkCategoryId: z.string().optional(),
});

const UndoForm = z.object({ batchId: z.string().uuid() });

export function analysisRoutes(deps: RouteDeps): Router {
  const { db, clock } = deps;
  const router = Router();
  router.use(catalogueRoutes(deps));

  router.get('/analysis', requireUser, async (_req, res) => {
    const campaigns = await listCampaignsForAnalysis(db, currentUser(res));
    res.render('analysis/index', { title: 'Analysis', campaigns, canCode: canCodeMentions(currentUser(res)), styles: STYLES });
  });

  router.get('/campaigns/:id/problems', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const page = await getProblemsPage(db, currentUser(res), id, filterOf(query), query.order);
    res.render('analysis/problems', {
      title: `Ranked problems · ${page.campaign.name}`,
      ...page,
      query,
      queryString: queryStringOf(query),
      canCode: canCodeMentions(currentUser(res)),
      styles: STYLES,
      scripts: CHART_SCRIPTS,
    });
  });

  router.get('/campaigns/:id/problems.csv', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    sendCsv(res, `campaign-${id}-problems.csv`, await exportProblemsCsv(db, currentUser(res), id, filterOf(query), query.order));
  });

  router.get('/campaigns/:id/responses.csv', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    sendCsv(res, `campaign-${id}-responses.csv`, await exportResponsesCsv(db, currentUser(res), id, filterOf(query)));
  });

  router.get('/campaigns/:id/mentions.csv', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    sendCsv(res, `campaign-${id}-mentions.csv`, await exportMentionsCsv(db, currentUser(res), id, filterOf(query)));
  });

  router.get('/campaigns/:id/accounts/:customerId', requireUser, async (req, res) => {
    const { id, customerId } = parseParams(AccountParams, req.params);
    const page = await getAccountAnswers(db, currentUser(res), id, customerId);
    res.render('analysis/account', { title: `${page.customer.name} · ${page.campaign.name}`, ...page, styles: STYLES });
  });

  router.get('/campaigns/:id/satisfaction', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const page = await getSatisfaction(db, currentUser(res), id, filterOf(query));
    res.render('analysis/satisfaction', {
      title: `Satisfaction · ${page.campaign.name}`,
      ...page,
      query,
      queryString: queryStringOf(query),
      styles: STYLES,
      scripts: CHART_SCRIPTS,
    });
  });

  router.get('/satisfaction/trend', requireUser, async (req, res) => {
    const query = parseInput(FilterQuery, req.query);
    const page = await getSatisfactionTrend(db, currentUser(res), filterOf(query));
    res.render('analysis/trend', { title: 'Satisfaction trend', ...page, styles: STYLES, scripts: CHART_SCRIPTS });
  });

  const codingPage = async (res: Response, campaignId: number, extra: { errors?: Record<string, string[] | undefined>; values?: Record<string, unknown> } = {}) => {
    const user = currentUser(res);
    if (!canCodeMentions(user)) throw new ForbiddenError('coding is done by quality managers');
    const campaign = await findAnalysisCampaign(db, campaignId);
    if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
    return {
      title: `Code problems · ${campaign.name}`,
      campaign,
      mentions: await listMentionsForCoding(db, user, campaignId, { coded: false, limit: 200 }),
      categories: await listCategories(db, { activeOnly: true }),
      recent: await listRecentCodings(db, campaignId),
      errors: extra.errors ?? {},
      values: extra.values ?? {},
      styles: STYLES,
      scripts: ['/static/js/analysis-coding.js'],
    };
  };

  router.get('/campaigns/:id/coding', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    res.render('analysis/coding', await codingPage(res, id));
  });

  router.post('/campaigns/:id/coding', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    // Each row's select is a flat field `category_<mentionId>`: a bracketed `category[<id>]` would be
    // parsed by qs as a compacted array for small ids, losing which mention each choice belongs to.
    const category = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>)
        .filter(([key, value]) => /^category_\d+$/.test(key) && typeof value === 'string')
        .map(([key, value]) => [key.slice('category_'.length), value as string]),
    );
    const parsed = CodingForm.safeParse({ ...req.body, category });
    const values = { mentionIds: [req.body?.mentionIds ?? []].flat().map(String), category, bulkCategoryId: req.body?.bulkCategoryId ?? '' };
    const fail = async (errors: Record<string, string[] | undefined>) => res.status(422).render('analysis/coding', await codingPage(res, id, { errors, values }));
    if (!parsed.success) return fail({ mentionIds: ['Select mentions and a category'] });
    const form = parsed.data;
    let mentionIds: number[];
    let categoryId: number;
    let field = 'bulkCategoryId';
    if (form.accept) {
      const [m, c] = form.accept.split(':').map(Number) as [number, number];
      mentionIds = [m];
      categoryId = c;
    } else if (form.apply) {
      mentionIds = [form.apply];
      field = `category-${form.apply}`;
      categoryId = Number(form.category?.[String(form.apply)] ?? 0);
      if (!categoryId) return fail({ [field]: ['Choose a category'] });
    } else {
      mentionIds = form.mentionIds;
      categoryId = Number(form.bulkCategoryId ?? 0);
      if (!mentionIds.length) return fail({ mentionIds: ['Select at least one mention'] });
      if (!categoryId) return fail({ bulkCategoryId: ['Choose a category'] });
    }
    let result;
    try {
      result = await codeMentions(db, currentUser(res), mentionIds, categoryId, clock(), id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const messages = Object.values(error.fields).flat();
      return fail({ [field]: messages.length ? messages : [error.message] });
    }
    flash(req, 'success', `Coded ${result.count} mention${result.count === 1 ? '' : 's'}. You can undo this under “Recent coding”.`);
    res.redirect(303, `/campaigns/${id}/coding`);
  });

  router.post('/campaigns/:id/coding/undo', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const form = UndoForm.safeParse(req.body);
    if (!form.success) throw new NotFoundError('coding');
    try {
      const result = await undoCoding(db, currentUser(res), form.data.batchId, clock(), id);
      flash(req, 'success', `Undone: ${result.restored} mention${result.restored === 1 ? '' : 's'} restored.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      flash(req, 'error', 'That coding was already undone.');
    }
    res.redirect(303, `/campaigns/${id}/coding`);
  });

  return router;
}
