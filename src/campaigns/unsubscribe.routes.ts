import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { DEFAULT_LANGUAGE, translate } from '../shared/languages';
import { personalLinkHeaders } from '../shared/personal-link-headers';
import { unknownLinkAnswer } from '../throttle/unknown-link.middleware';
import { UnsubscribeTokenParams } from './campaign.schemas';
import { findUnsubscribeTarget, unsubscribeByToken, type UnsubscribeTarget } from './unsubscribe.service';

function renderPage(res: Response, status: number, target: UnsubscribeTarget | undefined, state: 'ask' | 'done' | 'unknown', token: string): void {
  const lang = target?.lang ?? DEFAULT_LANGUAGE;
  res.locals.lang = lang;
  const t = translate(lang, 'respondent');
  res.status(status).render('campaigns/unsubscribe', { title: t('unsubscribe.title'), t, skipText: t('skipLink'), state, email: target?.maskedEmail ?? '', token });
}

/** The unsubscribe link of every invitation and reminder: /u/<token>. */
export function unsubscribeRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  const refuseUnknown = unknownLinkAnswer(db, clock);
  router.use('/u', personalLinkHeaders);

  // GET only shows the question: link scanners open every link, so a GET never unsubscribes.
  router.get('/u/:token', async (req, res) => {
    const parsed = UnsubscribeTokenParams.safeParse(req.params);
    const token = parsed.success ? parsed.data.token : undefined;
    const target = token ? await findUnsubscribeTarget(db, token) : undefined;
    if (!token || !target) return refuseUnknown(req, res, () => renderPage(res, 404, undefined, 'unknown', ''));
    renderPage(res, 200, target, target.isOptedOut ? 'done' : 'ask', token);
  });

  // RFC 8058 one-click: answers 200 without a redirect, and again for a repeated POST.
  router.post('/u/:token', async (req, res) => {
    const parsed = UnsubscribeTokenParams.safeParse(req.params);
    const isOneClick = req.body?.['List-Unsubscribe'] === 'One-Click';
    const target = parsed.success && isOneClick ? await unsubscribeByToken(db, parsed.data.token, clock()) : undefined;
    if (!target && isOneClick) return refuseUnknown(req, res, () => renderPage(res, 404, undefined, 'unknown', ''));
    renderPage(res, target ? 200 : 400, target, target ? 'done' : 'unknown', '');
  });

  return router;
}
