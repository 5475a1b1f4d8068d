import { z } from 'zod';
import { inEveryLanguage, LANGUAGES, SURVEY_LANGUAGES, type Language } from '../shared/languages';

/** Every survey text is written in every survey language; a newer language falls back to the default. */
export { LANGUAGES, type Language };

/** How the respondent's page shows the sections: all on one page, or one section per page. */
export const LAYOUTS = ['one_page', 'section_per_page'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Texts and lists longer than this are written in a multi-line field. */
export const MULTILINE_FROM_LENGTH = 200;

export const QUESTION_TYPES = ['rating', 'nps', 'choice', 'text', 'problem_list', 'problem_rating'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const Id = z
  .string()
  .regex(ID_PATTERN, 'Must start with a-z and contain only a-z, 0-9 and _')
  .describe('Stable identifier: lower-case letters, digits and underscores, starting with a letter.');

const LocalizedText = z.string().trim().min(1, 'Must not be empty');

export const Localized = z
  .strictObject(
    Object.fromEntries(LANGUAGES.map((lang) => [lang, SURVEY_LANGUAGES.includes(lang) ? LocalizedText : LocalizedText.optional()])) as Record<Language, typeof LocalizedText>,
  )
  .meta({ id: 'Localized', description: 'The same text in English, Swedish and Danish; all three are required.' });
export type Localized = z.infer<typeof Localized>;

const ScaleLabels = z
  .strictObject({ low: Localized, high: Localized })
  .meta({ id: 'ScaleLabels', description: 'Captions for the lowest and highest point of the scale.' });
export type ScaleLabels = z.infer<typeof ScaleLabels>;

// Defaults come from the catalogue so every consumer (form, mail preview, export) shows the same words.
export const DEFAULT_NPS_LABELS: ScaleLabels = { low: inEveryLanguage('respondent', 'defaults.npsLow'), high: inEveryLanguage('respondent', 'defaults.npsHigh') };

export const DEFAULT_FREQUENT_TEXT: Localized = inEveryLanguage('respondent', 'defaults.frequentText');

export const DEFAULT_BOTHER_TEXT: Localized = inEveryLanguage('respondent', 'defaults.botherText');

export const DEFAULT_FREQUENT_LABELS: ScaleLabels = { low: inEveryLanguage('respondent', 'defaults.frequentLow'), high: inEveryLanguage('respondent', 'defaults.frequentHigh') };

export const DEFAULT_BOTHER_LABELS: ScaleLabels = { low: inEveryLanguage('respondent', 'defaults.botherLow'), high: inEveryLanguage('respondent', 'defaults.botherHigh') };

const Condition = z
  .strictObject({
    question: Id.describe('An earlier rating, nps or choice question.'),
    min: z.number().int().min(0).max(10).optional().describe('Shown when that rating or NPS answer is at least this.'),
    max: z.number().int().min(0).max(10).optional().describe('Shown when that rating or NPS answer is at most this.'),
    anyOf: z.array(Id).min(1).optional().describe('Shown when one of these options of that choice question is picked.'),
  })
  .meta({ id: 'Condition', description: 'Show the question only when an earlier answer matches; a hidden question is never required or stored.' });
export type Condition = z.infer<typeof Condition>;

const questionBase = {
  id: Id,
  text: Localized.describe('The question as shown to the respondent.'),
  help: Localized.optional().describe('Extra guidance shown under the question.'),
  required: z.boolean().default(false),
  showIf: Condition.optional(),
};

const RatingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('rating'),
  scale: z.number().int().min(2).max(10).default(5).describe('Number of points; the respondent picks 1..scale.'),
  labels: ScaleLabels,
  touchpoint: Id.optional().describe('Tag that groups ratings in the analysis, e.g. "delivery".'),
  allowNotApplicable: z.boolean().default(false).describe('Offer a "not applicable" answer.'),
});

const NpsQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('nps'),
  labels: ScaleLabels.default(DEFAULT_NPS_LABELS).describe('Captions for 0 and 10.'),
});

const ChoiceOption = z.strictObject({ id: Id, text: Localized });

const ChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('choice'),
  options: z
    .array(ChoiceOption)
    .min(2, 'Must have at least 2 options')
    .superRefine((options, ctx) => {
      const seen = new Set<string>();
      options.forEach((option, i) => {
        if (seen.has(option.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Duplicate option id "${option.id}"` });
        }
        seen.add(option.id);
      });
    }),
  multiple: z.boolean().default(false).describe('Allow several options to be picked.'),
});

const TextQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  multiline: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(10000).default(2000),
});

const ProblemListQuestion = z
  .strictObject({
    ...questionBase,
    type: z.literal('problem_list'),
    maxItems: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(5)
      .describe('How many problems may be listed; also K in the rank points K - r + 1.'),
    minItems: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe('How many problems must be listed; 1 when the question is required, else 0.'),
    allowOwnWords: z.boolean().default(true).describe('Let respondents describe problems in their own words.'),
    allowCatalogue: z.boolean().default(true).describe('Let respondents pick problems from the catalogue.'),
    maxLength: z.number().int().min(1).max(10000).default(500).describe('Maximum length of one problem text.'),
  })
  .superRefine((q, ctx) => {
    if (q.minItems !== undefined && q.minItems > q.maxItems) {
      ctx.addIssue({ code: 'custom', path: ['minItems'], message: `Must not exceed maxItems (${q.maxItems})` });
    }
    if (!q.allowOwnWords && !q.allowCatalogue) {
      ctx.addIssue({ code: 'custom', path: ['allowCatalogue'], message: 'allowOwnWords and allowCatalogue cannot both be false' });
    }
  })
  .transform((q) => ({ ...q, minItems: q.minItems ?? (q.required ? 1 : 0) }));

const ProblemRatingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('problem_rating'),
  categories: z
    .union(
      [
        z.literal('active'),
        z
          .array(z.number().int().positive())
          .min(1)
          .refine((ids) => new Set(ids).size === ids.length, 'Must not repeat a category id'),
      ],
      { error: 'Must be "active" or a list of catalogue category ids (positive integers)' },
    )
    .describe('"active" for every active catalogue category at launch, or a list of catalogue category ids.'),
  scale: z
    .enum(['yes_no', '1-5'])
    .describe('"yes_no", or "1-5" where 4 and 5 count as yes in problem_score.'),
  frequentText: Localized.default(DEFAULT_FREQUENT_TEXT).describe('Sub-question asked for each problem.'),
  botherText: Localized.default(DEFAULT_BOTHER_TEXT).describe('Sub-question asked for each problem.'),
  frequentLabels: ScaleLabels.default(DEFAULT_FREQUENT_LABELS).describe('Captions for 1 and 5 (scale "1-5" only).'),
  botherLabels: ScaleLabels.default(DEFAULT_BOTHER_LABELS).describe('Captions for 1 and 5 (scale "1-5" only).'),
});

export const Question = z.discriminatedUnion(
  'type',
  [RatingQuestion, NpsQuestion, ChoiceQuestion, TextQuestion, ProblemListQuestion, ProblemRatingQuestion],
  { error: (iss) => (hasKey(iss.input, 'type') ? `Must be one of ${QUESTION_TYPES.map((t) => `"${t}"`).join(', ')}` : 'Required') },
);
export type Question = z.infer<typeof Question>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const Section = z.strictObject({
  id: Id,
  title: Localized,
  intro: Localized.optional(),
  questions: z.array(Question).min(1, 'Must have at least 1 question'),
});
export type Section = z.infer<typeof Section>;

export const SurveyDefinition = z
  .strictObject({
    $schema: z.string().optional().describe('Path to schema.json, for editors.'),
    slug: z
      .string()
      .regex(SLUG_PATTERN, 'Must be lower-case words joined by hyphens')
      .describe('Must equal the file name without .json.'),
    version: z.number().int().positive().describe('Raise when the wording or questions change.'),
    title: Localized,
    intro: Localized.optional(),
    layout: z
      .enum(LAYOUTS)
      .optional()
      .describe('"one_page" (the default): every section on one page; "section_per_page": one section per page with "Step 2 of 4", saved at every step.'),
    sections: z.array(Section).min(1, 'Must have at least 1 section'),
  })
  .superRefine((def, ctx) => {
    // Question ids key the stored answers, so they must be unique across the template, not just the section.
    const questionPaths = new Map<string, string>();
    const earlier = new Map<string, Question>();
    const sectionIds = new Set<string>();
    def.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `Duplicate section id "${section.id}"` });
      }
      sectionIds.add(section.id);
      section.questions.forEach((question, q) => {
        const first = questionPaths.get(question.id);
        if (first) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'questions', q, 'id'],
            message: `Duplicate question id "${question.id}" (first used at ${first})`,
          });
        } else {
          questionPaths.set(question.id, `sections[${s}].questions[${q}]`);
        }
        const problem = question.showIf && conditionProblem(question.showIf, earlier.get(question.showIf.question));
        if (problem) ctx.addIssue({ code: 'custom', path: ['sections', s, 'questions', q, 'showIf', problem.field], message: problem.message });
        earlier.set(question.id, question);
      });
    });
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

/** How pages name a questionnaire: its title in the reader's language (else English); a slug no longer published shows as it is. */
export function templateTitleIn(templates: ReadonlyMap<string, Pick<SurveyDefinition, 'title'>>, slug: string, lang: Language): string {
  const title = templates.get(slug)?.title;
  return (title && (title[lang] || title.en)) ?? slug;
}

/** What is wrong with a condition on `target` (the earlier question it names), or null. */
export function conditionProblem(condition: Condition, target: Question | undefined): { field: string; message: string } | null {
  if (!target) return { field: 'question', message: `Must be an earlier question (no earlier question "${condition.question}")` };
  if (target.type === 'choice') {
    if (!condition.anyOf) return { field: 'anyOf', message: 'Choose at least one option of the earlier question' };
    const unknown = condition.anyOf.find((id) => !target.options.some((o) => o.id === id));
    return unknown ? { field: 'anyOf', message: `No option "${unknown}" in question "${target.id}"` } : null;
  }
  if (target.type === 'rating' || target.type === 'nps') {
    if (condition.min === undefined && condition.max === undefined) return { field: 'min', message: 'Give the lowest or the highest answer that shows the question' };
    return null;
  }
  return { field: 'question', message: 'Must be a rating, nps or choice question' };
}

/**
 * Whether a question is shown for the raw answers given so far: always without a condition;
 * else when the earlier answer matches it (an unanswered earlier question hides it).
 */
export function isQuestionShown(question: Pick<Question, 'showIf'>, raw: Readonly<Record<string, unknown>>): boolean {
  const condition = question.showIf;
  if (!condition) return true;
  const value = raw[condition.question];
  if (condition.anyOf) {
    const picked = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return picked.some((p) => condition.anyOf!.includes(String(p)));
  }
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return false;
  const n = Number(value);
  return (condition.min === undefined || n >= condition.min) && (condition.max === undefined || n <= condition.max);
}

function hasKey(input: unknown, key: string): boolean {
  return typeof input === 'object' && input !== null && (input as Record<string, unknown>)[key] !== undefined;
}

// zod's default for a missing key is "Invalid input: expected string, received undefined".
const requiredMessage: z.core.$ZodErrorMap = (iss) =>
  iss.code === 'invalid_type' && iss.input === undefined ? 'Required' : undefined;

/** Validates unknown data (a template file or a stored snapshot) with readable messages. */
export function parseSurveyDefinition(data: unknown): z.ZodSafeParseResult<SurveyDefinition> {
  return SurveyDefinition.safeParse(data, { error: requiredMessage });
}

/** Every question of the definition, in the order the respondent sees them. */
export function allQuestions(def: Pick<SurveyDefinition, 'sections'>): Question[] {
  return def.sections.flatMap((section) => section.questions);
}

/** Whether the respondent sees one section per page (with steps) rather than all on one page. */
export function isStepped(def: Pick<SurveyDefinition, 'layout' | 'sections'>): boolean {
  return def.layout === 'section_per_page' && def.sections.length > 1;
}

/** Whether a text or problem_list answer is written in a multi-line field. */
export function isMultiline(q: Question): boolean {
  if (q.type === 'text') return q.multiline || q.maxLength > MULTILINE_FROM_LENGTH;
  return q.type === 'problem_list' && q.maxLength > MULTILINE_FROM_LENGTH;
}
