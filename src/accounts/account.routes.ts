import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { ROLES, ROLE_LABELS } from '../auth/user';
import { ValidationError, NotFoundError } from '../shared/errors';
import { fieldErrors } from '../shared/forms';
import { EditUserForm, IdParams, NewUserForm, TeamForm } from './account.schemas';
import { createTeam, createUser, editTeam, editUser } from './account.service';
import { findTeamById, listTeamMembers, listTeams } from './team.repository';
import { findUserById, listTeamIdsOfUser, listUsers } from './user.repository';
import { parseParams } from '../shared/input';

export function accountRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin', requireRole('admin'));

  const userFormPage = async (extra: Record<string, unknown>) => ({
    roles: ROLES,
    roleLabels: ROLE_LABELS,
    teams: await listTeams(db, { activeOnly: true }),
    errors: {},
    ...extra,
  });

  router.get('/admin/users', async (_req, res) => {
    res.render('admin/users', { title: 'Users', users: await listUsers(db), roleLabels: ROLE_LABELS });
  });

  router.get('/admin/users/new', async (_req, res) => {
    res.render('admin/user-form', await userFormPage({ title: 'Add a user', user: null, values: { role: 'member', teamIds: [] } }));
  });

  router.post('/admin/users/new', async (req, res) => {
    const form = NewUserForm.safeParse(req.body);
    const values = { ...req.body, password: '', teamIds: [req.body.teamIds ?? []].flat() };
    if (!form.success) {
      return res.status(422).render('admin/user-form', await userFormPage({ title: 'Add a user', user: null, values, errors: fieldErrors(form.error) }));
    }
    try {
      await createUser(db, currentUser(res), form.data, clock());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return res.status(422).render('admin/user-form', await userFormPage({ title: 'Add a user', user: null, values, errors: error.fields }));
    }
    flash(req, 'success', `User ${form.data.email} added.`);
    res.redirect(303, '/admin/users');
  });

  router.get('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = await findUserById(db, id);
    if (!user) throw new NotFoundError(`user ${id}`);
    const values = { name: user.name, role: user.role, isActive: user.isActive, teamIds: await listTeamIdsOfUser(db, id) };
    res.render('admin/user-form', await userFormPage({ title: `Edit ${user.name}`, user, values }));
  });

  router.post('/admin/users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = await findUserById(db, id);
    if (!user) throw new NotFoundError(`user ${id}`);
    const form = EditUserForm.safeParse(req.body);
    const values = { ...req.body, password: '', isActive: req.body.isActive === 'on', teamIds: [req.body.teamIds ?? []].flat().map(Number) };
    if (!form.success) {
      return res.status(422).render('admin/user-form', await userFormPage({ title: `Edit ${user.name}`, user, values, errors: fieldErrors(form.error) }));
    }
    await editUser(db, currentUser(res), id, form.data, clock());
    flash(req, 'success', `User ${user.email} saved.`);
    res.redirect(303, '/admin/users');
  });

  router.get('/admin/teams', async (_req, res) => {
    res.render('admin/teams', { title: 'Teams', teams: await listTeams(db) });
  });

  router.get('/admin/teams/new', (_req, res) => {
    res.render('admin/team-form', { title: 'Add a team', team: null, members: [], values: { isActive: true }, errors: {} });
  });

  router.post('/admin/teams/new', async (req, res) => {
    const form = TeamForm.safeParse(req.body);
    const render = (errors: object) =>
      res.status(422).render('admin/team-form', { title: 'Add a team', team: null, members: [], values: req.body, errors });
    if (!form.success) return render(fieldErrors(form.error));
    try {
      await createTeam(db, currentUser(res), form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Team ${form.data.name} added.`);
    res.redirect(303, '/admin/teams');
  });

  router.get('/admin/teams/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const team = await findTeamById(db, id);
    if (!team) throw new NotFoundError(`team ${id}`);
    res.render('admin/team-form', { title: `Edit ${team.name}`, team, members: await listTeamMembers(db, id), values: team, errors: {} });
  });

  router.post('/admin/teams/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const team = await findTeamById(db, id);
    if (!team) throw new NotFoundError(`team ${id}`);
    const form = TeamForm.safeParse({ ...req.body, isActive: req.body.isActive ?? 'off' });
    const render = async (errors: object) =>
      res.status(422).render('admin/team-form', {
        title: `Edit ${team.name}`,
        team,
        members: await listTeamMembers(db, id),
        values: { ...req.body, isActive: req.body.isActive === 'on' },
        errors,
      });
    if (!form.success) return render(fieldErrors(form.error));
    try {
      await editTeam(db, currentUser(res), id, form.data, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Team ${form.data.name} saved.`);
    res.redirect(303, '/admin/teams');
  });

  return router;
}
