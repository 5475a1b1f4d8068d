import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { ROLES, ROLE_LABELS } from '../auth/user';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { EditUserForm, IdParams, InviteUserForm, TeamForm } from './account.schemas';
import { createTeam, editTeam, editUser, getTeamList, getTeamPage, getUserForm, getUserList } from './account.service';
import { addUser, listUsersAwaitingPassword, resendUserInvitation } from './user-invitation.service';

type UserFormPage = Awaited<ReturnType<typeof getUserForm>>;

function userFormView(page: UserFormPage, values: Record<string, unknown>, errors: FieldErrors = {}) {
  const title = page.user ? `Edit ${page.user.name}` : 'Invite a user';
  return { title, roles: ROLES, roleLabels: ROLE_LABELS, user: page.user, teams: page.teams, values, errors };
}

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
    res.render('admin/users', { title: 'Users', users: await getUserList(db, actor), awaitingPassword: await listUsersAwaitingPassword(db, actor), roleLabels: ROLE_LABELS });
  });

  router.get('/admin/users/new', async (_req, res) => {
    const page = await getUserForm(db, currentUser(res));
    res.render('admin/user-form', userFormView(page, { role: 'member', teamIds: [] }));
  });

  router.post('/admin/users/new', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(InviteUserForm, req.body, async (form) => ({ email: form.email, ...(await addUser(db, actor, form, invitations, clock())) }));
    if (!outcome.ok) {
      const page = await getUserForm(db, actor);
      return res.status(422).render('admin/user-form', userFormView(page, typedUserValues(req.body), outcome.errors));
    }
    const { email, invited } = outcome.value;
    flash(req, 'success', invited ? `Invitation sent to ${email}: the link to set a password works once, for 7 days.` : `User ${email} added with the password you set.`);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/invite', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { email } = await resendUserInvitation(db, currentUser(res), id, invitations, clock());
    flash(req, 'success', `A new invitation link is on its way to ${email}; earlier links no longer work.`);
    res.redirect(303, `/admin/users/${id}`);
  });

  router.get('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const page = await getUserForm(db, currentUser(res), id);
    const values = { name: page.user?.name, role: page.user?.role, isActive: page.user?.isActive, teamIds: page.teamIds };
    res.render('admin/user-form', { ...userFormView(page, values), isAwaitingPassword: (await listUsersAwaitingPassword(db, currentUser(res))).has(id) });
  });

  router.post('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(EditUserForm, req.body, (form) => editUser(db, actor, id, form, clock(), req.sessionID));
    if (!outcome.ok) {
      const page = await getUserForm(db, actor, id);
      return res.status(422).render('admin/user-form', { ...userFormView(page, typedUserValues(req.body), outcome.errors), isAwaitingPassword: (await listUsersAwaitingPassword(db, actor)).has(id) });
    }
    flash(req, 'success', `User ${outcome.value.email} saved.`);
    res.redirect(303, '/admin/users');
  });

  router.get('/admin/teams', async (_req, res) => {
    res.render('admin/teams', { title: 'Teams', teams: await getTeamList(db, currentUser(res)) });
  });

  router.get('/admin/teams/new', (_req, res) => {
    res.render('admin/team-form', { title: 'Add a team', team: null, members: [], values: { isActive: true }, errors: {} });
  });

  router.post('/admin/teams/new', async (req, res) => {
    const outcome = await submitForm(TeamForm, req.body, async (form) => {
      await createTeam(db, currentUser(res), form, clock());
      return form;
    });
    if (!outcome.ok) {
      return res.status(422).render('admin/team-form', { title: 'Add a team', team: null, members: [], values: req.body, errors: outcome.errors });
    }
    flash(req, 'success', `Team ${outcome.value.name} added.`);
    res.redirect(303, '/admin/teams');
  });

  router.get('/admin/teams/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { team, members } = await getTeamPage(db, currentUser(res), id);
    res.render('admin/team-form', { title: `Edit ${team.name}`, team, members, values: team, errors: {} });
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
      return res.status(422).render('admin/team-form', { title: `Edit ${team.name}`, team, members, values, errors: outcome.errors });
    }
    flash(req, 'success', `Team ${outcome.value.name} saved.`);
    res.redirect(303, '/admin/teams');
  });

  return router;
}
