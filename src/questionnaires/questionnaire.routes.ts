import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy } from '../auth/middleware';
import { canEditQuestionnaires } from './questionnaire.policy';
import { surveyPreviewLocals } from '../surveys/preview-page';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import { NAMED_TOUCHPOINTS } from '../surveys/touchpoint';
import { isStepped, QUESTION_TYPES } from '../surveys/survey-definition';
import { countMissingByLanguage, type ConditionTarget, type StoredQuestion } from './questionnaire';
import { blankQuestion, questionFormValues } from './questionnaire-form';
import {
  autosaveAnswer,
  conditionOrderInReaderLanguage,
  describePlace,
  inlineTextsAnswer,
  inReaderLanguage,
  isAutosave,
  languagesFor,
  parsePastedJson,
  problemsInReaderLanguage,
  readerErrors,
  readerIssues,
  textFor,
  tr,
  translatedErrors,
  typedValues,
  typeNamesFor,
  wantsJson,
} from './questionnaire-reader';
import { readShippedTemplates } from './questionnaire-import.service';
import {
  ChangesQuery,
  DetailsForm,
  ImportForm,
  MoveForm,
  NewQuestionnaireForm,
  OrderForm,
  NewQuestionQuery,
  PreviewQuery,
  PublishForm,
  QuestionForm,
  QuestionnaireParams,
  QuestionParams,
  QuestionTextsForm,
  SectionForm,
  SectionParams,
  VersionParams,
} from './questionnaire.schemas';
import {
  addQuestion,
  addSection,
  createQuestionnaire,
  exportQuestionnaireVersion,
  getNewQuestionnaireChoices,
  getPublishReview,
  getQuestion,
  getQuestionnaireEditor,
  getSection,
  getVersionChanges,
  importQuestionnaireDefinition,
  listQuestionnaireSummaries,
  moveQuestion,
  moveSection,
  previewQuestionnaire,
  publishQuestionnaire,
  removeQuestion,
  removeSection,
  reorderQuestionnaire,
  saveQuestion,
  saveQuestionTexts,
  updateQuestionnaireDetails,
  updateSection,
  type TemplateRegistry,
} from './questionnaire.service';

export interface QuestionnaireRouteDeps extends RouteDeps {
  /** The templates campaigns launch with; publishing updates it. */
  registry: TemplateRegistry;
}

const STYLES = ['/static/css/questionnaires.css'];
const SCRIPTS = ['/static/js/questionnaire-editor.js'];

/** The questionnaire builder: list, new, import, editor, preview, publish, changes, export. */
export function questionnaireRoutes(deps: QuestionnaireRouteDeps): Router {
  const { db, clock, registry, config } = deps;
  const router = Router();
  // Authorization before any input is read: other roles never see a form or a validation message.
  router.use('/questionnaires', requirePolicy(canEditQuestionnaires));
  const shipped = () => readShippedTemplates(config.surveysDir);
  const base = (id: number) => `/questionnaires/${id}`;

  const renderIndex = async (res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors, imported?: unknown) => {
    const questionnaires = await listQuestionnaireSummaries(db, currentUser(res), res.locals.lang as Language);
    const shown = imported === undefined ? errors : { ...errors, ...(errors.json ? { json: readerIssues(res, errors.json, imported) } : {}) };
    res.status(status).render('questionnaires/index', { title: tr(res, 'questionnaires.title.index'), styles: STYLES, questionnaires, languages: languagesFor(res), values, errors: shown });
  };

  router.get('/questionnaires', async (_req, res) => renderIndex(res, 200, {}, {}));

  router.post('/questionnaires/import', async (req, res) => {
    const user = currentUser(res);
    let data: unknown;
    const outcome = await submitForm(ImportForm, req.body, async ({ json }) => {
      const parsed = parsePastedJson(res, json);
      if ('error' in parsed) return parsed;
      data = parsed.data;
      return importQuestionnaireDefinition(db, user, data, clock());
    });
    if (outcome.ok && !('error' in outcome.value)) {
      flash(req, 'success', outcome.value.outcome === 'unchanged' ? tr(res, 'questionnaires.flash.unchanged') : tr(res, 'questionnaires.flash.imported'));
      return res.redirect(303, '/questionnaires');
    }
    const errors = outcome.ok ? { json: [(outcome.value as { error: string }).error] } : outcome.errors;
    await renderIndex(res, 422, typedValues(req), errors, outcome.ok ? undefined : data);
  });

  const renderNew = async (res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors) => {
    const choices = await getNewQuestionnaireChoices(db, currentUser(res), shipped(), res.locals.lang as Language);
    res.status(status).render('questionnaires/new', { title: tr(res, 'questionnaires.title.new'), styles: STYLES, languages: languagesFor(res), values, errors, ...choices });
  };

  router.get('/questionnaires/new', async (_req, res) => renderNew(res, 200, { start: 'empty' }, {}));

  router.post('/questionnaires/new', async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(NewQuestionnaireForm, req.body, (input) => createQuestionnaire(db, user, input, shipped(), clock()));
    if (!outcome.ok) return renderNew(res, 422, typedValues(req), outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.created'));
    res.redirect(303, base(outcome.value));
  });

  const renderEditor = async (res: Response, id: number, status: number, values?: Record<string, unknown>, errors: FieldErrors = {}) => {
    const model = await getQuestionnaireEditor(db, currentUser(res), id);
    const def = model.version.definition;
    res.status(status).render('questionnaires/edit', {
      title: textFor(res, model.questionnaire.title) || tr(res, 'questionnaires.title.fallback'),
      styles: STYLES,
      scripts: SCRIPTS,
      ...model,
      def,
      languages: languagesFor(res),
      typeNames: typeNamesFor(res),
      questionTypes: QUESTION_TYPES,
      values: values ?? { title: def.title ?? {}, intro: def.intro ?? {}, layout: def.layout ?? 'one_page' },
      errors,
    });
  };

  router.get('/questionnaires/:id', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    await renderEditor(res, id, 200);
  });

  router.post('/questionnaires/:id/details', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const outcome = await submitForm(DetailsForm, req.body, (input) => updateQuestionnaireDetails(db, currentUser(res), id, input, clock()));
    if (isAutosave(req)) return autosaveAnswer(res, outcome);
    if (!outcome.ok) return renderEditor(res, id, 422, typedValues(req), outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.detailsSaved'));
    res.redirect(303, base(id));
  });

  const renderSection = async (res: Response, id: number, sectionId: string | null, status: number, values: Record<string, unknown>, errors: FieldErrors) => {
    const editor = await getQuestionnaireEditor(db, currentUser(res), id);
    res.status(status).render('questionnaires/section', {
      title: sectionId ? tr(res, 'questionnaires.title.editSection') : tr(res, 'questionnaires.title.newSection'),
      styles: STYLES,
      scripts: SCRIPTS,
      autosave: sectionId !== null,
      questionnaire: editor.questionnaire,
      action: sectionId ? `${base(id)}/sections/${sectionId}` : `${base(id)}/sections`,
      languages: languagesFor(res),
      values,
      errors: readerErrors(res, errors),
    });
  };

  router.get('/questionnaires/:id/sections/new', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    await renderSection(res, id, null, 200, {}, {});
  });

  router.post('/questionnaires/:id/sections', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const outcome = await submitForm(SectionForm, req.body, (input) => addSection(db, currentUser(res), id, input, clock()));
    if (!outcome.ok) return renderSection(res, id, null, 422, typedValues(req), outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.sectionAdded'));
    res.redirect(303, `${base(id)}#section-${outcome.value}`);
  });

  router.get('/questionnaires/:id/sections/:sectionId', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    const { section } = await getSection(db, currentUser(res), id, sectionId);
    await renderSection(res, id, sectionId, 200, { title: section.title, intro: section.intro ?? {} }, {});
  });

  router.post('/questionnaires/:id/sections/:sectionId', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    const outcome = await submitForm(SectionForm, req.body, (input) => updateSection(db, currentUser(res), id, sectionId, input, clock()));
    if (isAutosave(req)) return autosaveAnswer(res, outcome);
    if (!outcome.ok) return renderSection(res, id, sectionId, 422, typedValues(req), outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.sectionSaved'));
    res.redirect(303, `${base(id)}#section-${sectionId}`);
  });

  // Drag and drop and keyboard moves (the editor's script): the whole order, every position explicit.
  router.post('/questionnaires/:id/order', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const outcome = await submitForm(OrderForm, req.body, ({ order }) => conditionOrderInReaderLanguage(res, () => reorderQuestionnaire(db, currentUser(res), id, order, clock())));
    autosaveAnswer(res, outcome);
  });

  router.post('/questionnaires/:id/sections/:sectionId/move', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    const { direction } = parseInput(MoveForm, req.body);
    await moveSection(db, currentUser(res), id, sectionId, direction, clock());
    res.redirect(303, `${base(id)}#section-${sectionId}`);
  });

  router.post('/questionnaires/:id/sections/:sectionId/remove', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    await removeSection(db, currentUser(res), id, sectionId, clock());
    flash(req, 'success', tr(res, 'questionnaires.flash.sectionRemoved'));
    res.redirect(303, base(id));
  });

  const renderQuestion = async (
    res: Response,
    id: number,
    form: { action: string; question: StoredQuestion; sectionTitle: string; isNew: boolean; targets: ConditionTarget[] },
    status: number,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) => {
    const editor = await getQuestionnaireEditor(db, currentUser(res), id);
    res.status(status).render('questionnaires/question', {
      title: form.isNew ? tr(res, 'questionnaires.title.newQuestion', { type: typeNamesFor(res)[form.question.type] }) : tr(res, 'questionnaires.title.editQuestion'),
      styles: STYLES,
      scripts: SCRIPTS,
      autosave: !form.isNew,
      questionnaire: editor.questionnaire,
      ...form,
      languages: languagesFor(res),
      typeNames: typeNamesFor(res),
      questionTypes: QUESTION_TYPES,
      touchpoints: NAMED_TOUCHPOINTS,
      values,
      errors: readerErrors(res, errors),
      missing: countMissingByLanguage(form.question),
    });
  };

  /** A saved question's form; `valuesOf` picks what the fields show from the saved question. */
  const renderStoredQuestion = async (
    res: Response,
    id: number,
    questionId: string,
    status: number,
    valuesOf: (question: StoredQuestion) => Record<string, unknown>,
    errors: FieldErrors,
  ) => {
    const { question, sectionTitle, targets } = await getQuestion(db, currentUser(res), id, questionId, res.locals.lang as Language);
    await renderQuestion(res, id, { action: `${base(id)}/questions/${questionId}`, question, sectionTitle, isNew: false, targets }, status, valuesOf(question), errors);
  };

  router.get('/questionnaires/:id/sections/:sectionId/questions/new', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    const { type } = parseInput(NewQuestionQuery, req.query);
    const { section, targets } = await getSection(db, currentUser(res), id, sectionId, res.locals.lang as Language);
    const question = blankQuestion(type);
    const form = { action: `${base(id)}/sections/${sectionId}/questions`, question, sectionTitle: textFor(res, section.title), isNew: true, targets };
    await renderQuestion(res, id, form, 200, questionFormValues(question), {});
  });

  router.post('/questionnaires/:id/sections/:sectionId/questions', async (req, res) => {
    const { id, sectionId } = parseParams(SectionParams, req.params);
    const outcome = await submitForm(QuestionForm, req.body, (input) => addQuestion(db, currentUser(res), id, sectionId, input, clock()));
    if (!outcome.ok) {
      const { section, targets } = await getSection(db, currentUser(res), id, sectionId, res.locals.lang as Language);
      const type = QUESTION_TYPES.find((t) => t === (req.body as { type?: string })?.type) ?? 'rating';
      const form = { action: `${base(id)}/sections/${sectionId}/questions`, question: blankQuestion(type), sectionTitle: textFor(res, section.title), isNew: true, targets };
      return renderQuestion(res, id, form, 422, typedValues(req), outcome.errors);
    }
    flash(req, 'success', tr(res, 'questionnaires.flash.questionAdded'));
    res.redirect(303, `${base(id)}#question-${outcome.value}`);
  });

  router.get('/questionnaires/:id/questions/:questionId', async (req, res) => {
    const { id, questionId } = parseParams(QuestionParams, req.params);
    await renderStoredQuestion(res, id, questionId, 200, questionFormValues, {});
  });

  router.post('/questionnaires/:id/questions/:questionId', async (req, res) => {
    const { id, questionId } = parseParams(QuestionParams, req.params);
    const outcome = await submitForm(QuestionForm, req.body, (input) => inReaderLanguage(res, () => saveQuestion(db, currentUser(res), id, questionId, input, clock())));
    if (isAutosave(req) && outcome.ok) {
      // New options got ids: the page keeps them so the next save does not add them again.
      const { question } = await getQuestion(db, currentUser(res), id, questionId);
      return res.json({ saved: true, optionIds: ((question.options as { id: string }[] | undefined) ?? []).map((o) => o.id) });
    }
    if (isAutosave(req)) return autosaveAnswer(res, outcome);
    if (!outcome.ok) return renderStoredQuestion(res, id, questionId, 422, (question) => ({ ...typedValues(req), type: question.type }), outcome.errors);
    if (outcome.value === 'retyped') {
      flash(req, 'info', tr(res, 'questionnaires.flash.retyped'));
      return res.redirect(303, `${base(id)}/questions/${questionId}`);
    }
    flash(req, 'success', tr(res, 'questionnaires.flash.questionSaved'));
    res.redirect(303, `${base(id)}#question-${questionId}`);
  });

  // Edited in place on the overview (the editor's script; JSON or a plain form): the texts,
  // help text and "required", checked as the question form checks them.
  router.post('/questionnaires/:id/questions/:questionId/texts', async (req, res) => {
    const { id, questionId } = parseParams(QuestionParams, req.params);
    const outcome = await submitForm(QuestionTextsForm, req.body, (input) => inReaderLanguage(res, () => saveQuestionTexts(db, currentUser(res), id, questionId, input, clock())));
    if (wantsJson(req)) {
      if (!outcome.ok) return res.status(422).json({ saved: false, errors: translatedErrors(res, outcome.errors) });
      return res.json({ saved: true, ...inlineTextsAnswer(res, outcome.value) });
    }
    if (!outcome.ok) return renderStoredQuestion(res, id, questionId, 422, (question) => ({ ...questionFormValues(question), ...typedValues(req) }), outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.questionSaved'));
    res.redirect(303, `${base(id)}#question-${questionId}`);
  });

  router.post('/questionnaires/:id/questions/:questionId/move', async (req, res) => {
    const { id, questionId } = parseParams(QuestionParams, req.params);
    const { direction } = parseInput(MoveForm, req.body);
    await moveQuestion(db, currentUser(res), id, questionId, direction, clock());
    res.redirect(303, `${base(id)}#question-${questionId}`);
  });

  router.post('/questionnaires/:id/questions/:questionId/remove', async (req, res) => {
    const { id, questionId } = parseParams(QuestionParams, req.params);
    await removeQuestion(db, currentUser(res), id, questionId, clock());
    flash(req, 'success', tr(res, 'questionnaires.flash.questionRemoved'));
    res.redirect(303, base(id));
  });

  const renderPublish = async (res: Response, id: number, status: number, errors: FieldErrors) => {
    const review = await getPublishReview(db, currentUser(res), id);
    const missing = review.missing.map((m) => ({ lang: m.lang, where: describePlace(res, m.place) }));
    const definition = review.version.definition;
    const problems = readerIssues(res, review.problems, definition);
    const shown = errors._form ? { ...errors, _form: readerIssues(res, errors._form, definition) } : errors;
    res.status(status).render('questionnaires/publish', { title: tr(res, 'questionnaires.title.publish'), styles: STYLES, ...review, problems, missing, languages: languagesFor(res), errors: shown });
  };

  router.get('/questionnaires/:id/publish', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    await renderPublish(res, id, 200, {});
  });

  router.post('/questionnaires/:id/publish', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const outcome = await submitForm(PublishForm, req.body, () => publishQuestionnaire(db, currentUser(res), id, registry, clock()));
    if (!outcome.ok) return renderPublish(res, id, 422, outcome.errors);
    flash(req, 'success', tr(res, 'questionnaires.flash.published', { number: outcome.value }));
    res.redirect(303, base(id));
  });

  router.get('/questionnaires/:id/changes', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const query = parseInput(ChangesQuery, req.query);
    const model = await getVersionChanges(db, currentUser(res), id, query.from, query.to, res.locals.lang as Language);
    res.render('questionnaires/changes', { title: tr(res, 'questionnaires.title.changes'), styles: STYLES, ...model });
  });

  router.get('/questionnaires/:id/versions/:number/export', async (req, res) => {
    const { id, number } = parseParams(VersionParams, req.params);
    const { slug, definition } = await exportQuestionnaireVersion(db, currentUser(res), id, number);
    res.set('Content-Disposition', `attachment; filename="${slug}-v${number}.json"`);
    res.type('application/json').send(JSON.stringify(definition, null, 2) + '\n');
  });

  router.get('/questionnaires/:id/preview', async (req, res) => {
    const { id } = parseParams(QuestionnaireParams, req.params);
    const query = parseInput(PreviewQuery, req.query);
    const lang: Language = query.lang ?? DEFAULT_LANGUAGE;
    const { version, snapshot } = await problemsInReaderLanguage(
      res,
      () => previewQuestionnaire(db, currentUser(res), id, query.version, clock()),
      async () => (await exportQuestionnaireVersion(db, currentUser(res), id, query.version)).definition,
    );
    const def = snapshot.definition;
    const extra: Record<string, string> = { version: String(version.number), ...(isStepped(def) && query.step ? { step: String(query.step) } : {}) };
    res.render(
      'survey/form',
      surveyPreviewLocals(snapshot, lang, {
        languageHref: (l) => `${base(id)}/preview?${new URLSearchParams({ ...extra, lang: l })}`,
        step: query.step ?? 1,
        stepHref: (n) => `${base(id)}/preview?${new URLSearchParams({ version: String(version.number), lang, step: String(n) })}`,
        backHref: base(id),
        backLabel: tr(res, 'questionnaires.preview.back'),
      }),
    );
  });

  return router;
}
