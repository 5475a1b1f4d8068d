import { Router, type Response } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { fieldErrors } from '../shared/forms';
import { FollowupAnswerForm } from '../tickets/ticket.schemas';
import { followupTexts } from '../tickets/ticket-mail';
import { answerFollowup, getFollowup } from './followup.service';
import { parseParams, parseInput } from '../shared/input';

const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/) });
const AnswerQuery = z.object({ answer: z.enum(['yes', 'no']).optional(), done: z.literal('1').optional() }).catch({});

const PAGE_TEXT = {
  en: { title: 'Did this help?', saved: 'Thank you, your answer was saved.', send: 'Send answer', weDid: 'What we did' },
  sv: { title: 'Hjälpte det?', saved: 'Tack, ditt svar har sparats.', send: 'Skicka svar', weDid: 'Det här har vi gjort' },
  da: { title: 'Hjalp det?', saved: 'Tak, dit svar er gemt.', send: 'Send svar', weDid: 'Det her har vi gjort' },
} as const;

/** /f/<token>: GET shows a small form and changes nothing; POST records the answer. */
export function followupRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  const render = async (res: Response, token: string, extra: { selected?: string; errors?: object; saved?: boolean; status?: number }) => {
    const f = await getFollowup(db, token);
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.status(extra.status ?? 200).render('followups/answer', {
      title: PAGE_TEXT[f.language].title,
      lang: f.language,
      text: { ...PAGE_TEXT[f.language], ...followupTexts(f.language) },
      followup: f,
      token,
      selected: extra.selected ?? (f.isHelpful === null ? '' : f.isHelpful ? 'yes' : 'no'),
      saved: extra.saved ?? false,
      errors: extra.errors ?? {},
    });
  };

  router.get('/f/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const query = parseInput(AnswerQuery, req.query);
    await render(res, token, { selected: query.answer, saved: query.done === '1' });
  });

  router.post('/f/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const form = FollowupAnswerForm.safeParse(req.body);
    if (!form.success) return render(res, token, { errors: fieldErrors(form.error), status: 422 });
    await answerFollowup(db, token, form.data.answer === 'yes', clock());
    res.redirect(303, `/f/${token}?done=1`);
  });

  return router;
}
