import type { Language, Translate } from '../shared/languages';
import { readZodMessage, type ZodIssue } from '../shared/field-messages';
import { isLocalizedShape, shortText } from './questionnaire';

/**
 * The survey-definition schema's problems in the reader's language, for the editor's pages. The
 * schema (shared with the file import and the API) keeps its English lines
 * (`sections[0].questions[2].scale: Too big: expected number to be <=10`); this turns one line
 * into a place named by its texts and a message from the catalogue: 'Section “Delivery”,
 * question “How satisfied…”, number of steps: Must be at most 10'. A message it does not know
 * stays as written.
 */

// The catalogue key of each field name in a place.
export const FIELD_NAME_KEYS: Record<string, string> = {
  title: 'questionnaires.place.field.title',
  intro: 'questionnaires.place.field.intro',
  text: 'questionnaires.place.field.text',
  help: 'questionnaires.place.field.help',
  labels: 'questionnaires.place.field.labels',
  low: 'questionnaires.place.field.low',
  high: 'questionnaires.place.field.high',
  frequentText: 'questionnaires.place.field.frequentText',
  botherText: 'questionnaires.place.field.botherText',
  frequentLabels: 'questionnaires.place.field.frequentLabels',
  botherLabels: 'questionnaires.place.field.botherLabels',
  scale: 'questionnaires.place.field.scale',
  maxItems: 'questionnaires.place.field.maxItems',
  minItems: 'questionnaires.place.field.minItems',
  maxLength: 'questionnaires.place.field.maxLength',
  options: 'questionnaires.place.field.options',
  id: 'questionnaires.place.field.id',
  type: 'questionnaires.place.field.type',
  categories: 'questionnaires.place.field.categories',
  showIf: 'questionnaires.place.field.showIf',
  question: 'questionnaires.place.field.showIfQuestion',
  min: 'questionnaires.place.field.showIfMin',
  max: 'questionnaires.place.field.showIfMax',
  anyOf: 'questionnaires.place.field.showIfAnyOf',
  layout: 'questionnaires.place.field.layout',
  slug: 'questionnaires.place.field.slug',
  version: 'questionnaires.place.field.version',
  sections: 'questionnaires.place.field.sections',
  questions: 'questionnaires.place.field.questions',
  required: 'questionnaires.place.field.required',
  allowOwnWords: 'questionnaires.place.field.allowOwnWords',
  allowCatalogue: 'questionnaires.place.field.allowCatalogue',
};

/** A field's name in the reader's language; a key the editor does not know is spelt out ("maxFoo" → "max foo"). */
export function fieldName(t: Translate, key: string): string {
  const catalogueKey = FIELD_NAME_KEYS[key];
  return catalogueKey ? t(catalogueKey) : key.replace(/([A-Z])/g, ' $1').toLowerCase();
}

type Rule = [RegExp, (m: RegExpExecArray) => [string, Record<string, unknown>?]];

// The editor schema's own English messages → catalogue key (and its placeholders).
const MESSAGE_RULES: Rule[] = [
  [/^Must not be empty$/, () => ['questionnaires.issues.empty']],
  [/^Required$/, () => ['questionnaires.issues.required']],
  [/^Must be one of (.+)$/, (m) => ['questionnaires.issues.questionType', { types: m[1] }]],
  [/^Must start with a-z and contain only a-z, 0-9 and _$/, () => ['questionnaires.issues.idFormat']],
  [/^Must be lower-case words joined by hyphens$/, () => ['questionnaires.issues.slugFormat']],
  [/^Must have at least 2 options$/, () => ['questionnaires.issues.twoOptions']],
  [/^Must have at least 1 question$/, () => ['questionnaires.issues.oneQuestion']],
  [/^Must have at least 1 section$/, () => ['questionnaires.issues.oneSection']],
  [/^Duplicate option id "(.*)"$/, (m) => ['questionnaires.issues.duplicateOption', { id: m[1] }]],
  [/^Duplicate section id "(.*)"$/, (m) => ['questionnaires.issues.duplicateSection', { id: m[1] }]],
  [/^Duplicate question id "(.*)" \(first used at .*\)$/, (m) => ['questionnaires.issues.duplicateQuestion', { id: m[1] }]],
  [/^Must be an earlier question|^Must be a rating, nps or choice question$/, () => ['questionnaires.errors.conditionQuestion']],
  [/^Choose at least one option of the earlier question$|^No option ".*" in question ".*"$/, () => ['questionnaires.errors.conditionOption']],
  [/^Give the lowest or the highest answer that shows the question$/, () => ['questionnaires.errors.conditionRange']],
  [/^Must not exceed maxItems \((\d+)\)$/, (m) => ['questionnaires.issues.minOverMax', { max: Number(m[1]) }]],
  [/^allowOwnWords and allowCatalogue cannot both be false$/, () => ['questionnaires.issues.ownWordsOrCatalogue']],
  [/^Must be "active" or a list of catalogue category ids/, () => ['questionnaires.issues.categories']],
  [/^Must not repeat a category id$/, () => ['questionnaires.issues.repeatedCategory']],
];

// The catalogue key of each type zod expected, in the editor's words.
const EXPECTED_KEYS: Record<string, string> = {
  int: 'questionnaires.issues.expectedWholeNumber',
  number: 'questionnaires.issues.expectedNumber',
  string: 'questionnaires.issues.expectedText',
  boolean: 'questionnaires.issues.expectedYesNo',
  array: 'questionnaires.issues.expectedList',
  object: 'questionnaires.issues.expectedGroup',
  record: 'questionnaires.issues.expectedGroup',
};

// zod's own English (read in shared/field-messages) as the editor says it; a malformed text stays as written.
function zodIssueKey(issue: ZodIssue): [string, Record<string, unknown>?] | undefined {
  switch (issue.kind) {
    case 'atMost':
      return ['questionnaires.issues.atMost', { max: issue.limit }];
    case 'atMostItems':
      return ['questionnaires.issues.atMostItems', { max: issue.limit }];
    case 'atMostCharacters':
      return ['questionnaires.issues.atMostCharacters', { max: issue.limit }];
    case 'atLeast':
      return ['questionnaires.issues.atLeast', { min: issue.limit }];
    case 'atLeastItems':
      return ['questionnaires.issues.atLeastItems', { min: issue.limit }];
    case 'atLeastCharacters':
      return ['questionnaires.issues.atLeastCharacters', { min: issue.limit }];
    case 'type': {
      if (issue.missing) return ['questionnaires.issues.required'];
      const key = EXPECTED_KEYS[issue.expected];
      return key ? [key] : undefined;
    }
    case 'oneOf':
      return ['questionnaires.issues.oneOf', { values: issue.values.join(', ') }];
    case 'invalid':
      return undefined;
  }
}

/** A schema message in the reader's language; one the editor does not know stays as written. */
export function issueMessage(t: Translate, message: string): string {
  for (const [pattern, toKey] of MESSAGE_RULES) {
    const match = pattern.exec(message);
    if (match) {
      const [key, vars] = toKey(match);
      return t(key, vars);
    }
  }
  const issue = readZodMessage(message);
  const known = issue && zodIssueKey(issue);
  return known ? t(known[0], known[1]) : message;
}

const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(JSON.parse(m[3]!) as string);
  }
  return parts;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const itemAt = (list: unknown, i: number): Record<string, unknown> | undefined => (Array.isArray(list) ? asRecord(list[i]) : undefined);

export interface IssueReader {
  t: Translate;
  lang: Language;
  /** A language's name in the reader's language, for a text's language (`text.sv`). */
  languageName: (code: string) => string;
  isLanguage: (code: string) => boolean;
}

/** One line of formatZodIssues in the reader's language; `definition` is what was checked, for the names. */
export function describeIssue(reader: IssueReader, line: string, definition: unknown): string {
  const { t, lang } = reader;
  const split = line.indexOf(': ');
  const path = split > 0 ? line.slice(0, split) : '';
  if (!path || !PATH.test(path)) return issueMessage(t, line);
  let message = line.slice(split + 2);
  const parts = pathParts(path);
  if (message === 'Unknown field') {
    const key = parts.pop();
    message = t('questionnaires.issues.unknownField', { name: String(key) });
  } else {
    message = issueMessage(t, message);
  }
  const named = (key: string, numbered: string, n: number, texts: unknown) => {
    const name = isLocalizedShape(texts) ? shortText(texts, lang) : '';
    return name ? t(key, { name }) : t(numbered, { number: n });
  };
  const place: string[] = [];
  let node: unknown = definition;
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if ((part === 'sections' || part === 'questions' || part === 'options') && typeof next === 'number') {
      const item = itemAt(asRecord(node)?.[part], next);
      if (part === 'sections') place.push(named('questionnaires.place.section', 'questionnaires.place.sectionN', next + 1, item?.title));
      else if (part === 'questions') place.push(named('questionnaires.place.question', 'questionnaires.place.questionN', next + 1, item?.text));
      else place.push(named('questionnaires.place.option', 'questionnaires.place.optionN', next + 1, item?.text));
      node = item;
      i += 1;
    } else if (typeof part === 'string' && reader.isLanguage(part) && i === parts.length - 1) {
      place.push(reader.languageName(part));
    } else {
      place.push(typeof part === 'number' ? t('questionnaires.place.itemN', { number: part + 1 }) : fieldName(t, part));
      node = asRecord(node)?.[String(part)];
    }
  }
  // A place inside a section starts with the section; anything else (the list of sections too) with the questionnaire.
  const inSection = parts.some((p, i) => p === 'sections' && typeof parts[i + 1] === 'number');
  if (!place.length || !inSection) place.unshift(t('questionnaires.place.questionnaire'));
  return t('questionnaires.issues.line', { place: place.join(', '), message });
}
