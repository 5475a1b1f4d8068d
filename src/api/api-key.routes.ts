import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { createApiKey, getApiKeyPage, revokeApiKey } from './api-key.service';

const ApiKeyIdParams = z.object({ id: z.coerce.number().int().positive() });
const NewApiKeyForm = z.object({
  name: z.string().trim().min(1, 'Name the key, e.g. after the system that uses it').max(100, 'Use at most 100 characters'),
  userId: z.coerce.number('Choose the user the key acts as').int().positive('Choose the user the key acts as'),
});

export function apiKeyRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/api-keys', requireRole('admin'));

  const view = (page: Awaited<ReturnType<typeof getApiKeyPage>>, values: Record<string, unknown>, errors: FieldErrors = {}) => ({
    title: 'API keys',
    ...page,
    values,
    errors,
  });

  router.get('/admin/api-keys', async (_req, res) => {
    const actor = currentUser(res);
    res.render('admin/api-keys', view(await getApiKeyPage(db, actor), { userId: actor.id }));
  });

  router.post('/admin/api-keys', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(NewApiKeyForm, req.body, async (form) => ({ form, created: await createApiKey(db, actor, form, clock()) }));
    if (!outcome.ok) return res.status(422).render('admin/api-keys', view(await getApiKeyPage(db, actor), req.body, outcome.errors));
    const { form, created } = outcome.value;
    // Shown once: the flash is removed from the session as soon as the next page shows it.
    flash(req, 'success', `API key "${form.name}" created. Copy it now, it is not shown again: ${created.key}`);
    res.redirect(303, '/admin/api-keys');
  });

  router.post('/admin/api-keys/:id/revoke', async (req, res) => {
    const { id } = parseParams(ApiKeyIdParams, req.params);
    const { name } = await revokeApiKey(db, currentUser(res), id, clock());
    flash(req, 'success', `API key "${name}" revoked.`);
    res.redirect(303, '/admin/api-keys');
  });

  return router;
}
