import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canManageCatalogue } from './catalogue.policy';
import { parseBody, parseParams } from '../shared/input';
import { namesInEveryLanguage, type Category } from './catalogue';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import { CategoryApiBody, CategoryIdParams, CategoryItemJson, CategoryListJson, categoryValuesOfApiBody, type CategoryJson } from './catalogue.schemas';
import { addCategory, getCategory, listCatalogue } from './catalogue.service';

/** A category as the API shows it. */
function categoryJson(c: Category): CategoryJson {
  return {
    id: c.id,
    names: namesInEveryLanguage(c.names),
    description: c.description,
    keywords: c.keywords,
    teamId: c.teamId,
    isActive: c.isActive,
    mergedIntoId: c.mergedIntoId,
  };
}

/** /api/v1/categories: the problem catalogue for other tools (quality managers' keys). */
export function catalogueApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/categories', async (_req, res) => {
    const categories = await listCatalogue(db, currentUser(res));
    res.json({ categories: categories.map(categoryJson) } satisfies CategoryListJson);
  });

  router.get('/categories/:id', async (req, res) => {
    const { id } = parseParams(CategoryIdParams, req.params);
    res.json({ category: categoryJson(await getCategory(db, currentUser(res), id)) } satisfies CategoryItemJson);
  });

  router.post('/categories', requirePolicy(canManageCatalogue), async (req, res) => {
    const body = parseBody(CategoryApiBody, req.body);
    const { category } = await addCategory(db, currentUser(res), categoryValuesOfApiBody(body), clock());
    res.status(201).location(`/api/v1/categories/${category.id}`).json({ category: categoryJson(category) } satisfies CategoryItemJson);
  });

  return router;
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
export const catalogueApiOperations: ApiOperations = {
  'GET /categories': {
    operationId: 'listCategories',
    tags: ['Catalogue'],
    summary: 'List the problem catalogue',
    description: 'Every category, active, inactive and merged, for quality managers and admins.',
    responses: { 200: jsonResponse('The categories.', CategoryListJson) },
    errors: [403],
  },
  'GET /categories/:id': {
    operationId: 'getCategory',
    tags: ['Catalogue'],
    summary: 'Get a category',
    requestParams: { path: CategoryIdParams },
    responses: { 200: jsonResponse('The category.', CategoryItemJson) },
    errors: [403, 404],
  },
  'POST /categories': {
    operationId: 'createCategory',
    tags: ['Catalogue'],
    summary: 'Add a category',
    description: 'A name in every language is required; `keywords` is a list or one comma-separated text.',
    requestBody: {
      required: true,
      content: jsonContent(CategoryApiBody, { names: { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Sene leverancer' }, keywords: ['late', 'delay'], teamId: 3 }),
    },
    responses: {
      201: {
        ...jsonResponse('The new category; `Location` is its address.', CategoryItemJson),
        headers: z.object({ Location: z.string().meta({ description: 'The new category, `/api/v1/categories/{id}`' }) }),
      },
    },
    errors: [403, 422],
  },
};
