// The answer form: which fields a survey posts, the raw values kept while a respondent works,
// validation against the campaign's snapshot, and the rows the analysis aggregates.
// Pure: no I/O.
import type { Selectable } from 'kysely';
import type { AnswerValueTable, ProblemMentionTable, ProblemRatingAnswerTable } from '../db/schema';
import { allQuestions, isQuestionShown, type Language, type Question, type QuestionOf, type SurveyDefinition } from './survey-definition';
import type { SnapshotCategory } from './snapshot';
import { translator } from './survey-texts';

/** Longest raw value kept for one field (the longest text a template may allow). */
export const MAX_RAW_LENGTH = 10_000;
/** The value of a rating's "not applicable" answer. */
export const NOT_APPLICABLE = 'na';
/** Form fields that are not answers. */
const CONTROL_FIELDS = new Set(['_csrf', 'lang', 'action', 'step']);

/** One problem slot as typed: own words, a catalogue pick (category id) and its rank. */
export interface RawProblem {
  text: string;
  pick: string;
  rank: string;
}
export type RawProblemRating = Record<string, { frequency: string; bother: string }>;
export type RawValue = string | string[] | RawProblem[] | RawProblemRating;
/** Every value the respondent entered, valid or not, keyed by question id (response.answers). */
export type RawAnswers = Record<string, RawValue>;

export interface ProblemItem {
  rank: number;
  text: string;
  categoryId: number | null;
}
export interface ProblemRatingItem {
  categoryId: number;
  frequency: number | null;
  bother: number | null;
}
/** A validated answer; unanswered optional questions are absent. */
export type Answer =
  | { type: 'rating'; value: number | null }
  | { type: 'nps'; value: number }
  | { type: 'choice'; options: string[] }
  | { type: 'text'; text: string }
  | { type: 'problem_list'; items: ProblemItem[] }
  | { type: 'problem_rating'; items: ProblemRatingItem[] };
export type Answers = Record<string, Answer>;

export interface FieldError {
  questionId: string;
  /** The id of the control the error summary links to. */
  anchor: string;
  message: string;
}

// ---- field names ------------------------------------------------------------------------

/** The form field (and element id) of a question, or of one part of it. */
export function fieldName(questionId: string, ...parts: (string | number)[]): string {
  return ['a', questionId, ...parts].join('__');
}

/** A question with the names of the fields that post it. */
interface QuestionFields {
  question: Question;
  /** problem_list: each slot's fields. */
  slots: { text: string; pick: string; rank: string }[];
  /** problem_rating: each category's fields. */
  ratings: { category: number; frequency: string; bother: string }[];
  /** Any other question: its one field. */
  name: string;
}
interface FormFields {
  expected: ReadonlySet<string>;
  questions: QuestionFields[];
}

function formFields(def: SurveyDefinition): FormFields {
  const questions = allQuestions(def).map((q) => ({
    question: q,
    slots: q.type === 'problem_list' ? Array.from({ length: q.maxItems }, (_, i) => ({ text: fieldName(q.id, i, 'text'), pick: fieldName(q.id, i, 'pick'), rank: fieldName(q.id, i, 'rank') })) : [],
    ratings: q.type === 'problem_rating' ? ratingCategories(q).map((c) => ({ category: c, frequency: fieldName(q.id, c, 'frequency'), bother: fieldName(q.id, c, 'bother') })) : [],
    name: fieldName(q.id),
  }));
  // Every field name the form may post: the slots' and ratings' fields, else the question's one.
  const expected = new Set(
    questions.flatMap((q) =>
      q.question.type === 'problem_list'
        ? q.slots.flatMap((slot) => [slot.text, slot.pick, slot.rank])
        : q.question.type === 'problem_rating'
          ? q.ratings.flatMap((rating) => [rating.frequency, rating.bother])
          : [q.name],
    ),
  );
  return { expected, questions };
}

// A launched snapshot's definition is frozen (launchedSnapshot) and posted to again and again:
// its field names are built once, not on every POST.
const formOfFrozen = new WeakMap<SurveyDefinition, FormFields>();

function formFieldsOnce(def: SurveyDefinition): FormFields {
  if (!Object.isFrozen(def)) return formFields(def);
  let form = formOfFrozen.get(def);
  if (form === undefined) {
    form = formFields(def);
    formOfFrozen.set(def, form);
  }
  return form;
}

/** The catalogue ids a problem_rating question asks about ("active" is resolved at launch). */
export function ratingCategories(q: QuestionOf<'problem_rating'>): number[] {
  return q.categories === 'active' ? [] : q.categories;
}

export type ReadResult = { ok: true; raw: RawAnswers } | { ok: false; unknownFields: string[] };

/**
 * Reads the posted form into raw answers. Fields the definition does not have are refused,
 * so a tampered form cannot store arbitrary keys; every known value is kept as typed.
 */
export function readAnswerForm(def: SurveyDefinition, body: Record<string, unknown>): ReadResult {
  const { expected, questions } = formFieldsOnce(def);
  const unknownFields = Object.keys(body).filter((key) => !CONTROL_FIELDS.has(key) && !expected.has(key));
  if (unknownFields.length > 0) return { ok: false, unknownFields };
  const raw: RawAnswers = {};
  for (const { question: q, slots: fields, ratings, name } of questions) {
    if (q.type === 'problem_list') {
      const slots: RawProblem[] = [];
      for (const field of fields) {
        const slot = { text: firstText(body[field.text]), pick: firstText(body[field.pick]), rank: firstText(body[field.rank]).trim() };
        if (slot.text.trim() || slot.pick) slots.push(slot);
      }
      // Shown (and validated) in rank order, so the page lists them as the respondent ranked them.
      if (slots.length) raw[q.id] = sortByRank(slots);
    } else if (q.type === 'problem_rating') {
      const items: RawProblemRating = {};
      for (const field of ratings) {
        const frequency = firstText(body[field.frequency]);
        const bother = firstText(body[field.bother]);
        if (frequency || bother) items[String(field.category)] = { frequency, bother };
      }
      if (Object.keys(items).length) raw[q.id] = items;
    } else if (q.type === 'choice' && q.multiple) {
      const value = body[name];
      const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(firstText).filter(Boolean);
      if (list.length) raw[q.id] = list.slice(0, q.options.length);
    } else {
      const value = firstText(body[name]);
      if (value !== '') raw[q.id] = value;
    }
  }
  return { ok: true, raw };
}

/** Slots ordered by their rank; slots without a usable rank keep their place after the ranked ones. */
export function sortByRank(slots: RawProblem[]): RawProblem[] {
  const key = (slot: RawProblem) => integer(slot.rank) ?? Number.MAX_SAFE_INTEGER;
  return slots.map((slot, i) => ({ slot, i })).sort((a, b) => key(a.slot) - key(b.slot) || a.i - b.i).map(({ slot }) => slot);
}

function firstText(value: unknown): string {
  // Repeated keys arrive as arrays; nested objects are never a valid answer.
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, MAX_RAW_LENGTH) : '';
}

/**
 * The raw answers of the questions not in `shownIds`, as the form fields that post them again:
 * a page that shows one section carries the answers of the others, so every post has them all.
 */
export function carriedFields(def: SurveyDefinition, raw: RawAnswers, shownIds: ReadonlySet<string>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const q of allQuestions(def)) {
    const value = raw[q.id];
    if (shownIds.has(q.id) || value === undefined) continue;
    if (q.type === 'problem_list' && Array.isArray(value)) {
      (value as RawProblem[]).slice(0, q.maxItems).forEach((slot, i) => {
        for (const part of ['text', 'pick', 'rank'] as const) out.push({ name: fieldName(q.id, i, part), value: String(slot?.[part] ?? '') });
      });
    } else if (q.type === 'problem_rating' && typeof value === 'object' && !Array.isArray(value)) {
      for (const [c, item] of Object.entries(value as RawProblemRating)) {
        out.push({ name: fieldName(q.id, c, 'frequency'), value: String(item?.frequency ?? '') });
        out.push({ name: fieldName(q.id, c, 'bother'), value: String(item?.bother ?? '') });
      }
    } else if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') out.push({ name: fieldName(q.id), value: v });
    } else if (typeof value === 'string') {
      out.push({ name: fieldName(q.id), value });
    }
  }
  return out;
}

/** The step (1-based) whose section holds the question, or 1. */
export function stepOfQuestion(def: Pick<SurveyDefinition, 'sections'>, questionId: string): number {
  const index = def.sections.findIndex((s) => s.questions.some((q) => q.id === questionId));
  return index < 0 ? 1 : index + 1;
}

/** A requested step as a step of the definition: 1..number of sections. */
export function clampStep(def: Pick<SurveyDefinition, 'sections'>, step: unknown): number {
  const n = typeof step === 'number' ? step : typeof step === 'string' && /^\d{1,3}$/.test(step) ? Number(step) : 1;
  return Math.min(Math.max(1, Math.trunc(n) || 1), def.sections.length);
}

/** Parses stored response.answers; anything unexpected becomes an empty form rather than an error. */
export function parseRawAnswers(json: string | null | undefined): RawAnswers {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as RawAnswers) : {};
  } catch {
    return {};
  }
}

// ---- validation -------------------------------------------------------------------------

export type ValidationResult = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

/**
 * Checks raw answers against the snapshot definition: required questions, scale bounds,
 * known options and catalogue ids, text lengths, problem counts and distinct ranks.
 * Messages are in the respondent's language.
 */
export function validateAnswers(
  def: SurveyDefinition,
  catalogue: readonly SnapshotCategory[],
  raw: RawAnswers,
  lang: Language,
): ValidationResult {
  const t = translator(lang);
  const answers: Answers = {};
  const errors: FieldError[] = [];
  const fail = (q: Question, anchor: string, message: string) => errors.push({ questionId: q.id, anchor, message });

  for (const q of allQuestions(def)) {
    // A question hidden by its condition is never required and its answer is never stored.
    if (!isQuestionShown(q, raw)) continue;
    const value = raw[q.id];
    switch (q.type) {
      case 'rating':
      case 'nps': {
        const min = q.type === 'nps' ? 0 : 1;
        const max = q.type === 'nps' ? 10 : q.scale;
        const anchor = fieldName(q.id) + `__${min}`;
        if (typeof value !== 'string' || value === '') {
          if (q.required) fail(q, anchor, t('errRequired'));
          break;
        }
        if (q.type === 'rating' && q.allowNotApplicable && value === NOT_APPLICABLE) {
          answers[q.id] = { type: 'rating', value: null };
          break;
        }
        const n = integer(value);
        if (n === null || n < min || n > max) {
          fail(q, anchor, t('errScale', { min, max }));
          break;
        }
        answers[q.id] = q.type === 'nps' ? { type: 'nps', value: n } : { type: 'rating', value: n };
        break;
      }
      case 'choice': {
        const anchor = fieldName(q.id) + `__${q.options[0]!.id}`;
        const picked = Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : [];
        if (picked.length === 0) {
          if (q.required) fail(q, anchor, t('errRequired'));
          break;
        }
        const known = new Set(q.options.map((o) => o.id));
        if (picked.some((p) => typeof p !== 'string' || !known.has(p)) || (!q.multiple && picked.length > 1)) {
          fail(q, anchor, t('errChoice'));
          break;
        }
        answers[q.id] = { type: 'choice', options: q.options.map((o) => o.id).filter((id) => picked.includes(id)) };
        break;
      }
      case 'text': {
        const anchor = fieldName(q.id);
        const text = typeof value === 'string' ? value.trim() : '';
        if (!text) {
          if (q.required) fail(q, anchor, t('errRequired'));
          break;
        }
        if (text.length > q.maxLength) {
          fail(q, anchor, t('errTooLong', { max: q.maxLength, len: text.length }));
          break;
        }
        answers[q.id] = { type: 'text', text };
        break;
      }
      case 'problem_list': {
        const result = validateProblemList(q, catalogue, Array.isArray(value) ? (value as RawProblem[]) : [], lang);
        if ('errors' in result) result.errors.forEach((e) => errors.push(e));
        else if (result.items.length) answers[q.id] = { type: 'problem_list', items: result.items };
        break;
      }
      case 'problem_rating': {
        const items: ProblemRatingItem[] = [];
        const given = value && typeof value === 'object' && !Array.isArray(value) ? (value as RawProblemRating) : {};
        const allowed = q.scale === 'yes_no' ? [0, 1] : [1, 2, 3, 4, 5];
        for (const c of ratingCategories(q)) {
          const entry = given[String(c)];
          const frequency = entry?.frequency ? integer(entry.frequency) : null;
          const bother = entry?.bother ? integer(entry.bother) : null;
          const badValue =
            (entry?.frequency && (frequency === null || !allowed.includes(frequency))) ||
            (entry?.bother && (bother === null || !allowed.includes(bother)));
          const anchor = fieldName(q.id, c, 'frequency') + `__${allowed[0]}`;
          if (badValue) {
            fail(q, anchor, t('errScale', { min: allowed[0]!, max: allowed[allowed.length - 1]! }));
            continue;
          }
          if (q.required && (frequency === null || bother === null)) {
            fail(q, anchor, frequency === null && bother === null ? t('errRequired') : t('errProblemRating'));
            continue;
          }
          if (frequency !== null || bother !== null) items.push({ categoryId: c, frequency, bother });
        }
        if (items.length) answers[q.id] = { type: 'problem_rating', items };
        break;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers };
}

function validateProblemList(
  q: QuestionOf<'problem_list'>,
  catalogue: readonly SnapshotCategory[],
  slots: RawProblem[],
  lang: Language,
): { items: ProblemItem[] } | { errors: FieldError[] } {
  const t = translator(lang);
  const errors: FieldError[] = [];
  const names = new Map(catalogue.map((c) => [String(c.id), c.name[lang]]));
  const picked = new Set<string>();
  const ranks = new Map<number, number>();
  const items: (ProblemItem & { slot: number })[] = [];
  // Slots arrive in the order they were shown, which is the order the anchors use.
  slots.slice(0, q.maxItems).forEach((slot, i) => {
    const text = (slot.text ?? '').trim();
    const pick = q.allowCatalogue ? (slot.pick ?? '') : '';
    if (!text && !pick) return;
    if (text && !q.allowOwnWords) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'pick'), message: t('errOwnWords') });
      return;
    }
    if (text.length > q.maxLength) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'text'), message: t('errTooLong', { max: q.maxLength, len: text.length }) });
      return;
    }
    if (pick && !names.has(pick)) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'pick'), message: t('errPick') });
      return;
    }
    if (pick && picked.has(pick)) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'pick'), message: t('errPickTwice') });
      return;
    }
    if (pick) picked.add(pick);
    const rank = integer(slot.rank ?? '');
    if (rank === null || rank < 1 || rank > q.maxItems) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'rank'), message: t('errRank', { max: q.maxItems }) });
      return;
    }
    if (ranks.has(rank)) {
      errors.push({ questionId: q.id, anchor: fieldName(q.id, i, 'rank'), message: t('errRankDuplicate', { max: q.maxItems }) });
      return;
    }
    ranks.set(rank, i);
    items.push({ slot: i, rank, text: text || names.get(pick)!, categoryId: pick ? Number(pick) : null });
  });
  if (errors.length) return { errors };
  if (items.length < q.minItems) {
    return {
      errors: [{ questionId: q.id, anchor: fieldName(q.id, 0, q.allowOwnWords ? 'text' : 'pick'), message: q.minItems === 1 && items.length === 0 ? t('errRequired') : t('errMinItems', { count: q.minItems }) }],
    };
  }
  // Gaps are harmless (1, 3, 4 without JavaScript): the order is what counts, stored as 1..n.
  items.sort((a, b) => a.rank - b.rank);
  return { items: items.map((item, i) => ({ rank: i + 1, text: item.text, categoryId: item.categoryId })) };
}

function integer(value: string): number | null {
  return /^-?\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : null;
}

// ---- normalized rows --------------------------------------------------------------------

// The columns answer.ts fills in; the repository adds the response, campaign and language.
export type AnswerValueRow = Pick<Selectable<AnswerValueTable>, 'question_id' | 'value' | 'choice' | 'text'>;
export type ProblemMentionRow = Pick<Selectable<ProblemMentionTable>, 'question_id' | 'rank' | 'text' | 'category_id'>;
export type ProblemRatingRow = Pick<Selectable<ProblemRatingAnswerTable>, 'question_id' | 'category_id' | 'frequency' | 'bother' | 'is_frequent' | 'is_bothersome'>;
export interface AnswerRows {
  values: AnswerValueRow[];
  mentions: ProblemMentionRow[];
  ratings: ProblemRatingRow[];
}

/** "Yes" on a problem_rating sub-question: 1 on yes/no, 4 or 5 on the 1–5 scale. */
export function countsAsYes(scale: 'yes_no' | '1-5', value: number | null): number | null {
  if (value === null) return null;
  return (scale === 'yes_no' ? value === 1 : value >= 4) ? 1 : 0;
}

/**
 * The rows analysis aggregates, from validated answers:
 * - answer_value: one per answered rating, nps and text question (a "not applicable" rating
 *   has value null and choice "na"), one per chosen option, and one per problem_list question
 *   whose value is the number of problems listed;
 * - problem_mention: one per listed problem, rank 1 = most important;
 * - problem_rating_answer: one per answered problem, with derived is_frequent/is_bothersome.
 */
export function answerRows(def: SurveyDefinition, answers: Answers): AnswerRows {
  const rows: AnswerRows = { values: [], mentions: [], ratings: [] };
  for (const q of allQuestions(def)) {
    const answer = answers[q.id];
    if (!answer) continue;
    const base = { question_id: q.id, value: null, choice: null, text: null };
    switch (answer.type) {
      case 'rating':
        rows.values.push({ ...base, value: answer.value, choice: answer.value === null ? NOT_APPLICABLE : null });
        break;
      case 'nps':
        rows.values.push({ ...base, value: answer.value });
        break;
      case 'text':
        rows.values.push({ ...base, text: answer.text });
        break;
      case 'choice':
        answer.options.forEach((choice) => rows.values.push({ ...base, choice }));
        break;
      case 'problem_list':
        rows.values.push({ ...base, value: answer.items.length });
        answer.items.forEach((item) => rows.mentions.push({ question_id: q.id, rank: item.rank, text: item.text, category_id: item.categoryId }));
        break;
      case 'problem_rating': {
        const scale = q.type === 'problem_rating' ? q.scale : '1-5';
        answer.items.forEach((item) =>
          rows.ratings.push({
            question_id: q.id,
            category_id: item.categoryId,
            frequency: item.frequency,
            bother: item.bother,
            is_frequent: countsAsYes(scale, item.frequency),
            is_bothersome: countsAsYes(scale, item.bother),
          }),
        );
        break;
      }
    }
  }
  return rows;
}
