import type { z } from 'zod';
import { LANGUAGES, type Language } from '../shared/languages';
import type { QuestionType } from '../surveys/survey-definition';
import { isLocalizedShape, type StoredQuestion } from './questionnaire';
import type { QuestionFormInput } from './questionnaire.schemas';

/** Between the editor's flat forms and the definition's questions (no I/O). */

type Texts = Record<Language, string>;

const blank = (): Texts => ({ en: '', sv: '', da: '' });

function texts(value: unknown): Texts {
  const out = blank();
  if (isLocalizedShape(value)) for (const l of LANGUAGES) out[l] = value[l] ?? '';
  return out;
}

function isEmpty(t: Partial<Texts> | undefined): boolean {
  return !t || LANGUAGES.every((l) => !t[l]?.trim());
}

function optionalTexts(t: Texts | undefined): Texts | undefined {
  return isEmpty(t) ? undefined : t;
}

/** The fields of the question form for one question (the form shows every field of its type). */
export function questionFormValues(q: StoredQuestion): Record<string, unknown> {
  const labels = (value: unknown) => ({ low: texts((value as { low?: unknown } | undefined)?.low), high: texts((value as { high?: unknown } | undefined)?.high) });
  return {
    type: q.type,
    text: texts(q.text),
    help: texts(q.help),
    required: q.required === true,
    scale: q.type === 'problem_rating' ? (q.scale ?? 'yes_no') : String(q.scale ?? 5),
    labels: labels(q.labels),
    touchpoint: q.touchpoint ?? '',
    allowNotApplicable: q.allowNotApplicable === true,
    options: [...((q.options as { id: string; text: unknown }[] | undefined) ?? []).map((o) => ({ id: o.id, text: texts(o.text) })), { id: '', text: blank() }, { id: '', text: blank() }],
    multiple: q.multiple === true,
    multiline: q.multiline === true,
    maxLength: String(q.maxLength ?? (q.type === 'problem_list' ? 500 : 2000)),
    maxItems: String(q.maxItems ?? 5),
    minItems: q.minItems === undefined ? '' : String(q.minItems),
    allowOwnWords: q.allowOwnWords !== false,
    allowCatalogue: q.allowCatalogue !== false,
    categoriesMode: Array.isArray(q.categories) ? 'list' : 'active',
    categories: Array.isArray(q.categories) ? (q.categories as number[]).map(String) : [],
    showIfQuestion: (q.showIf as { question?: string } | undefined)?.question ?? '',
    showIfMin: String((q.showIf as { min?: number } | undefined)?.min ?? ''),
    showIfMax: String((q.showIf as { max?: number } | undefined)?.max ?? ''),
    showIfAnyOf: (q.showIf as { anyOf?: string[] } | undefined)?.anyOf ?? [],
    frequentText: texts(q.frequentText),
    botherText: texts(q.botherText),
    frequentLabels: labels(q.frequentLabels),
    botherLabels: labels(q.botherLabels),
  };
}

/** A new question of a type, before anything is typed. */
export function blankQuestion(type: QuestionType): StoredQuestion {
  return { id: '', type, text: blank() };
}

/**
 * The question a posted form describes, in the definition format. Empty optional texts are
 * left out; empty option rows are dropped; new options get ids from their first text.
 */
export function questionFromForm(form: QuestionFormInput, id: string, newOptionId: (text: string, taken: string[]) => string): StoredQuestion {
  const base: StoredQuestion = { id, type: form.type, text: form.text };
  const help = optionalTexts(form.help);
  if (help) base.help = help;
  if (form.required) base.required = true;
  const num = (value: string | undefined, fallback: number) => (value === undefined || value === '' ? fallback : Number(value));
  if (form.showIfQuestion) {
    const condition: Record<string, unknown> = { question: form.showIfQuestion };
    if (form.showIfAnyOf.length) condition.anyOf = form.showIfAnyOf;
    else {
      if (form.showIfMin) condition.min = Number(form.showIfMin);
      if (form.showIfMax) condition.max = Number(form.showIfMax);
    }
    base.showIf = condition;
  }
  switch (form.type) {
    case 'rating':
      return {
        ...base,
        scale: num(form.scale, 5),
        labels: { low: form.labels.low, high: form.labels.high },
        ...(form.touchpoint ? { touchpoint: form.touchpoint } : {}),
        ...(form.allowNotApplicable ? { allowNotApplicable: true } : {}),
      };
    case 'nps':
      return isEmpty(form.labels.low) && isEmpty(form.labels.high) ? base : { ...base, labels: { low: form.labels.low, high: form.labels.high } };
    case 'choice': {
      const taken: string[] = [];
      const options = form.options
        .filter((o) => !isEmpty(o.text) || o.id)
        .map((o) => {
          const optionId = o.id || newOptionId(LANGUAGES.map((l) => o.text[l]).find((t) => t?.trim()) ?? 'option', taken);
          taken.push(optionId);
          return { id: optionId, text: o.text };
        });
      return { ...base, options, ...(form.multiple ? { multiple: true } : {}) };
    }
    case 'text':
      return { ...base, ...(form.multiline ? { multiline: true } : {}), maxLength: num(form.maxLength, 2000) };
    case 'problem_list':
      return {
        ...base,
        maxItems: num(form.maxItems, 5),
        ...(form.minItems ? { minItems: Number(form.minItems) } : {}),
        allowOwnWords: form.allowOwnWords,
        allowCatalogue: form.allowCatalogue,
        maxLength: num(form.maxLength, 500),
      };
    case 'problem_rating': {
      const out: StoredQuestion = {
        ...base,
        categories: form.categoriesMode === 'list' ? form.categories.map(Number) : 'active',
        scale: form.scale === '1-5' ? '1-5' : 'yes_no',
      };
      for (const key of ['frequentText', 'botherText'] as const) if (!isEmpty(form[key])) out[key] = form[key];
      for (const key of ['frequentLabels', 'botherLabels'] as const) {
        if (!isEmpty(form[key].low) || !isEmpty(form[key].high)) out[key] = { low: form[key].low, high: form[key].high };
      }
      return out;
    }
  }
}

/** A question of another type keeping what every type has: texts and "required". */
export function convertQuestion(q: StoredQuestion, type: QuestionType): StoredQuestion {
  const out: StoredQuestion = { id: q.id, type, text: q.text };
  if (q.help) out.help = q.help;
  if (q.required) out.required = q.required;
  if (q.showIf) out.showIf = q.showIf;
  if (type === 'rating') out.labels = { low: blank(), high: blank() };
  if (type === 'problem_rating') Object.assign(out, { categories: 'active', scale: 'yes_no' });
  return out;
}

/** The key of a field in the form's error map, e.g. "options.0.text.sv". */
export function errorKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Field errors of a failed question check. A text empty in every language gets one message
 * instead of one per language.
 */
export function editorFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    let path = issue.path;
    let message = issue.message;
    const last = path[path.length - 1];
    if (typeof last === 'string' && (LANGUAGES as readonly string[]).includes(last) && /empty|Required/.test(message)) {
      path = path.slice(0, -1);
      message = 'questionnaires.errors.someText';
    }
    const key = errorKey(path) || '_form';
    if (!out[key]?.includes(message)) out[key] = [...(out[key] ?? []), message];
  }
  return out;
}
