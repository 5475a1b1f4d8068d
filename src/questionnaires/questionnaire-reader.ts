import type { Request, Response } from 'express';
import type { FieldErrors } from '../shared/forms';
import { ConflictError, ValidationError } from '../shared/errors';
import { LANGUAGES, type Language, type Translate } from '../shared/languages';
import type { ViewLabels } from '../reader-locals';
import { QUESTION_TYPES } from '../surveys/survey-definition';
import { shortText, type MissingPlace, type PlacePart, type StoredQuestion } from './questionnaire';
import { describeIssue, fieldName, issueMessage } from './definition-issues';

// The questionnaire pages in the reader's language: field messages, schema problems, names of
// types, languages and places. The routes parse, call the service and render with these.

/** The editor's script saves forms in the background and asks for a JSON answer. */
export function isAutosave(req: Request): boolean {
  return req.get('X-Autosave') === '1';
}

/** Field messages in the reader's language (a message may be a catalogue key or the schema's English), for the script to show. */
export function translatedErrors(res: Response, errors: FieldErrors): Record<string, string[]> {
  const t = res.locals.t as Translate;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, (messages ?? []).map((m) => issueMessage(t, t(m)))]));
}

/** The schema's English field messages (e.g. an out-of-range number) in the reader's language; catalogue keys stay keys for the views. */
export function readerErrors(res: Response, errors: FieldErrors): FieldErrors {
  const t = res.locals.t as Translate;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, (messages ?? []).map((m) => issueMessage(t, m))]));
}

/** Problems of a whole definition (schema lines by path) in the reader's language, named by its texts. */
export function readerIssues(res: Response, lines: readonly string[], definition: unknown): string[] {
  const labels = res.locals.labels as ViewLabels;
  const reader = { t: res.locals.t as Translate, lang: res.locals.lang as Language, languageName: (code: string) => labels.language(code), isLanguage: (code: string) => (LANGUAGES as readonly string[]).includes(code) };
  return lines.map((line) => describeIssue(reader, line, definition));
}

export function autosaveAnswer(res: Response, outcome: { ok: true } | { ok: false; errors: FieldErrors }): void {
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
export function typeNamesFor(res: Response): Record<string, string> {
  const t = res.locals.t as Translate;
  return Object.fromEntries(QUESTION_TYPES.map((type) => [type, t(TYPE_NAME_KEYS[type] ?? type)]));
}

/** The survey languages, each named in the reader's language. */
export function languagesFor(res: Response): { code: Language; name: string }[] {
  const labels = res.locals.labels as ViewLabels;
  return LANGUAGES.map((code) => ({ code, name: labels.language(code) }));
}

export const tr = (res: Response, key: string, vars?: Record<string, unknown>) => (res.locals.t as Translate)(key, vars);

/** A text in the reader's language, else the first one written. */
export function textFor(res: Response, texts: Partial<Record<string, string>> | undefined): string {
  const lang = res.locals.lang as Language;
  return texts?.[lang] || texts?.en || LANGUAGES.map((l) => texts?.[l]).find(Boolean) || '';
}

export function typedValues(req: Request): Record<string, unknown> {
  const { _csrf: _token, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}

/**
 * Runs a service call whose ValidationError may be a catalogue key with `vars` (a message naming
 * a campaign): its field messages are shown as that key's text in the reader's language.
 */
export async function inReaderLanguage<R>(res: Response, action: () => Promise<R>): Promise<R> {
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
export function wantsJson(req: Request): boolean {
  return isAutosave(req) || req.is('application/json') === 'application/json' || req.accepts(['html', 'json']) === 'json';
}

/** Where a missing text is, in the reader's language: 'Section “Delivery”, question “How…”, help text'. */
export function describePlace(res: Response, place: MissingPlace): string {
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

/** Pasted JSON parsed, or why it is not JSON in the reader's language. */
export function parsePastedJson(res: Response, json: string): { data: unknown } | { error: string } {
  try {
    return { data: JSON.parse(json) as unknown };
  } catch (error) {
    return { error: tr(res, 'questionnaires.errors.notJson', { reason: jsonReason(res, json, (error as Error).message) }) };
  }
}

/** Runs a reorder whose refusal names a condition's questions: the message names them in the reader's language. */
export async function conditionOrderInReaderLanguage<R>(res: Response, action: () => Promise<R>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    const condition = error instanceof ValidationError ? (error.vars.condition as { question: Partial<Record<Language, string>>; earlier: Partial<Record<Language, string>> } | undefined) : undefined;
    if (!condition) throw error;
    const lang = res.locals.lang as Language;
    throw new ValidationError('questionnaires.errors.conditionOrder', { order: [tr(res, 'questionnaires.errors.conditionOrder', { question: shortText(condition.question, lang), earlier: shortText(condition.earlier, lang) })] });
  }
}

/** What the overview shows after a text edited in place: the text in the reader's language, "required", the languages still missing. */
export function inlineTextsAnswer(res: Response, question: StoredQuestion): { text: string; required: boolean; missing: string } {
  const languages = languagesFor(res);
  const gaps = languages.filter((l) => !question.text[l.code]?.trim());
  return {
    text: textFor(res, question.text),
    required: question.required === true,
    missing: gaps.length && gaps.length < languages.length ? tr(res, 'questionnaires.edit.missingIn', { languages: gaps.map((l) => (res.locals.labels as ViewLabels).languageInText(l.code)).join(', ') }) : '',
  };
}

/** Runs a call that refuses a draft the schema refuses: the error page lists its problems in the reader's language, named by `definition`'s texts. */
export async function problemsInReaderLanguage<R>(res: Response, action: () => Promise<R>, definition: () => Promise<unknown>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ConflictError && Array.isArray(error.vars.lines)) {
      throw new ConflictError(error.message, {}, { problems: readerIssues(res, error.vars.lines as string[], await definition()).join('; ') });
    }
    throw error;
  }
}
