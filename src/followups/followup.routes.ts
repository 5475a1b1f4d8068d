import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import type { FieldErrors } from '../shared/forms';
import { submitForm } from '../shared/forms';
import { parseInput, parseParams } from '../shared/input';
import { translate } from '../shared/languages';
import { personalLinkHeaders } from '../shared/personal-link-headers';
import { countUnknownLinks } from '../throttle/unknown-link.middleware';
import type { FollowupTexts } from '../tickets/followup-texts';
import { AnswerQuery, FollowupAnswerForm, TokenParams } from './followup.schemas';
import { answerFollowup, getFollowup } from './followup.service';

/** The form's messages in the contact's language (the schema's are for staff and the log). */
function localErrors(errors: FieldErrors, text: FollowupTexts): FieldErrors {
  const local: FieldErrors = {};
  if (errors.answer) local.answer = [text.chooseAnswer];
  if (errors.comment) local.comment = [text.commentTooLong];
  return Object.keys(local).length ? local : errors;
}

/** /f/<token>: GET shows a small form and changes nothing; POST records the answer (and, with "No", a comment). */
export function followupRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();
  router.use('/f', personalLinkHeaders);

  const render = async (
    res: Response,
    token: string,
    extra: { selected?: string; comment?: string; errors?: FieldErrors; saved?: boolean; status?: number },
  ) => {
    const followup = await getFollowup(db, token);
    const t = translate(followup.language, 'respondent');
    res.status(extra.status ?? 200).render('followups/answer', {
      title: followup.texts.question,
      lang: followup.language,
      skipText: t('skipLink'),
      errorSummaryTitle: t('errorSummaryTitleShort'),
      errorPrefix: t('errorPrefix'),
      styles: ['/static/css/tickets.css'],
      text: followup.texts,
      followup,
      token,
      selected: extra.selected ?? (followup.isHelpful === null ? '' : followup.isHelpful ? 'yes' : 'no'),
      comment: extra.comment ?? followup.comment ?? '',
      saved: extra.saved ?? false,
      errors: extra.errors ? localErrors(extra.errors, followup.texts) : {},
    });
  };

  router.get('/f/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const query = parseInput(AnswerQuery, req.query);
    await render(res, token, { selected: query.answer, saved: query.done === '1' });
  });

  router.post('/f/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const outcome = await submitForm(FollowupAnswerForm, req.body, (form) =>
      answerFollowup(db, token, { isHelpful: form.answer === 'yes', comment: form.comment ?? null }, { now: clock(), baseUrl: config.baseUrl }),
    );
    if (!outcome.ok) {
      const typed = req.body as { answer?: unknown; comment?: unknown };
      return render(res, token, {
        errors: outcome.errors,
        status: 422,
        selected: typeof typed.answer === 'string' ? typed.answer : '',
        comment: typeof typed.comment === 'string' ? typed.comment : '',
      });
    }
    res.redirect(303, `/f/${token}?done=1`);
  });

  // Unknown follow-up links (the service's NotFoundError) count towards the address's limit.
  router.use('/f', countUnknownLinks(db, clock));

  return router;
}
