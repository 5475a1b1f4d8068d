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
});

/** Which button sent the form; Enter in a text field submits with no button value. */
export const SurveyAction = z.enum(['save', 'submit']).catch('submit');
