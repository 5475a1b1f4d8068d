import { carriedFields, clampStep, fieldName, type FieldError, type RawAnswers } from './answer';
import { isMultiline, isStepped, type SurveyDefinition } from './survey-definition';

/**
 * What the form view shows of the definition: every section, or with one section per page the
 * section of the step, its errors, the answers of the other steps (carried as hidden fields)
 * and the step's place ("Step 2 of 4").
 */
export function stepLocals(def: SurveyDefinition, raw: RawAnswers, errors: readonly FieldError[], step: number, stepHref?: (step: number) => string) {
  const common = { def, fieldName, isMultiline };
  if (!isStepped(def)) return { ...common, sections: def.sections, errors, carried: [], steps: null };
  const n = clampStep(def, step);
  const section = def.sections[n - 1]!;
  const shown = new Set(section.questions.map((q) => q.id));
  return {
    ...common,
    sections: [section],
    errors: errors.filter((e) => shown.has(e.questionId)),
    carried: carriedFields(def, raw, shown),
    steps: { n, total: def.sections.length, isFirst: n === 1, isLast: n === def.sections.length, href: stepHref },
  };
}
