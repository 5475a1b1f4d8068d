import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { parseParams } from '../shared/input';
import { fieldErrors } from '../shared/forms';
import { InvitationTokenParams, SetPasswordForm } from './account.schemas';
import type { Translate } from '../shared/languages';
import { acceptUserInvitation, openUserInvitation, type InvitationAccess } from './user-invitation.service';

const REFUSALS: Record<Exclude<InvitationAccess['kind'], 'open'>, { status: number; message: string }> = {
  unknown: { status: 404, message: 'auth.invitation.unknown' },
  used: { status: 410, message: 'auth.invitation.used' },
  expired: { status: 410, message: 'auth.invitation.expired' },
};

/** The invitation link: GET shows the form (it changes nothing), POST sets the password and signs in. */
export function invitationRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  // The page carries a CSRF token and the token is in the address: never cached, never passed on.
  router.use('/invitations', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    next();
  });

  const refuse = (res: Response, access: Exclude<InvitationAccess, { kind: 'open' }>) => {
    const { status, message } = REFUSALS[access.kind];
    const t = res.locals.t as Translate;
    res.status(status).render('auth/invitation-unavailable', { title: t('auth.invitation.title'), message: t(message), showSignIn: access.kind === 'used' });
  };

  router.get('/invitations/:token', async (req, res) => {
    const { token } = parseParams(InvitationTokenParams, req.params);
    const access = await openUserInvitation(db, token, clock());
    if (access.kind !== 'open') return refuse(res, access);
    res.render('auth/invitation', { title: (res.locals.t as Translate)('auth.invitation.choosePassword'), name: access.name, email: access.email, token, errors: {} });
  });

  router.post('/invitations/:token', async (req, res, next) => {
    const { token } = parseParams(InvitationTokenParams, req.params);
    const form = SetPasswordForm.safeParse(req.body);
    if (!form.success) {
      const access = await openUserInvitation(db, token, clock());
      if (access.kind !== 'open') return refuse(res, access);
      return res.status(422).render('auth/invitation', { title: (res.locals.t as Translate)('auth.invitation.choosePassword'), name: access.name, email: access.email, token, errors: fieldErrors(form.error) });
    }
    const outcome = await acceptUserInvitation(db, token, form.data.password, clock());
    if (outcome.kind === 'refused') return refuse(res, outcome.access);
    // A new session id for the newly signed-in user, as at sign-in.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = outcome.user.id;
      const t = res.locals.t as Translate;
      req.session.flash = [{ type: 'success', message: t('auth.invitation.flash.welcome', { name: outcome.user.name, email: outcome.user.email }) }];
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, '/')));
    });
  });

  return router;
}
