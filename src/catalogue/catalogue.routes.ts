import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy } from '../auth/middleware';
import { canManageCatalogue } from './catalogue.policy';
import type { FieldErrors } from '../shared/forms';
import { submitForm } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { categoryNameIn, type Category, type MentionSource } from './catalogue';
import { LANGUAGES, type Translate } from '../shared/languages';
import {
  CategoryForm,
  CategoryIdParams,
  MergeForm,
  NewCategoryQuery,
  categoryFormValues,
  categoryValuesOf,
  nameField,
  newCategoryFormValues,
} from './catalogue.schemas';
import {
  addCategory,
  editCategory,
  getCategoryEditPage,
  getNewCategoryPage,
  listCatalogue,
  mergeCategories,
  type CategoryFormOptions,
  type CategoryMergeHook,
  type MentionCoder,
} from './catalogue.service';

const STYLES = ['/static/css/analysis.css'];

export interface CatalogueRouteDeps extends RouteDeps {
  /** Run inside every merge transaction, e.g. tickets following their category to the survivor. */
  categoryMergeHooks?: readonly CategoryMergeHook[];
  /** Codes the mention a new category is started from ("New category…" on the coding page). */
  mentionCoder: MentionCoder;
}

interface FormPage extends CategoryFormOptions {
  title: string;
  category: Category | null;
  values: Record<string, unknown>;
  mention?: MentionSource;
  errors?: FieldErrors;
  mergeErrors?: FieldErrors;
}

/** The category's name in the reader's language. */
const nameFor = (res: Response, category: Category): string => categoryNameIn(category.names, res.locals.lang as string);
const tr = (res: Response): Translate => res.locals.t as Translate;

/** What every catalogue page needs to name categories and their name fields. */
function namingLocals(res: Response) {
  return {
    nameOf: (category: Category) => nameFor(res, category),
    nameFields: LANGUAGES.map((language) => ({ language, name: nameField(language) })),
  };
}

function renderForm(res: Response, status: number, page: FormPage): void {
  res.status(status).render('catalogue/form', { errors: {}, mergeErrors: {}, styles: STYLES, ...namingLocals(res), ...page });
}

/** The problem catalogue: list, add (also from a problem mention), edit, retire and merge categories. */
export function catalogueRoutes(deps: CatalogueRouteDeps): Router {
  const { db, clock, mentionCoder } = deps;
  const mergeHooks = deps.categoryMergeHooks ?? [];
  const router = Router();

  router.get('/catalogue', requirePolicy(canManageCatalogue), async (_req, res) => {
    const categories = await listCatalogue(db, currentUser(res));
    res.render('catalogue/index', { title: tr(res)('catalogue.index.title'), categories, styles: STYLES, ...namingLocals(res) });
  });

  router.get('/catalogue/new', requirePolicy(canManageCatalogue), async (req, res) => {
    const { fromMention } = parseInput(NewCategoryQuery, req.query);
    const { mention, teams, categories } = await getNewCategoryPage(db, currentUser(res), fromMention);
    renderForm(res, 200, { title: tr(res)('catalogue.form.addTitle'), category: null, values: newCategoryFormValues(mention), mention, teams, categories });
  });

  router.post('/catalogue/new', requirePolicy(canManageCatalogue), async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(CategoryForm, req.body, (form) =>
      addCategory(db, user, categoryValuesOf(form), clock(), form.fromMention ? { mentionId: form.fromMention, codeMention: mentionCoder } : undefined),
    );
    if (!outcome.ok) {
      // The page keeps saying which mention it was started from.
      const { fromMention } = parseInput(NewCategoryQuery, { fromMention: req.body?.fromMention });
      const { mention, teams, categories } = await getNewCategoryPage(db, user, fromMention);
      return renderForm(res, 422, { title: tr(res)('catalogue.form.addTitle'), category: null, values: req.body, errors: outcome.errors, mention, teams, categories });
    }
    const { category, codedMention, codedCount } = outcome.value;
    if (codedMention) {
      // Undoable on the coding page, where the manager goes back to.
      flash(req, 'success', tr(res)('catalogue.flash.addedAndCoded', { name: nameFor(res, category), count: codedCount }));
      return res.redirect(303, `/campaigns/${codedMention.campaignId}/coding`);
    }
    flash(req, 'success', tr(res)('catalogue.flash.added', { name: nameFor(res, category) }));
    res.redirect(303, '/catalogue');
  });

  router.get('/catalogue/:id', requirePolicy(canManageCatalogue), async (req, res) => {
    const { id } = parseParams(CategoryIdParams, req.params);
    const { category, survivorId, teams, categories } = await getCategoryEditPage(db, currentUser(res), id);
    if (survivorId !== undefined) return res.redirect(301, `/catalogue/${survivorId}`);
    renderForm(res, 200, { title: tr(res)('catalogue.form.editTitle', { name: nameFor(res, category) }), category, values: categoryFormValues(category), teams, categories });
  });

  router.post('/catalogue/:id', requirePolicy(canManageCatalogue), async (req, res) => {
    const { id } = parseParams(CategoryIdParams, req.params);
    const user = currentUser(res);
    const outcome = await submitForm(CategoryForm, req.body, async (form) => {
      const values = categoryValuesOf(form);
      await editCategory(db, user, id, values, clock());
      return categoryNameIn(values.names, res.locals.lang as string);
    });
    if (!outcome.ok) {
      const { category, teams, categories } = await getCategoryEditPage(db, user, id);
      const values = { ...req.body, isActive: req.body?.isActive === 'on' };
      return renderForm(res, 422, { title: tr(res)('catalogue.form.editTitle', { name: nameFor(res, category) }), category, values, errors: outcome.errors, teams, categories });
    }
    flash(req, 'success', tr(res)('catalogue.flash.saved', { name: outcome.value }));
    res.redirect(303, '/catalogue');
  });

  router.post('/catalogue/:id/merge', requirePolicy(canManageCatalogue), async (req, res) => {
    const { id } = parseParams(CategoryIdParams, req.params);
    const user = currentUser(res);
    const outcome = await submitForm(MergeForm, req.body, (form) => mergeCategories(db, user, id, form.intoId, clock(), mergeHooks));
    if (!outcome.ok) {
      const { category, teams, categories } = await getCategoryEditPage(db, user, id);
      const values = { ...categoryFormValues(category), intoId: req.body?.intoId ?? '' };
      return renderForm(res, 422, { title: tr(res)('catalogue.form.editTitle', { name: nameFor(res, category) }), category, values, mergeErrors: outcome.errors, teams, categories });
    }
    const { from, into } = outcome.value;
    flash(req, 'success', tr(res)('catalogue.flash.merged', { from: nameFor(res, from), into: nameFor(res, into) }));
    res.redirect(303, `/catalogue/${into.id}`);
  });

  return router;
}
