import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import type { CurrentUser } from '../auth/user';
import { ValidationError } from '../shared/errors';
import { fieldErrors } from '../shared/forms';
import { listActiveUsersForKam } from '../customers/customer.repository';
import { createApiKey, getApiKeys, revokeApiKey } from './api-key.service';
import { parseParams } from '../shared/input';

const ApiKeyIdParams = z.object({ id: z.coerce.number().int().positive() });
const NewApiKeyForm = z.object({
  name: z.string().trim().min(1, 'Name the key, e.g. after the system that uses it').max(100, 'Use at most 100 characters'),
  userId: z.coerce.number('Choose the user the key acts as').int().positive('Choose the user the key acts as'),
});

export function apiKeyRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/api-keys', requireRole('admin'));

  const page = async (actor: CurrentUser, values: Record<string, unknown>, errors: object) => ({
    title: 'API keys',
    keys: await getApiKeys(db, actor),
    users: await listActiveUsersForKam(db),
    values,
    errors,
  });

  router.get('/admin/api-keys', async (_req, res) => {
    const actor = currentUser(res);
    res.render('admin/api-keys', await page(actor, { userId: actor.id }, {}));
  });

  router.post('/admin/api-keys', async (req, res) => {
    const actor = currentUser(res);
    const render = async (errors: object) => res.status(422).render('admin/api-keys', await page(actor, req.body, errors));
    const form = NewApiKeyForm.safeParse(req.body);
    if (!form.success) return render(fieldErrors(form.error));
    let created;
    try {
      created = await createApiKey(db, actor, form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    // Shown once: the flash is removed from the session as soon as the next page shows it.
    flash(req, 'success', `API key "${form.data.name}" created. Copy it now, it is not shown again: ${created.key}`);
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
