import type { z } from 'zod';
import { LANGUAGES, textIn, type Language } from '../shared/languages';
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/survey-definition';

/** Rules of questionnaires and their versions (no I/O). */

export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * A definition as stored: the survey JSON format, except that a draft may leave some
 * translations empty (""). A published version is complete in structure; its translations are
 * checked per audience at launch.
 */
export type StoredDefinition = Record<string, unknown> & { slug: string; version: number; sections: StoredSection[] };
export type StoredSection = Record<string, unknown> & { id: string; title: Partial<Record<Language, string>>; questions: StoredQuestion[] };
export type StoredQuestion = Record<string, unknown> & { id: string; type: string; text: Partial<Record<Language, string>> };

export interface Questionnaire {
  id: number;
  slug: string;
  title: Record<Language, string>;
  retiredIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface QuestionnaireVersion {
  id: number;
  questionnaireId: number;
  number: number;
  status: VersionStatus;
  definition: StoredDefinition;
  publishedAt: string | null;
  publishedBy: number | null;
  createdAt: string;
  updatedAt: string;
}

// Stands in for an empty translation while the strict schema checks everything else.
const GAP = '\u0000missing';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object of texts keyed by language: the shape of every Localized field. */
export function isLocalizedShape(value: unknown): value is Partial<Record<Language, string>> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (LANGUAGES as readonly string[]).includes(k) && typeof value[k] === 'string');
}

function hasAnyText(texts: Partial<Record<Language, string>>): boolean {
  return LANGUAGES.some((l) => Boolean(texts[l]?.trim()));
}

function mapDeep(value: unknown, fn: (v: unknown) => unknown): unknown {
  const mapped = fn(value);
  if (mapped !== value) return mapped;
  if (Array.isArray(value)) return value.map((v) => mapDeep(v, fn));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapDeep(v, fn)]));
  return value;
}

/** Empty translations of a text written in at least one language become GAP. */
function fillGaps(value: unknown): unknown {
  return mapDeep(value, (v) => {
    if (!isLocalizedShape(v) || !hasAnyText(v)) return v;
    return Object.fromEntries(LANGUAGES.map((l) => [l, v[l]?.trim() ? v[l] : GAP]));
  });
}

function restoreGaps<T>(value: T): T {
  return mapDeep(value, (v) => (v === GAP ? '' : v)) as T;
}

/**
 * Validates a definition with the survey schema, allowing empty translations of texts that are
 * written in at least one language (they come back as ""). Everything else must be valid.
 */
export function parseDefinitionAllowingGaps(data: unknown): { success: true; data: SurveyDefinition } | { success: false; error: z.ZodError } {
  const parsed = parseSurveyDefinition(fillGaps(data));
  return parsed.success ? { success: true, data: restoreGaps(parsed.data) } : { success: false, error: parsed.error };
}

/** Checks a part of a definition (one question, one section) the same way. */
export function parseAllowingGaps<S extends z.ZodType>(schema: S, data: unknown): z.ZodSafeParseResult<z.infer<S>> {
  const parsed = schema.safeParse(fillGaps(data));
  return parsed.success ? { ...parsed, data: restoreGaps(parsed.data) } : parsed;
}

/** One text that is not written in one language, named so a person can find it. */
export interface MissingTranslation {
  lang: Language;
  /** e.g. 'Section "Delivery", question "How satisfied are you…", help text' (English, for the launch check) */
  where: string;
  /** The same place in parts, for pages in the reader's language: each named by its text or its position. */
  place: MissingPlace;
}

/** A section, question or option of a missing text's place: its position, short English text and its texts in every language written. */
export interface PlacePart {
  n: number;
  name: string;
  texts?: Partial<Record<Language, string>>;
}

/** Where a missing text is: its section, question and option (by short text or by position), and its field's keys. */
export interface MissingPlace {
  section?: PlacePart;
  question?: PlacePart;
  option?: PlacePart;
  field: string[];
}

const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  intro: 'introduction',
  text: 'text',
  help: 'help text',
  low: 'lowest label',
  high: 'highest label',
  frequentText: '"often" question',
  botherText: '"bother" question',
};

function describeField(path: string[]): string {
  return path.map((key) => FIELD_NAMES[key] ?? key.replace(/([A-Z])/g, ' $1').toLowerCase()).join(' ');
}

/** A text in one language (English when not written in it), cut to 50 characters. */
export function shortText(texts: unknown, lang: Language = 'en'): string {
  const text = isLocalizedShape(texts) ? textIn(texts, lang) : '';
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}

function textsOf(value: unknown): Partial<Record<Language, string>> | undefined {
  return isLocalizedShape(value) ? (value as Partial<Record<Language, string>>) : undefined;
}

function collectGaps(value: unknown, path: string[], where: (field: string) => string, out: MissingTranslation[], languages: readonly Language[], place: Omit<MissingPlace, 'field'> = {}): void {
  if (isLocalizedShape(value)) {
    for (const lang of languages) if (!value[lang]?.trim()) out.push({ lang, where: where(describeField(path)), place: { ...place, field: path } });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'options' && Array.isArray(child)) {
      child.forEach((option, i) => {
        const text = isPlainObject(option) ? option.text : undefined;
        collectGaps(text, [], (f) => where(`option ${i + 1}${shortText(text) ? ` "${shortText(text)}"` : ''} ${f}`.trim()), out, languages, { ...place, option: { n: i + 1, name: shortText(text), texts: textsOf(text) } });
      });
    } else if (key !== 'sections' && key !== 'questions') {
      collectGaps(child, [...path, key], where, out, languages, place);
    }
  }
}

/**
 * Every text of the definition that is not written in one of the languages, in page order.
 * A campaign may launch only when this is empty for the languages of its audience.
 */
export function missingTranslations(definition: unknown, languages: readonly Language[] = LANGUAGES): MissingTranslation[] {
  const out: MissingTranslation[] = [];
  if (!isPlainObject(definition)) return out;
  collectGaps(definition, [], (f) => `Questionnaire ${f}`, out, languages);
  const sections = Array.isArray(definition.sections) ? definition.sections : [];
  sections.forEach((section: unknown, s) => {
    if (!isPlainObject(section)) return;
    const sectionName = shortText(section.title) ? `Section "${shortText(section.title)}"` : `Section ${s + 1}`;
    const sectionPlace = { section: { n: s + 1, name: shortText(section.title), texts: textsOf(section.title) } };
    collectGaps(section, [], (f) => `${sectionName} ${f}`, out, languages, sectionPlace);
    const questions = Array.isArray(section.questions) ? section.questions : [];
    questions.forEach((question: unknown, q) => {
      if (!isPlainObject(question)) return;
      const questionName = shortText(question.text) ? `question "${shortText(question.text)}"` : `question ${q + 1}`;
      collectGaps(question, [], (f) => `${sectionName}, ${questionName}, ${f}`, out, languages, { ...sectionPlace, question: { n: q + 1, name: shortText(question.text), texts: textsOf(question.text) } });
    });
  });
  return out;
}

/** How many texts are missing in each language. */
export function countMissingByLanguage(definition: unknown): Record<Language, number> {
  const counts = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  for (const gap of missingTranslations(definition)) counts[gap.lang] = (counts[gap.lang] ?? 0) + 1;
  return counts;
}

/** Every question id of a definition. */
export function questionIds(definition: Pick<StoredDefinition, 'sections'>): string[] {
  return definition.sections.flatMap((s) => s.questions.map((q) => q.id));
}

/**
 * A new id made from a text: lower-case ASCII words joined by "_", starting with a letter, and
 * not one of `taken` (ids in use and retired ids), else with _2, _3… appended.
 */
export function idFromText(text: string, taken: Iterable<string>, fallback = 'question'): string {
  const used = new Set(taken);
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[æ]/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/[å]/g, 'a')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 5);
  let base = words.join('_').slice(0, 40).replace(/_+$/, '');
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}` : fallback;
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A questionnaire slug made from a title: lower-case words joined by hyphens, unique among `taken`. */
export function slugFromTitle(title: string, taken: Iterable<string>): string {
  return uniqueSlug(idFromText(title, [], 'questionnaire').replace(/_/g, '-'), taken);
}

function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The list with the item at `index` moved one place up or down; unchanged at the ends. */
export function moveItem<T>(items: readonly T[], index: number, direction: 'up' | 'down'): T[] {
  const to = direction === 'up' ? index - 1 : index + 1;
  const out = [...items];
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return out;
  [out[index], out[to]] = [out[to] as T, out[index] as T];
  return out;
}

/** Where a question sits in a definition. */
export function findQuestion(definition: StoredDefinition, questionId: string): { section: number; index: number; question: StoredQuestion } | undefined {
  for (const [s, section] of definition.sections.entries()) {
    const index = section.questions.findIndex((q) => q.id === questionId);
    const question = section.questions[index];
    if (question) return { section: s, index, question };
  }
  return undefined;
}

/** What makes answers to a question comparable: its type and its scale. */
function answerShape(question: Record<string, unknown>): string {
  const scale = question.type === 'rating' ? (question.scale ?? 5) : question.type === 'problem_rating' ? question.scale : null;
  return `${String(question.type)}:${String(scale)}`;
}

/**
 * Why the change of a question would make its stored answers meaningless (another type or
 * scale), or null when the answers stay comparable.
 */
export function incompatibleChange(before: Record<string, unknown>, after: Record<string, unknown>): string | null {
  if (before.type !== after.type) return 'type';
  return answerShape(before) === answerShape(after) ? null : 'scale';
}

/** A question as a change list names it. */
export interface QuestionRef {
  id: string;
  text: string;
}

export interface DefinitionChanges {
  added: QuestionRef[];
  removed: QuestionRef[];
  /** Questions whose wording changed, with the languages in which it changed. */
  reworded: (QuestionRef & { languages: Language[] })[];
  /** Questions whose type or scale changed. */
  changedShape: QuestionRef[];
}

function questionTextsIn(question: Record<string, unknown>, lang: Language): string {
  const texts: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (isLocalizedShape(value)) texts.push(`${path}=${value[lang] ?? ''}`);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(question, '');
  return texts.join('\n');
}

function allQuestionsOf(definition: Pick<StoredDefinition, 'sections'>): StoredQuestion[] {
  return definition.sections.flatMap((s) => s.questions);
}

/** What changed between two versions of a questionnaire, question by question (pure). */
export function diffDefinitions(before: Pick<StoredDefinition, 'sections'>, after: Pick<StoredDefinition, 'sections'>, lang: Language = 'en'): DefinitionChanges {
  const ref = (q: StoredQuestion): QuestionRef => ({ id: q.id, text: textIn(q.text, lang) });
  const oldQuestions = allQuestionsOf(before);
  const newQuestions = allQuestionsOf(after);
  const oldById = new Map(oldQuestions.map((q) => [q.id, q]));
  const newIds = new Set(newQuestions.map((q) => q.id));
  const changes: DefinitionChanges = { added: [], removed: [], reworded: [], changedShape: [] };
  for (const question of newQuestions) {
    const old = oldById.get(question.id);
    if (!old) {
      changes.added.push(ref(question));
      continue;
    }
    const languages = LANGUAGES.filter((l) => questionTextsIn(old, l) !== questionTextsIn(question, l));
    if (languages.length) changes.reworded.push({ ...ref(question), languages });
    if (incompatibleChange(old, question)) changes.changedShape.push(ref(question));
  }
  changes.removed = oldQuestions.filter((q) => !newIds.has(q.id)).map(ref);
  return changes;
}

/** The definition a new version starts from: a copy of the latest with the next number. */
export function nextVersionDefinition(latest: StoredDefinition, number: number): StoredDefinition {
  return { ...structuredClone(latest), version: number };
}

/** An empty questionnaire: one section waiting for its first question. */
export function emptyDefinition(slug: string, title: Record<Language, string>): StoredDefinition {
  return {
    slug,
    version: 1,
    title,
    sections: [{ id: 'section_1', title: { en: 'Questions', sv: 'Frågor', da: 'Spørgsmål' }, questions: [] }],
  };
}

/**
 * Why a campaign may not launch with this definition: the texts missing in its audience's
 * languages, counted per language with the first few named. Empty when nothing is missing.
 */
export function launchBlockedMessage(gaps: readonly MissingTranslation[], languageName: (lang: Language) => string): string {
  if (gaps.length === 0) return '';
  const byLanguage = LANGUAGES.map((lang) => ({ lang, gaps: gaps.filter((g) => g.lang === lang) })).filter((l) => l.gaps.length);
  const parts = byLanguage.map(({ lang, gaps: missing }) => {
    const named = missing.slice(0, 3).map((g) => g.where).join('; ');
    return `${languageName(lang)}: ${missing.length} ${missing.length === 1 ? 'text' : 'texts'} missing (${named}${missing.length > 3 ? '; …' : ''})`;
  });
  return `The questionnaire is not translated into every language of this campaign's audience. ${parts.join('. ')}. Translate them under Questionnaires and publish it again.`;
}

/** An earlier question a condition may refer to, as the editor offers it. */
export interface ConditionTarget {
  id: string;
  text: string;
  type: string;
  options: { id: string; text: string }[];
}

/**
 * The rating, nps and choice questions before a question (or, for a new question, up to the
 * end of its section): the ones its condition may refer to.
 */
export function conditionTargets(definition: StoredDefinition, before: { questionId: string } | { sectionId: string }, lang: Language = 'en'): ConditionTarget[] {
  const out: ConditionTarget[] = [];
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if ('questionId' in before && q.id === before.questionId) return out;
      if (q.type === 'rating' || q.type === 'nps' || q.type === 'choice') {
        const options = ((q.options as { id: string; text: Partial<Record<Language, string>> }[] | undefined) ?? []).map((o) => ({ id: o.id, text: textIn(o.text, lang) }));
        out.push({ id: q.id, text: textIn(q.text, lang), type: q.type, options });
      }
    }
    if ('sectionId' in before && section.id === before.sectionId) return out;
  }
  return out;
}

/** The order of sections and of the questions in each, as the editor's drag and drop sends it. */
export type DefinitionOrder = { id: string; questions: string[] }[];

/**
 * The definition with its sections and questions in `order` (every position given explicitly),
 * or why that order is refused: it must name every section and question exactly once (else the
 * page was out of date), and a question with a condition must stay after the question it names.
 */
export function applyOrder(
  definition: StoredDefinition,
  order: DefinitionOrder,
): { ok: true; definition: StoredDefinition } | { ok: false; message: string; condition?: { question: Partial<Record<Language, string>>; earlier: Partial<Record<Language, string>> } } {
  const stale = { ok: false as const, message: 'questionnaires.errors.stale' };
  const sections = new Map(definition.sections.map((s) => [s.id, s]));
  const questions = new Map(definition.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const orderedQuestions = order.flatMap((s) => s.questions);
  if (order.length !== sections.size || new Set(order.map((s) => s.id)).size !== sections.size || !order.every((s) => sections.has(s.id))) return stale;
  if (orderedQuestions.length !== questions.size || new Set(orderedQuestions).size !== questions.size || !orderedQuestions.every((q) => questions.has(q))) return stale;
  const next: StoredDefinition = {
    ...definition,
    sections: order.map((o) => ({ ...sections.get(o.id)!, questions: o.questions.map((q) => questions.get(q)!) })),
  };
  const seen = new Set<string>();
  for (const q of next.sections.flatMap((s) => s.questions)) {
    const target = (q.showIf as { question?: string } | undefined)?.question;
    if (target && !seen.has(target)) {
      const named = questions.get(target);
      return {
        ok: false,
        message: `“${shortText(q.text)}” is shown only after an answer to “${shortText(named?.text)}”, so it must stay after that question.`,
        condition: { question: textsOf(q.text) ?? {}, earlier: textsOf(named?.text) ?? {} },
      };
    }
    seen.add(q.id);
  }
  return { ok: true, definition: next };
}
