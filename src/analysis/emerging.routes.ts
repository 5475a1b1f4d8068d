import { Router, type Request, type Response } from 'express';
import { noResultsHold, type ResultsHold } from './analysis.routes';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { canCodeMentions } from './analysis.policy';
import { CampaignIdParams } from './analysis.schemas';
import { readerTexts } from './reader-texts';
import { nameField } from '../catalogue/catalogue.schemas';
import { LANGUAGES } from '../shared/languages';
import { EmergingForm, emergingFormValues, emergingNamesOf } from './emerging.schemas';
import { createCategoryFromGroup, getEmergingPage } from './emerging.service';

const STYLES = ['/static/css/analysis.css'];

/** Emerging problems: groups of uncoded mentions, each one action away from a new category. */
export function emergingRoutes({ db, clock, resultsHold = noResultsHold }: RouteDeps & { resultsHold?: ResultsHold }): Router {
  const router = Router();

  /** The page; `asked` is its own GET, which an open guess may hold (resultsHold). */
  const render = async (res: Response, campaignId: number, status = 200, form: { errors?: FieldErrors; values?: ReturnType<typeof emergingFormValues> } = {}, asked?: Request) => {
    const texts = readerTexts(res);
    const page = await getEmergingPage(db, currentUser(res), campaignId, texts.lang);
    if (asked && (await resultsHold(asked, res, campaignId))) return;
    res.status(status).render('analysis/emerging', { title: texts.t('analysis.title.emerging', { campaign: page.campaign.name }), ...page, nameFields: LANGUAGES.map((language) => ({ language, name: nameField(language) })), errors: form.errors ?? {}, values: form.values ?? null, styles: STYLES });
  };

  router.get('/campaigns/:id/emerging', requireUser, async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await render(res, id, 200, {}, req);
  });

  router.post('/campaigns/:id/emerging', requirePolicy(canCodeMentions), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const outcome = await submitForm(EmergingForm, req.body, (form) =>
      createCategoryFromGroup(db, currentUser(res), id, { names: emergingNamesOf(form), keywords: form.keywords, mentionIds: form.mentionIds }, clock()),
    );
    if (!outcome.ok) return render(res, id, 422, { errors: outcome.errors, values: emergingFormValues(req.body) });
    flash(req, 'success', readerTexts(res).t('analysis.emerging.created', { count: outcome.value.count }));
    res.redirect(303, `/campaigns/${id}/emerging`);
  });

  return router;
}
