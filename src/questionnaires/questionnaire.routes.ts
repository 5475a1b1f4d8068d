import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy } from '../auth/middleware';
import { canEditQuestionnaires } from './questionnaire.policy';
import { surveyPreviewLocals } from '../surveys/preview-page';
import { submitForm, type FieldErrors } from '../shared/forms';
import { ConflictError, ValidationError } from '../shared/errors';
import { parseInput, parseParams } from '../shared/input';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type Translate } from '../shared/languages';
import { NAMED_TOUCHPOINTS } from '../surveys/touchpoint';
import type { ViewLabels } from '../reader-locals';
import { isStepped, QUESTION_TYPES } from '../surveys/survey-definition';
import { countMissingByLanguage, shortText, type ConditionTarget, type MissingPlace, type PlacePart, type StoredQuestion } from './questionnaire';
import { blankQuestion, questionFormValues } from './questionnaire-form';
import { describeIssue, fieldName, issueMessage } from './definition-issues';
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

/** The editor's script saves forms in the background and asks for a JSON answer. */
function isAutosave(req: Request): boolean {
  return req.get('X-Autosave') === '1';
}

/** Field messages in the reader's language (a message may be a catalogue key or the schema's English), for the script to show. */
function translatedErrors(res: Response, errors: FieldErrors): Record<string, string[]> {
  const t = res.locals.t as Translate;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, (messages ?? []).map((m) => issueMessage(t, t(m)))]));
}

/** The schema's English field messages (e.g. an out-of-range number) in the reader's language; catalogue keys stay keys for the views. */
function readerErrors(res: Response, errors: FieldErrors): FieldErrors {
  const t = res.locals.t as Translate;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, (messages ?? []).map((m) => issueMessage(t, m))]));
}

/** Problems of a whole definition (schema lines by path) in the reader's language, named by its texts. */
function readerIssues(res: Response, lines: readonly string[], definition: unknown): string[] {
  const labels = res.locals.labels as ViewLabels;
  const reader = { t: res.locals.t as Translate, lang: res.locals.lang as Language, languageName: (code: string) => labels.language(code), isLanguage: (code: string) => (LANGUAGES as readonly string[]).includes(code) };
  return lines.map((line) => describeIssue(reader, line, definition));
}

function autosaveAnswer(res: Response, outcome: { ok: true } | { ok: false; errors: FieldErrors }): void {
  if (outcome.ok) res.json({ saved: true });
  else res.status(422).json({ saved: false, errors: translatedErrors(res, outcome.errors) });
}

/** The catalogue key of each question type's name on the pages. */
const TYPE_NAME_KEYS: Record<string, string> = {
  rating: 'questionnaires.types.rating',
  nps: 'questionnaires.types.nps',
  choice: 'questionnaires.types.choice',
  text: 'questionnaires.types.text',
  problem_list: 'questionnaires.types.problemList',
  problem_rating: 'questionnaires.types.problemRating',
};

/** How each question type is named, in the reader's language. */
function typeNamesFor(res: Response): Record<string, string> {
  const t = res.locals.t as Translate;
  return Object.fromEntries(QUESTION_TYPES.map((type) => [type, t(TYPE_NAME_KEYS[type] ?? type)]));
}

/** The survey languages, each named in the reader's language. */
function languagesFor(res: Response): { code: Language; name: string }[] {
  const labels = res.locals.labels as ViewLabels;
  return LANGUAGES.map((code) => ({ code, name: labels.language(code) }));
}

const tr = (res: Response, key: string, vars?: Record<string, unknown>) => (res.locals.t as Translate)(key, vars);

/** A text in the reader's language, else the first one written. */
function textFor(res: Response, texts: Partial<Record<string, string>> | undefined): string {
  const lang = res.locals.lang as Language;
  return texts?.[lang] || texts?.en || LANGUAGES.map((l) => texts?.[l]).find(Boolean) || '';
}

function typedValues(req: Request): Record<string, unknown> {
  const { _csrf: _token, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}

/**
 * Runs a service call whose ValidationError may be a catalogue key with `vars` (a message naming
 * a campaign): its field messages are shown as that key's text in the reader's language.
 */
async function inReaderLanguage<R>(res: Response, action: () => Promise<R>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError && Object.keys(error.vars).length) {
      const text = tr(res, error.message, error.vars);
      throw new ValidationError(error.message, Object.fromEntries(Object.keys(error.fields).map((field) => [field, [text]])), error.vars);
    }
    throw error;
  }
}

/** Where pasted JSON breaks, in the reader's language (the parser's own words are English). */
function jsonReason(res: Response, text: string, message: string): string {
  if (/Unexpected end of JSON input/.test(message)) return tr(res, 'questionnaires.errors.jsonEnds');
  const position = /at position (\d+)/.exec(message);
  if (!position) return tr(res, 'questionnaires.errors.jsonSomewhere');
  const before = text.slice(0, Number(position[1]));
  return tr(res, 'questionnaires.errors.jsonAt', { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') });
}

/** The script asks for JSON (fetch with Accept: application/json); a plain form post gets pages. */
function wantsJson(req: Request): boolean {
  return isAutosave(req) || req.is('application/json') === 'application/json' || req.accepts(['html', 'json']) === 'json';
}


/** Where a missing text is, in the reader's language: 'Section “Delivery”, question “How…”, help text'. */
function describePlace(res: Response, place: MissingPlace): string {
  const lang = res.locals.lang as Language;
  const named = (key: string, numbered: string, part: PlacePart) => {
    const name = part.texts ? shortText(part.texts, lang) : part.name;
    return name ? tr(res, key, { name }) : tr(res, numbered, { number: part.n });
  };
  const field = place.field.map((k) => fieldName(res.locals.t as Translate, k)).join(' ');
  const parts = [
    place.section ? named('questionnaires.place.section', 'questionnaires.place.sectionN', place.section) : tr(res, 'questionnaires.place.questionnaire'),
    place.question ? named('questionnaires.place.question', 'questionnaires.place.questionN', place.question) : '',
    place.option ? named('questionnaires.place.option', 'questionnaires.place.optionN', place.option) : '',
    field,
  ].filter(Boolean);
  return parts.join(', ');
}

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
      try {
        data = JSON.parse(json);
      } catch (error) {
        return { error: tr(res, 'questionnaires.errors.notJson', { reason: jsonReason(res, json, (error as Error).message) }) };
      }
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
    const outcome = await submitForm(OrderForm, req.body, async ({ order }) => {
      try {
        return await reorderQuestionnaire(db, currentUser(res), id, order, clock());
      } catch (error) {
        const condition = error instanceof ValidationError ? (error.vars.condition as { question: Partial<Record<Language, string>>; earlier: Partial<Record<Language, string>> } | undefined) : undefined;
        if (!condition) throw error;
        const lang = res.locals.lang as Language;
        throw new ValidationError('questionnaires.errors.conditionOrder', { order: [tr(res, 'questionnaires.errors.conditionOrder', { question: shortText(condition.question, lang), earlier: shortText(condition.earlier, lang) })] });
      }
    });
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
    const { question, sectionTitle, targets } = await getQuestion(db, currentUser(res), id, questionId, res.locals.lang as Language);
    await renderQuestion(res, id, { action: `${base(id)}/questions/${questionId}`, question, sectionTitle, isNew: false, targets }, 200, questionFormValues(question), {});
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
    if (!outcome.ok) {
      const { question, sectionTitle, targets } = await getQuestion(db, currentUser(res), id, questionId, res.locals.lang as Language);
      return renderQuestion(res, id, { action: `${base(id)}/questions/${questionId}`, question, sectionTitle, isNew: false, targets }, 422, { ...typedValues(req), type: question.type }, outcome.errors);
    }
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
      const q = outcome.value;
      const languages = languagesFor(res);
      const gaps = languages.filter((l) => !q.text[l.code]?.trim());
      return res.json({
        saved: true,
        text: textFor(res, q.text),
        required: q.required === true,
        missing: gaps.length && gaps.length < languages.length ? tr(res, 'questionnaires.edit.missingIn', { languages: gaps.map((l) => (res.locals.labels as ViewLabels).languageInText(l.code)).join(', ') }) : '',
      });
    }
    if (!outcome.ok) {
      const { question, sectionTitle, targets } = await getQuestion(db, currentUser(res), id, questionId, res.locals.lang as Language);
      const values = { ...questionFormValues(question), ...typedValues(req) };
      return renderQuestion(res, id, { action: `${base(id)}/questions/${questionId}`, question, sectionTitle, isNew: false, targets }, 422, values, outcome.errors);
    }
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
    const { version, snapshot } = await previewQuestionnaire(db, currentUser(res), id, query.version, clock()).catch(async (error: unknown) => {
      // A draft the schema refuses: the error page lists its problems in the reader's language.
      if (error instanceof ConflictError && Array.isArray(error.vars.lines)) {
        const { definition } = await exportQuestionnaireVersion(db, currentUser(res), id, query.version);
        throw new ConflictError(error.message, {}, { problems: readerIssues(res, error.vars.lines as string[], definition).join('; ') });
      }
      throw error;
    });
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
