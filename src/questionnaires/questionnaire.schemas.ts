import { z } from 'zod';
import { LANGUAGES, type Language } from '../shared/languages';
import { LAYOUTS, QUESTION_TYPES } from '../surveys/survey-definition';

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(5000, 'questionnaires.errors.tooLong'));

/** A text in every language; a language left empty is a missing translation. */
export const TextsField = z
  .preprocess((v) => (typeof v === 'object' && v !== null ? v : {}), z.object(Object.fromEntries(LANGUAGES.map((l) => [l, text])) as Record<Language, typeof text>))
  .transform((t) => t as Record<Language, string>);

const checkbox = z.preprocess((v) => v === 'yes' || v === 'on' || v === '1' || v === true, z.boolean());
const labels = z.preprocess((v) => (typeof v === 'object' && v !== null ? v : {}), z.object({ low: TextsField, high: TextsField }));
const optionalString = z.preprocess((v) => (typeof v === 'string' ? v.trim() : undefined), z.string().optional());
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'object' && v !== null ? Object.values(v) : v === undefined ? [] : [v]), z.array(item));

export const QuestionnaireParams = z.object({ id: z.coerce.number().int().positive() });
export const SectionParams = QuestionnaireParams.extend({ sectionId: z.string().regex(/^[a-z][a-z0-9_]*$/) });
export const QuestionParams = QuestionnaireParams.extend({ questionId: z.string().regex(/^[a-z][a-z0-9_]*$/) });
export const VersionParams = QuestionnaireParams.extend({ number: z.coerce.number().int().positive() });

export const NewQuestionQuery = z.object({ type: z.enum(QUESTION_TYPES).default('rating') });
export const PreviewQuery = z.object({ lang: z.enum(LANGUAGES).optional(), version: z.coerce.number().int().positive().optional(), step: z.coerce.number().int().positive().optional().catch(undefined) });
export const ChangesQuery = z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() });

export const MoveForm = z.object({ direction: z.enum(['up', 'down']) });

const ItemId = z.string().regex(/^[a-z][a-z0-9_]*$/);

/** The whole order after a drag and drop: `order` is JSON [{ id, questions: [ids] }] in page order. */
export const OrderForm = z.object({
  order: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return undefined;
      }
    },
    z.array(z.object({ id: ItemId, questions: z.array(ItemId).max(500) })).min(1).max(100),
  ),
});

export const NewQuestionnaireForm = z.object({
  title: TextsField.refine((t) => Boolean(t.en), { message: 'questionnaires.errors.englishTitle', path: ['en'] }),
  start: z.string().regex(/^(empty|template:[a-z0-9-]+|copy:\d+)$/, 'questionnaires.errors.chooseStart'),
});
export type NewQuestionnaireInput = z.infer<typeof NewQuestionnaireForm>;

export const SectionForm = z.object({
  title: TextsField,
  intro: TextsField,
});
export type SectionInput = z.infer<typeof SectionForm>;

export const DetailsForm = SectionForm.extend({
  layout: z.enum(LAYOUTS, { error: 'questionnaires.errors.chooseLayout' }).default('one_page'),
});
export type DetailsInput = z.infer<typeof DetailsForm>;

export const ImportForm = z.object({ json: z.string().trim().min(1, 'questionnaires.errors.pasteJson') });

export const QuestionForm = z.object({
  type: z.enum(QUESTION_TYPES),
  text: TextsField,
  help: TextsField,
  required: checkbox,
  scale: optionalString,
  labels,
  touchpoint: optionalString,
  allowNotApplicable: checkbox,
  options: list(z.preprocess((v) => (typeof v === 'object' && v !== null ? v : {}), z.object({ id: optionalString.transform((v) => v ?? ''), text: TextsField }))),
  multiple: checkbox,
  multiline: checkbox,
  maxLength: optionalString,
  maxItems: optionalString,
  minItems: optionalString,
  allowOwnWords: checkbox,
  allowCatalogue: checkbox,
  categoriesMode: z.enum(['active', 'list']).default('active'),
  categories: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : Array.isArray(v) ? v : []),
    z.array(z.string().regex(/^\d+$/, 'questionnaires.errors.categoryNumbers')),
  ),
  showIfQuestion: optionalString,
  showIfMin: optionalString,
  showIfMax: optionalString,
  showIfAnyOf: list(z.string()),
  frequentText: TextsField,
  botherText: TextsField,
  frequentLabels: labels,
  botherLabels: labels,
});
export type QuestionFormInput = z.infer<typeof QuestionForm>;

/** The texts edited in place on the editor overview: the question's text, help text and "required". */
export const QuestionTextsForm = z.object({
  text: TextsField,
  help: TextsField,
  required: checkbox,
});
export type QuestionTextsInput = z.infer<typeof QuestionTextsForm>;

/** Publishing asks nothing more than the click. */
export const PublishForm = z.object({});
