import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { parseParams } from '../shared/input';
import { fieldErrors } from '../shared/forms';
import { InvitationTokenParams, SetPasswordForm } from './account.schemas';
import { acceptUserInvitation, openUserInvitation, type InvitationAccess } from './user-invitation.service';

const REFUSALS: Record<Exclude<InvitationAccess['kind'], 'open'>, { status: number; message: string }> = {
  unknown: { status: 404, message: 'This invitation link is not valid. Check that the whole link was copied, or ask an admin for a new one.' },
  used: { status: 410, message: 'This invitation link has been used already. Sign in with your email and the password you chose.' },
  expired: { status: 410, message: 'This invitation link has run out. Ask an admin to send you a new one.' },
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
    res.status(status).render('auth/invitation-unavailable', { title: 'Invitation', message, showSignIn: access.kind === 'used' });
  };

  router.get('/invitations/:token', async (req, res) => {
    const { token } = parseParams(InvitationTokenParams, req.params);
    const access = await openUserInvitation(db, token, clock());
    if (access.kind !== 'open') return refuse(res, access);
    res.render('auth/invitation', { title: 'Choose your password', name: access.name, email: access.email, token, errors: {} });
  });

  router.post('/invitations/:token', async (req, res, next) => {
    const { token } = parseParams(InvitationTokenParams, req.params);
    const form = SetPasswordForm.safeParse(req.body);
    if (!form.success) {
      const access = await openUserInvitation(db, token, clock());
      if (access.kind !== 'open') return refuse(res, access);
      return res.status(422).render('auth/invitation', { title: 'Choose your password', name: access.name, email: access.email, token, errors: fieldErrors(form.error) });
    }
    const outcome = await acceptUserInvitation(db, token, form.data.password, clock());
    if (outcome.kind === 'refused') return refuse(res, outcome.access);
    // A new session id for the newly signed-in user, as at sign-in.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = outcome.user.id;
      req.session.flash = [{ type: 'success', message: `Welcome, ${outcome.user.name}. Your password is set; sign in with ${outcome.user.email} from now on.` }];
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, '/')));
    });
  });

  return router;
}
