import { Router, type Response } from 'express';
import type { ResultsHold } from '../analysis/analysis.routes';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireUser } from '../auth/middleware';
import { submitForm, type FieldErrors } from '../shared/forms';
import { parseParams } from '../shared/input';
import { canRunGuessRounds } from './guess.policy';
import type { Language, Translate } from '../shared/languages';
import { CampaignIdParams, formValues, GuessForm, GuessRoundParams, OpenRoundForm, ShowResultsForm } from './guess.schemas';
import { ConflictError } from '../shared/errors';
import { findGuessBeforeResultsOf, getCampaignGuessRound, getGuessPage, listMyGuessRounds, openGuessRound, revealGuessRound, saveGuess, showResultsBeforeReveal } from './guess.service';

const STYLES = ['/static/css/analysis.css'];
const tOf = (res: Response) => res.locals.t as Translate;

/** The staff's guess: the manager's round page, each invitee's guess and the results. */
export function guessRoutes({ db, clock, config }: RouteDeps): Router {
  const router = Router();

  const renderRoundPage = async (res: Response, campaignId: number, status = 200, form: { errors?: FieldErrors; values?: object } = {}) => {
    const page = await getCampaignGuessRound(db, currentUser(res), campaignId, res.locals.lang as Language);
    res.status(status).render('guesses/round', { title: tOf(res)('guesses.title.round', { campaign: page.campaign.name }), ...page, errors: form.errors ?? {}, values: form.values ?? {}, styles: STYLES });
  };

  router.get('/campaigns/:id/guess', requirePolicy(canRunGuessRounds), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderRoundPage(res, id);
  });

  router.post('/campaigns/:id/guess', requirePolicy(canRunGuessRounds), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const outcome = await submitForm(OpenRoundForm, req.body, (form) => openGuessRound(db, currentUser(res), id, form, clock(), config.baseUrl));
    if (!outcome.ok) return renderRoundPage(res, id, 422, { errors: outcome.errors, values: formValues(req.body) });
    flash(req, 'success', tOf(res)('guesses.flash.opened'));
    res.redirect(303, `/campaigns/${id}/guess`);
  });

  router.post('/campaigns/:id/guess/reveal', requirePolicy(canRunGuessRounds), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await revealGuessRound(db, currentUser(res), id, clock());
    flash(req, 'success', tOf(res)('guesses.flash.revealed'));
    res.redirect(303, `/campaigns/${id}/guess`);
  });

  router.get('/guesses', requireUser, async (_req, res) => {
    res.render('guesses/index', { title: tOf(res)('guesses.title.index'), ...(await listMyGuessRounds(db, currentUser(res))), styles: STYLES });
  });

  const renderGuessPage = async (res: Response, roundId: number, status = 200, form: { errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = await getGuessPage(db, currentUser(res), roundId, res.locals.lang as Language);
    const values = form.values ?? Object.fromEntries(page.guess.map((g) => [`place${g.rank}`, String(g.categoryId)]));
    res.status(status).render('guesses/guess', { title: tOf(res)('guesses.title.guess', { campaign: page.round.campaignName }), ...page, errors: form.errors ?? {}, values, styles: STYLES });
  };

  router.get('/guesses/:id', requireUser, async (req, res) => {
    const { id } = parseParams(GuessRoundParams, req.params);
    await renderGuessPage(res, id);
  });

  router.post('/guesses/:id', requireUser, async (req, res) => {
    const { id } = parseParams(GuessRoundParams, req.params);
    let outcome;
    try {
      outcome = await submitForm(GuessForm, req.body, (places) => saveGuess(db, currentUser(res), id, places, clock()));
    } catch (error) {
      // Locked since the form was shown (the results are out): say so on the round's page, which now shows them.
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', tOf(res)(error.message));
      return res.redirect(303, `/guesses/${id}`);
    }
    if (!outcome.ok) return renderGuessPage(res, id, 422, { errors: outcome.errors, values: formValues(req.body) });
    flash(req, 'success', tOf(res)('guesses.flash.saved'));
    res.redirect(303, `/guesses/${id}`);
  });

  router.post('/guesses/:id/results', requireUser, async (req, res) => {
    const { id } = parseParams(GuessRoundParams, req.params);
    const campaignId = await showResultsBeforeReveal(db, currentUser(res), id, clock());
    const { next } = ShowResultsForm.parse(req.body ?? {});
    res.redirect(303, next?.startsWith(`/campaigns/${campaignId}/`) ? next : `/campaigns/${campaignId}/problems`);
  });

  return router;
}

/**
 * Before a campaign's results are shown to someone invited to guess them (round open, results
 * not seen), after their access was checked: the question whether to guess first, since seeing
 * them locks the guess. Anyone else goes on to the results.
 */
export function guessBeforeResults({ db }: Pick<RouteDeps, 'db'>): ResultsHold {
  return async (req, res, campaignId) => {
    const open = await findGuessBeforeResultsOf(db, currentUser(res), campaignId);
    if (!open) return false;
    res.render('guesses/hold', { title: tOf(res)('guesses.hold.title', { campaign: open.campaignName }), campaignName: open.campaignName, roundId: open.roundId, guessed: open.guessed, nextUrl: req.originalUrl, styles: STYLES });
    return true;
  };
}

/** The API's results for someone invited to guess them: refused until they have seen the results on a page. */
export function guessBeforeResultsApi({ db }: Pick<RouteDeps, 'db'>): ResultsHold {
  return async (_req, res, campaignId) => {
    if (await findGuessBeforeResultsOf(db, currentUser(res), campaignId)) throw new ConflictError('guesses.errors.guessFirst');
    return false;
  };
}
