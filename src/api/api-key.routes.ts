import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import type { Translate } from '../shared/languages';
import { createApiKey, getApiKeyPage, revokeApiKey } from './api-key.service';

const ApiKeyIdParams = z.object({ id: z.coerce.number().int().positive() });
const NewApiKeyForm = z.object({
  name: z.string().trim().min(1, 'admin.apiKeys.errors.name').max(100, 'admin.errors.max100'),
  userId: z.coerce.number('admin.apiKeys.errors.user').int().positive('admin.apiKeys.errors.user'),
});

export function apiKeyRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/api-keys', requireRole('admin'));

  const view = (t: Translate, page: Awaited<ReturnType<typeof getApiKeyPage>>, values: Record<string, unknown>, errors: FieldErrors = {}) => ({
    title: t('admin.apiKeys.title'),
    ...page,
    values,
    errors,
  });

  router.get('/admin/api-keys', async (_req, res) => {
    const actor = currentUser(res);
    res.render('admin/api-keys', view(res.locals.t, await getApiKeyPage(db, actor), { userId: actor.id }));
  });

  router.post('/admin/api-keys', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(NewApiKeyForm, req.body, async (form) => ({ form, created: await createApiKey(db, actor, form, clock()) }));
    if (!outcome.ok) return res.status(422).render('admin/api-keys', view(res.locals.t, await getApiKeyPage(db, actor), req.body, outcome.errors));
    const { form, created } = outcome.value;
    // Shown once: the flash is removed from the session as soon as the next page shows it.
    flash(req, 'success', res.locals.t('admin.apiKeys.flash.created', { name: form.name, key: created.key }));
    res.redirect(303, '/admin/api-keys');
  });

  router.post('/admin/api-keys/:id/revoke', async (req, res) => {
    const { id } = parseParams(ApiKeyIdParams, req.params);
    const { name } = await revokeApiKey(db, currentUser(res), id, clock());
    flash(req, 'success', res.locals.t('admin.apiKeys.flash.revoked', { name }));
    res.redirect(303, '/admin/api-keys');
  });

  return router;
}
