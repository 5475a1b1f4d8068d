import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import type { FieldErrors } from '../shared/forms';
import { submitForm } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { AnswerQuery, FollowupAnswerForm, TokenParams } from './followup.schemas';
import { answerFollowup, getFollowup } from './followup.service';

/** /f/<token>: GET shows a small form and changes nothing; POST records the answer. */
export function followupRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  const render = async (res: Response, token: string, extra: { selected?: string; errors?: FieldErrors; saved?: boolean; status?: number }) => {
    const followup = await getFollowup(db, token);
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.status(extra.status ?? 200).render('followups/answer', {
      title: followup.texts.question,
      lang: followup.language,
      text: followup.texts,
      followup,
      token,
      selected: extra.selected ?? (followup.isHelpful === null ? '' : followup.isHelpful ? 'yes' : 'no'),
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
    const outcome = await submitForm(FollowupAnswerForm, req.body, (form) => answerFollowup(db, token, form.answer === 'yes', clock()));
    if (!outcome.ok) return render(res, token, { errors: outcome.errors, status: 422 });
    res.redirect(303, `/f/${token}?done=1`);
  });

  return router;
}
