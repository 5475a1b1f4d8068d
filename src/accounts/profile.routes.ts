import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { ROLE_LABEL_KEYS } from '../auth/user';
import { submitForm, type FieldErrors } from '../shared/forms';
import type { Organisation } from '../organisation/organisation';
import { languageChoices, languageInText, resolveLanguage, translate, type Language, type Translate } from '../shared/languages';
import { ChangePasswordForm, PASSWORD_MIN, ProfileForm } from './account.schemas';
import { changeOwnPassword, updateOwnProfile } from './profile.service';

/** Every signed-in user's own page: name, email and password. */
export function profileRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/account', requireUser);

  // Passwords are never shown again; the other typed values are.
  const render = (req: Request, res: Response, status: number, values: Record<string, unknown>, errors: { profile?: FieldErrors; password?: FieldErrors } = {}) => {
    const user = currentUser(res);
    const { t, lang, organisation } = res.locals as { t: Translate; lang: Language; organisation: Organisation };
    res.status(status).render('account/profile', {
      title: t('account.title'),
      passwordMin: PASSWORD_MIN,
      roleLabel: t(ROLE_LABEL_KEYS[user.role]),
      languages: [
        { value: '', label: t('languageChoice.organisationDefault', { language: languageInText(organisation.language, lang) }) },
        ...languageChoices(lang),
      ],
      values: { name: user.name, email: user.email, language: user.language ?? '', ...values, currentPassword: '', oldPassword: '', password: '', confirm: '' },
      profileErrors: errors.profile ?? {},
      passwordErrors: errors.password ?? {},
    });
  };

  router.get('/account', (req, res) => render(req, res, 200, {}));

  router.post('/account', async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(ProfileForm, req.body, (form) => updateOwnProfile(db, user, form, clock()));
    if (!outcome.ok) return render(req, res, 422, { name: req.body?.name, email: req.body?.email, language: req.body?.language }, { profile: outcome.errors });
    // Confirmed in the language just chosen, which the next page is shown in.
    const t = translate(resolveLanguage(outcome.value.language, (res.locals.organisation as Organisation).language), 'staff');
    flash(req, 'success', t(outcome.value.emailChanged ? 'account.flash.savedNewEmail' : 'account.flash.saved'));
    res.redirect(303, '/account');
  });

  router.post('/account/password', async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(ChangePasswordForm, req.body, (form) => changeOwnPassword(db, user, form, clock(), req.sessionID));
    if (!outcome.ok) return render(req, res, 422, {}, { password: outcome.errors });
    flash(req, 'success', res.locals.t('account.flash.passwordChanged'));
    res.redirect(303, '/account');
  });

  return router;
}
