import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { ROLES } from '../auth/user';
import type { Organisation } from '../organisation/organisation';
import { languageChoices, type Language, type Translate } from '../shared/languages';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { EditUserForm, IdParams, InviteUserForm, TeamForm } from './account.schemas';
import { createTeam, editTeam, editUser, getTeamList, getTeamPage, getUserForm, getUserList } from './account.service';
import { addUser, listUsersAwaitingPassword, resendUserInvitation } from './user-invitation.service';

type UserFormPage = Awaited<ReturnType<typeof getUserForm>>;

function userFormView(res: Response, page: UserFormPage, values: Record<string, unknown>, errors: FieldErrors = {}) {
  const { t, lang, labels } = res.locals as { t: Translate; lang: Language; labels: { role: Record<string, string> } };
  const title = page.user ? t('admin.users.editTitle', { name: page.user.name }) : t('admin.users.inviteTitle');
  return { title, roles: ROLES, roleLabels: labels.role, languages: languageChoices(lang), user: page.user, teams: page.teams, values, errors };
}

const tOf = (res: Response) => res.locals.t as Translate;

/** What the user typed, for the re-rendered form: never the password, teams as numbers. */
function typedUserValues(body: Record<string, unknown>) {
  return { ...body, password: '', isActive: body.isActive === 'on', teamIds: [body.teamIds ?? []].flat().map(Number) };
}

export function accountRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  const invitations = { baseUrl: config.baseUrl };
  router.use('/admin', requireRole('admin'));

  router.get('/admin/users', async (_req, res) => {
    const actor = currentUser(res);
    res.render('admin/users', { title: tOf(res)('admin.users.title'), users: await getUserList(db, actor), awaitingPassword: await listUsersAwaitingPassword(db, actor), roleLabels: res.locals.labels.role });
  });

  router.get('/admin/users/new', async (_req, res) => {
    const page = await getUserForm(db, currentUser(res));
    const organisation = res.locals.organisation as Organisation | undefined;
    res.render('admin/user-form', userFormView(res, page, { role: 'member', teamIds: [], language: organisation?.language ?? '' }));
  });

  router.post('/admin/users/new', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(InviteUserForm, req.body, async (form) => ({ email: form.email, ...(await addUser(db, actor, form, invitations, clock())) }));
    if (!outcome.ok) {
      const page = await getUserForm(db, actor);
      return res.status(422).render('admin/user-form', userFormView(res, page, typedUserValues(req.body), outcome.errors));
    }
    const { email, invited } = outcome.value;
    flash(req, 'success', invited ? tOf(res)('admin.users.flash.invited', { email }) : tOf(res)('admin.users.flash.added', { email }));
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/invite', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { email } = await resendUserInvitation(db, currentUser(res), id, invitations, clock());
    flash(req, 'success', tOf(res)('admin.users.flash.reinvited', { email }));
    res.redirect(303, `/admin/users/${id}`);
  });

  router.get('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const page = await getUserForm(db, currentUser(res), id);
    const values = { name: page.user?.name, role: page.user?.role, isActive: page.user?.isActive, teamIds: page.teamIds };
    res.render('admin/user-form', { ...userFormView(res, page, values), isAwaitingPassword: (await listUsersAwaitingPassword(db, currentUser(res))).has(id) });
  });

  router.post('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(EditUserForm, req.body, (form) => editUser(db, actor, id, form, clock(), req.sessionID));
    if (!outcome.ok) {
      const page = await getUserForm(db, actor, id);
      return res.status(422).render('admin/user-form', { ...userFormView(res, page, typedUserValues(req.body), outcome.errors), isAwaitingPassword: (await listUsersAwaitingPassword(db, actor)).has(id) });
    }
    flash(req, 'success', tOf(res)('admin.users.flash.saved', { email: outcome.value.email }));
    res.redirect(303, '/admin/users');
  });

  router.get('/admin/teams', async (_req, res) => {
    res.render('admin/teams', { title: tOf(res)('admin.teams.title'), teams: await getTeamList(db, currentUser(res)) });
  });

  router.get('/admin/teams/new', (_req, res) => {
    res.render('admin/team-form', { title: tOf(res)('admin.teams.addTitle'), team: null, members: [], values: { isActive: true }, errors: {} });
  });

  router.post('/admin/teams/new', async (req, res) => {
    const outcome = await submitForm(TeamForm, req.body, async (form) => {
      await createTeam(db, currentUser(res), form, clock());
      return form;
    });
    if (!outcome.ok) {
      return res.status(422).render('admin/team-form', { title: tOf(res)('admin.teams.addTitle'), team: null, members: [], values: req.body, errors: outcome.errors });
    }
    flash(req, 'success', tOf(res)('admin.teams.flash.added', { name: outcome.value.name }));
    res.redirect(303, '/admin/teams');
  });

  router.get('/admin/teams/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { team, members } = await getTeamPage(db, currentUser(res), id);
    res.render('admin/team-form', { title: tOf(res)('admin.teams.editTitle', { name: team.name }), team, members, values: team, errors: {} });
  });

  router.post('/admin/teams/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const actor = currentUser(res);
    // An unticked checkbox sends nothing: no value means "not active" on this form.
    const body = { ...req.body, isActive: req.body.isActive ?? 'off' };
    const outcome = await submitForm(TeamForm, body, async (form) => {
      await editTeam(db, actor, id, form, clock());
      return form;
    });
    if (!outcome.ok) {
      const { team, members } = await getTeamPage(db, actor, id);
      const values = { ...req.body, isActive: req.body.isActive === 'on' };
      return res.status(422).render('admin/team-form', { title: tOf(res)('admin.teams.editTitle', { name: team.name }), team, members, values, errors: outcome.errors });
    }
    flash(req, 'success', tOf(res)('admin.teams.flash.saved', { name: outcome.value.name }));
    res.redirect(303, '/admin/teams');
  });

  return router;
}
