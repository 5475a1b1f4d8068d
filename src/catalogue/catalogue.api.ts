import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canManageCatalogue } from './catalogue.policy';
import { parseBody, parseParams } from '../shared/input';
import type { Category } from './catalogue';
import { CategoryApiBody, CategoryIdParams, categoryValuesOfApiBody } from './catalogue.schemas';
import { addCategory, getCategory, listCatalogue } from './catalogue.service';

/** A category as the API shows it. */
function categoryJson(c: Category) {
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

/** /api/v1/categories: the problem catalogue for other tools (quality managers' keys). */
export function catalogueApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/categories', async (_req, res) => {
    const categories = await listCatalogue(db, currentUser(res));
    res.json({ categories: categories.map(categoryJson) });
  });

  router.get('/categories/:id', async (req, res) => {
    const { id } = parseParams(CategoryIdParams, req.params);
    res.json({ category: categoryJson(await getCategory(db, currentUser(res), id)) });
  });

  router.post('/categories', requirePolicy(canManageCatalogue), async (req, res) => {
    const body = parseBody(CategoryApiBody, req.body);
    const { category } = await addCategory(db, currentUser(res), categoryValuesOfApiBody(body), clock());
    res.status(201).location(`/api/v1/categories/${category.id}`).json({ category: categoryJson(category) });
  });

  return router;
}
