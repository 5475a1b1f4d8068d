import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { flash, requireRole } from '../auth/middleware';
import { NotFoundError } from '../shared/errors';
import { findUnsubscribeTarget, unsubscribeByToken } from '../campaigns/campaign.service';
import { languageOf } from '../campaigns/campaign';
import { OUTBOX_STATUSES, TOKEN_MARKER } from './mail';
import { countOutboxByStatus, deleteSuppression, findOutboxMail, listOutbox, listSuppressions } from './outbox.repository';
import { parseParams, parseInput } from '../shared/input';

const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const OutboxQuery = z.object({ status: z.enum(OUTBOX_STATUSES).optional().catch(undefined) });
const SuppressionForm = z.object({ email: z.string().trim().toLowerCase().min(3).max(254) });

const TEXTS = {
  en: { title: 'Unsubscribe', ask: 'Do you want to stop receiving survey mails from us at {{email}}?', button: 'Unsubscribe', done: 'You are unsubscribed. You will not receive survey mails from us at {{email}} any more.', unknown: 'This unsubscribe link is not valid.' },
  sv: { title: 'Avregistrera', ask: 'Vill du sluta få enkätmejl från oss till {{email}}?', button: 'Avregistrera mig', done: 'Du är avregistrerad. Du får inga fler enkätmejl från oss till {{email}}.', unknown: 'Den här avregistreringslänken är inte giltig.' },
  da: { title: 'Afmeld', ask: 'Vil du stoppe med at modtage undersøgelsesmails fra os på {{email}}?', button: 'Afmeld mig', done: 'Du er afmeldt. Du modtager ikke flere undersøgelsesmails fra os på {{email}}.', unknown: 'Dette afmeldingslink er ikke gyldigt.' },
};

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}…@${domain}`;
}

export function mailRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  // GET only shows the question: link scanners open every link, so a GET never unsubscribes.
  router.get('/u/:token', async (req, res) => {
    const parsed = TokenParams.safeParse(req.params);
    const target = parsed.success ? await findUnsubscribeTarget(db, parsed.data.token) : undefined;
    const lang = target ? languageOf(target.language, target.customerLanguage) : 'en';
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    res.locals.lang = lang;
    res.status(target ? 200 : 404).render('mail/unsubscribe', {
      title: TEXTS[lang].title,
      t: TEXTS[lang],
      state: target ? (target.optedOutAt ? 'done' : 'ask') : 'unknown',
      email: target ? maskEmail(target.email) : '',
      token: parsed.success ? parsed.data.token : '',
    });
  });

  // RFC 8058 one-click: answers 200 without a redirect, and again for a repeated POST.
  router.post('/u/:token', async (req, res) => {
    const parsed = TokenParams.safeParse(req.params);
    const isOneClick = req.body?.['List-Unsubscribe'] === 'One-Click';
    const target = parsed.success && isOneClick ? await unsubscribeByToken(db, parsed.data.token, clock()) : undefined;
    const ok = target !== undefined;
    const lang = target ? languageOf(target.language, target.customerLanguage) : 'en';
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    res.locals.lang = lang;
    res.status(ok ? 200 : isOneClick ? 404 : 400).render('mail/unsubscribe', {
      title: TEXTS[lang].title,
      t: TEXTS[lang],
      state: ok ? 'done' : 'unknown',
      email: target ? maskEmail(target.email) : '',
      token: '',
    });
  });

  router.use('/admin/outbox', requireRole('admin'));
  router.use('/admin/suppressions', requireRole('admin'));

  router.get('/admin/outbox', async (req, res) => {
    const { status } = parseInput(OutboxQuery, req.query);
    res.render('mail/outbox', {
      title: 'Mail outbox',
      mails: await listOutbox(db, { status }),
      counts: await countOutboxByStatus(db),
      statuses: OUTBOX_STATUSES,
      status: status ?? '',
    });
  });

  router.get('/admin/outbox/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const mail = await findOutboxMail(db, id);
    if (!mail) throw new NotFoundError(`mail ${id}`);
    // Personal tokens are never stored; the stored mail shows where the worker puts them.
    const shown = (s: string) => s.split(TOKEN_MARKER).join('<personal-token>');
    res.render('mail/outbox-mail', {
      title: `Mail ${id}`,
      mail,
      text: shown(mail.text_body),
      html: shown(mail.html_body),
      headers: Object.entries(JSON.parse(mail.headers) as Record<string, string>).map(([k, v]) => [k, shown(v)]),
    });
  });

  router.get('/admin/suppressions', async (_req, res) => {
    res.render('mail/suppressions', { title: 'Suppressed addresses', suppressions: await listSuppressions(db) });
  });

  router.post('/admin/suppressions/delete', async (req, res) => {
    const form = SuppressionForm.safeParse(req.body);
    if (form.success) {
      await deleteSuppression(db, form.data.email);
      flash(req, 'success', `${form.data.email} may be mailed again.`);
    }
    res.redirect(303, '/admin/suppressions');
  });

  return router;
}
