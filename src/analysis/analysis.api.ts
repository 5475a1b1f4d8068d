import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser } from '../auth/middleware';
import { canManageSurveys } from '../auth/user.policy';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { CategoryApiBody, CategoryIdParams, splitKeywords } from '../catalogue/catalogue.schemas';
import { findCategoryById, listCategories, resolveCategoryId } from '../catalogue/catalogue.repository';
import { createCategory } from '../catalogue/catalogue.service';
import { toColumns } from './analysis';
import { CampaignIdParams, FilterQuery, MentionCategoryBody, MentionsQuery, filterOf } from './analysis.schemas';
import { rankProblemsFor } from './analysis.service';
import { codeMentions, listMentionsForCoding } from './coding.service';
import { parseParams, parseInput } from '../shared/input';

function categoryJson(c: NonNullable<Awaited<ReturnType<typeof findCategoryById>>>) {
  return {
    id: c.id,
    names: c.names,
    description: c.description,
    keywords: c.keywords,
    teamId: c.teamId,
    isActive: c.isActive,
    mergedIntoId: c.mergedIntoId,
  };
}

export function analysisApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/campaigns/:id/problems', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const problems = await rankProblemsFor(db, currentUser(res), id, filterOf(query), query.order);
    res.json({ problems: problems.map(toColumns) });
  });

  router.get('/categories', async (_req, res) => {
    if (!canManageSurveys(currentUser(res))) throw new ForbiddenError('the catalogue is kept by quality managers');
    res.json({ categories: (await listCategories(db, { includeMerged: true })).map(categoryJson) });
  });

  router.get('/categories/:id', async (req, res) => {
    if (!canManageSurveys(currentUser(res))) throw new ForbiddenError('the catalogue is kept by quality managers');
    const { id } = parseParams(CategoryIdParams, req.params);
    // A merged id resolves to the category it was merged into.
    const survivor = await resolveCategoryId(db, id);
    const category = survivor && (await findCategoryById(db, survivor));
    if (!category) throw new NotFoundError(`category ${id}`);
    res.json({ category: categoryJson(category) });
  });

  router.post('/categories', async (req, res) => {
    const body = CategoryApiBody.safeParse(req.body);
    if (!body.success) {
      return res.status(422).json({ error: 'invalid category', fields: body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    const v = body.data;
    try {
      const id = await createCategory(
        db,
        currentUser(res),
        { names: v.names, description: v.description ?? null, keywords: splitKeywords(v.keywords), teamId: v.teamId ?? null },
        clock(),
      );
      res.status(201).location(`/api/v1/categories/${id}`).json({ category: categoryJson((await findCategoryById(db, id))!) });
    } catch (error) {
      if (error instanceof ValidationError) return res.status(422).json({ error: error.message, fields: error.fields });
      throw error;
    }
  });

  router.get('/campaigns/:id/mentions', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { coded } = parseInput(MentionsQuery, req.query);
    const mentions = await listMentionsForCoding(db, currentUser(res), id, { coded });
    res.json({
      mentions: mentions.map((m) => ({
        id: m.id,
        text: m.text,
        language: m.language,
        rank: m.rank,
        categoryId: m.categoryId,
        suggestions: m.suggestions.map((s) => ({ categoryId: s.categoryId, name: s.name, score: s.score })),
      })),
    });
  });

  router.put('/mentions/:id/category', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const body = MentionCategoryBody.safeParse(req.body);
    if (!body.success) return res.status(422).json({ error: 'send { "categoryId": <id> }' });
    try {
      const result = await codeMentions(db, currentUser(res), [id], body.data.categoryId, clock());
      res.json({ mention: { id, categoryId: result.categoryId }, batchId: result.batchId });
    } catch (error) {
      if (error instanceof ValidationError) return res.status(422).json({ error: error.message, fields: error.fields });
      throw error;
    }
  });

  return router;
}
