import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { DeliveryParams, EndpointEditForm, EndpointForm, EndpointIdParams } from './webhook.schemas';
import {
  createWebhookEndpoint,
  getWebhookEndpointPage,
  getWebhookListPage,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookContext,
} from './webhook.service';

const STYLES = ['/static/css/webhooks.css'];

export function webhookRoutes({ db, clock, config, sessionSecret }: RouteDeps): Router {
  const router = Router();
  router.use('/admin/webhooks', requireRole('admin'));
  const context = (): WebhookContext => ({ serverSecret: sessionSecret, allowLoopback: config.webhookAllowLoopback, now: clock() });

  // A message with values ("The host … could not be found") is filled in here; the field partial shows it as it is.
  const filled = (res: Response, errors: FieldErrors, vars: Record<string, unknown> = {}): FieldErrors =>
    Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages?.map((m) => res.locals.t(m, vars))]));
  const listView = (page: Awaited<ReturnType<typeof getWebhookListPage>>, values: Record<string, unknown>, errors: FieldErrors = {}, title = 'Webhooks') => ({
    title,
    styles: STYLES,
    ...page,
    values,
    errors,
  });
  const endpointView = (page: Awaited<ReturnType<typeof getWebhookEndpointPage>>, values: Record<string, unknown>, errors: FieldErrors = {}) => ({
    title: page.endpoint.description || page.endpoint.url,
    styles: STYLES,
    ...page,
    values,
    errors,
  });

  router.get('/admin/webhooks', async (_req, res) => {
    res.render('admin/webhooks', listView(await getWebhookListPage(db, currentUser(res)), { events: [] }, {}, res.locals.t('admin.webhooks.title')));
  });

  router.post('/admin/webhooks', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(EndpointForm, req.body, (form) => createWebhookEndpoint(db, actor, form, context()));
    if (!outcome.ok) return res.status(422).render('admin/webhooks', listView(await getWebhookListPage(db, actor), req.body, filled(res, outcome.errors, outcome.vars), res.locals.t('admin.webhooks.title')));
    // Shown once: the flash is removed from the session as soon as the next page shows it.
    flash(req, 'success', res.locals.t('admin.webhooks.flash.added', { secret: outcome.value.secret }));
    res.redirect(303, `/admin/webhooks/${outcome.value.id}`);
  });

  router.get('/admin/webhooks/:id', async (req, res) => {
    const { id } = parseParams(EndpointIdParams, req.params);
    const page = await getWebhookEndpointPage(db, currentUser(res), id);
    res.render('admin/webhooks-endpoint', endpointView(page, { ...page.endpoint }));
  });

  router.post('/admin/webhooks/:id', async (req, res) => {
    const { id } = parseParams(EndpointIdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(EndpointEditForm, req.body, (form) => updateWebhookEndpoint(db, actor, id, form, context()));
    if (!outcome.ok) {
      const page = await getWebhookEndpointPage(db, actor, id);
      return res.status(422).render('admin/webhooks-endpoint', endpointView(page, { ...req.body, isActive: req.body?.isActive === 'on' }, filled(res, outcome.errors, outcome.vars)));
    }
    flash(req, 'success', outcome.value.isActive ? res.locals.t('admin.webhooks.flash.saved') : res.locals.t('admin.webhooks.flash.savedOff'));
    res.redirect(303, `/admin/webhooks/${id}`);
  });

  router.post('/admin/webhooks/:id/secret', async (req, res) => {
    const { id } = parseParams(EndpointIdParams, req.params);
    const { secret } = await rotateWebhookSecret(db, currentUser(res), id, context());
    flash(req, 'success', res.locals.t('admin.webhooks.flash.newSecret', { secret }));
    res.redirect(303, `/admin/webhooks/${id}`);
  });

  router.post('/admin/webhooks/:id/deliveries/:deliveryId/resend', async (req, res) => {
    const { id, deliveryId } = parseParams(DeliveryParams, req.params);
    await resendWebhookDelivery(db, currentUser(res), id, deliveryId, clock());
    flash(req, 'success', res.locals.t('admin.webhooks.flash.resent'));
    res.redirect(303, `/admin/webhooks/${id}`);
  });

  return router;
}
