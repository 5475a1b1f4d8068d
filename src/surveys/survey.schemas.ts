import { z } from 'zod';
import { LANGUAGES } from '../shared/languages';

/** A personal link token; the service decides whether it exists. */
export const TokenParams = z.object({ token: z.string().max(200) });

export const PreviewParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });

const flag = z.preprocess((v) => v === '1' || v === 'true', z.boolean());

/** ?lang=sv switches the language; anything else is ignored rather than refused. */
export const SurveyQuery = z.object({
  lang: z.enum(LANGUAGES).optional().catch(undefined),
  edit: flag.optional().catch(false),
  saved: flag.optional().catch(false),
  /** The step shown when a questionnaire has one section per page; the service clamps it. */
  step: z.coerce.number().int().optional().catch(undefined),
});

/**
 * Which button sent the form; Enter in a text field submits with no button value (undefined:
 * the service takes the next step, or sends on the last one).
 */
export const SurveyAction = z.enum(['save', 'submit', 'next', 'back']).optional().catch(undefined);
