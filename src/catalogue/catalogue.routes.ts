import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireUser } from '../auth/middleware';
import { canManageSurveys } from '../auth/user.policy';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { fieldErrors } from '../shared/forms';
import { codeMentions } from '../analysis/coding.service';
import { CategoryForm, CategoryIdParams, MergeForm } from './catalogue.schemas';
import { findCategoryById, listCategories, listTeamsForCatalogue, resolveCategoryId, type Category } from './catalogue.repository';
import { createCategory, editCategory, mergeCategories } from './catalogue.service';
import { parseParams } from '../shared/input';

const STYLES = ['/static/css/analysis.css'];

/** A saved category as the edit form's field values. */
function formValuesOf(category: Category) {
  return {
    nameEn: category.names.en,
    nameSv: category.names.sv,
    nameDa: category.names.da,
    description: category.description ?? '',
    keywords: category.keywords.join(', '),
    teamId: category.teamId ?? '',
    isActive: category.isActive,
  };
}

function requireManager(res: Response) {
  const user = currentUser(res);
  if (!canManageSurveys(user)) throw new ForbiddenError('the catalogue is kept by quality managers');
  return user;
}

export function catalogueRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  const formPage = async (extra: Record<string, unknown>) => ({
    teams: await listTeamsForCatalogue(db),
    categories: await listCategories(db),
    errors: {},
    mergeErrors: {},
    styles: STYLES,
    ...extra,
  });

  router.get('/catalogue', requireUser, async (_req, res) => {
    requireManager(res);
    res.render('catalogue/index', { title: 'Problem catalogue', categories: await listCategories(db, { includeMerged: true }), styles: STYLES });
  });

  router.get('/catalogue/new', requireUser, async (req, res) => {
    requireManager(res);
    const fromMention = Number(req.query.fromMention) || undefined;
    const mention = fromMention
      ? await db.selectFrom('problem_mention').select(['id', 'text', 'campaign_id']).where('id', '=', fromMention).executeTakeFirst()
      : undefined;
    const text = mention?.text.slice(0, 200) ?? '';
    res.render(
      'catalogue/form',
      await formPage({ title: 'Add a category', category: null, values: { nameEn: text, nameSv: text, nameDa: text, fromMention: mention?.id ?? '' }, mention }),
    );
  });

  router.post('/catalogue/new', requireUser, async (req, res) => {
    const user = requireManager(res);
    const form = CategoryForm.safeParse(req.body);
    const render = async (errors: object) =>
      res.status(422).render('catalogue/form', await formPage({ title: 'Add a category', category: null, values: req.body, errors }));
    if (!form.success) return render(fieldErrors(form.error));
    const v = form.data;
    let id: number;
    try {
      id = await createCategory(db, user, { names: { en: v.nameEn, sv: v.nameSv, da: v.nameDa }, description: v.description, keywords: v.keywords, teamId: v.teamId }, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    if (v.fromMention) {
      // "New category from a mention": the mention is coded to it at once, undoable on the coding page.
      const mention = await db.selectFrom('problem_mention').select(['id', 'campaign_id']).where('id', '=', v.fromMention).executeTakeFirst();
      if (mention) {
        await codeMentions(db, user, [mention.id], id, clock());
        flash(req, 'success', `Category ${v.nameEn} added and the mention coded to it.`);
        return res.redirect(303, `/campaigns/${mention.campaign_id}/coding`);
      }
    }
    flash(req, 'success', `Category ${v.nameEn} added.`);
    res.redirect(303, '/catalogue');
  });

  router.get('/catalogue/:id', requireUser, async (req, res) => {
    requireManager(res);
    const { id } = parseParams(CategoryIdParams, req.params);
    const category = await findCategoryById(db, id);
    if (!category) throw new NotFoundError(`category ${id}`);
    if (category.mergedIntoId !== null) {
      // A merged id keeps working: it leads to the category it was merged into.
      const survivor = await resolveCategoryId(db, id);
      if (survivor) return res.redirect(301, `/catalogue/${survivor}`);
    }
    const values = formValuesOf(category);
    res.render('catalogue/form', await formPage({ title: `Edit ${category.names.en}`, category, values }));
  });

  router.post('/catalogue/:id', requireUser, async (req, res) => {
    const user = requireManager(res);
    const { id } = parseParams(CategoryIdParams, req.params);
    const category = await findCategoryById(db, id);
    if (!category) throw new NotFoundError(`category ${id}`);
    const form = CategoryForm.safeParse(req.body);
    const render = async (errors: object) =>
      res.status(422).render('catalogue/form', await formPage({ title: `Edit ${category.names.en}`, category, values: { ...req.body, isActive: req.body.isActive === 'on' }, errors }));
    if (!form.success) return render(fieldErrors(form.error));
    const v = form.data;
    try {
      await editCategory(db, user, id, { names: { en: v.nameEn, sv: v.nameSv, da: v.nameDa }, description: v.description, keywords: v.keywords, teamId: v.teamId, isActive: Boolean(v.isActive) }, clock());
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    flash(req, 'success', `Category ${v.nameEn} saved.`);
    res.redirect(303, '/catalogue');
  });

  router.post('/catalogue/:id/merge', requireUser, async (req, res) => {
    const user = requireManager(res);
    const { id } = parseParams(CategoryIdParams, req.params);
    const category = await findCategoryById(db, id);
    if (!category) throw new NotFoundError(`category ${id}`);
    const values = { ...formValuesOf(category), intoId: req.body?.intoId ?? '' };
    const render = async (mergeErrors: object) =>
      res.status(422).render('catalogue/form', await formPage({ title: `Edit ${category.names.en}`, category, values, mergeErrors }));
    const form = MergeForm.safeParse(req.body);
    if (!form.success) return render(fieldErrors(form.error));
    try {
      const { into } = await mergeCategories(db, user, id, form.data.intoId, clock());
      flash(req, 'success', `${category.names.en} merged into ${into.names.en}.`);
    } catch (error) {
      if (error instanceof ValidationError) return render(error.fields);
      throw error;
    }
    res.redirect(303, `/catalogue/${form.data.intoId}`);
  });

  return router;
}
