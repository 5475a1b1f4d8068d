import { z } from 'zod';

/** A follow-up link's token: what newToken makes, nothing else reaches the database. */
export const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/) });

/** The answer preselected from the mail's yes/no link, and the "saved" notice after posting. */
export const AnswerQuery = z.object({ answer: z.enum(['yes', 'no']).optional(), done: z.literal('1').optional() }).catch({});

/** Yes or no, and with "No" an optional comment (ignored with "Yes"). */
export const FollowupAnswerForm = z.object({
  answer: z.enum(['yes', 'no'], { error: 'Choose yes or no' }),
  comment: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(2000, 'Keep the comment under 2000 characters').optional()),
});
