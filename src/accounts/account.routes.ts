import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { ROLES, ROLE_LABELS } from '../auth/user';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { EditUserForm, IdParams, NewUserForm, TeamForm } from './account.schemas';
import { createTeam, createUser, editTeam, editUser, getTeamList, getTeamPage, getUserForm, getUserList } from './account.service';

type UserFormPage = Awaited<ReturnType<typeof getUserForm>>;

function userFormView(page: UserFormPage, values: Record<string, unknown>, errors: FieldErrors = {}) {
  const title = page.user ? `Edit ${page.user.name}` : 'Add a user';
  return { title, roles: ROLES, roleLabels: ROLE_LABELS, user: page.user, teams: page.teams, values, errors };
}

/** What the user typed, for the re-rendered form: never the password, teams as numbers. */
function typedUserValues(body: Record<string, unknown>) {
  return { ...body, password: '', isActive: body.isActive === 'on', teamIds: [body.teamIds ?? []].flat().map(Number) };
}

export function accountRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin', requireRole('admin'));

  router.get('/admin/users', async (_req, res) => {
    res.render('admin/users', { title: 'Users', users: await getUserList(db, currentUser(res)), roleLabels: ROLE_LABELS });
  });

  router.get('/admin/users/new', async (_req, res) => {
    const page = await getUserForm(db, currentUser(res));
    res.render('admin/user-form', userFormView(page, { role: 'member', teamIds: [] }));
  });

  router.post('/admin/users/new', async (req, res) => {
    const actor = currentUser(res);
    const outcome = await submitForm(NewUserForm, req.body, async (form) => {
      await createUser(db, actor, form, clock());
      return form;
    });
    if (!outcome.ok) {
      const page = await getUserForm(db, actor);
      return res.status(422).render('admin/user-form', userFormView(page, typedUserValues(req.body), outcome.errors));
    }
    flash(req, 'success', `User ${outcome.value.email} added.`);
    res.redirect(303, '/admin/users');
  });

  router.get('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const page = await getUserForm(db, currentUser(res), id);
    const values = { name: page.user?.name, role: page.user?.role, isActive: page.user?.isActive, teamIds: page.teamIds };
    res.render('admin/user-form', userFormView(page, values));
  });

  router.post('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const actor = currentUser(res);
    const outcome = await submitForm(EditUserForm, req.body, (form) => editUser(db, actor, id, form, clock(), req.sessionID));
    if (!outcome.ok) {
      const page = await getUserForm(db, actor, id);
      return res.status(422).render('admin/user-form', userFormView(page, typedUserValues(req.body), outcome.errors));
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
