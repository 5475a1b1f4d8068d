import { Router, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requireUser } from '../auth/middleware';
import { parseParams, parseInput } from '../shared/input';
import { personalLinkHeaders } from '../shared/personal-link-headers';
import { countUnknownLinks, unknownLinkAnswer } from '../throttle/unknown-link.middleware';
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, textIn, type Language } from '../shared/languages';
import { clampStep, type FieldError, type RawAnswers } from './answer';
import { stepLocals } from './survey-steps';
import { blankQuestionCache } from './blank-questions';
import { blankPage } from './blank-page';
import { saveOrSubmitResponse, openSurvey, type SubmissionHook, type SurveyAccess } from './response.service';
import type { CampaignSnapshot } from './snapshot';
import { isStepped, type Localized, type SurveyDefinition } from './survey-definition';
import { listSurveyTemplates, previewSurveyTemplate } from './survey-preview.service';
import { translator } from './survey-texts';
import { PreviewParams, SurveyAction, SurveyQuery, TokenParams } from './survey.schemas';

export interface SurveyRouteDeps extends RouteDeps {
  /** Run inside the submit transaction of every (re)submitted response, e.g. a KAM alert. */
  submissionHooks?: readonly SubmissionHook[];
}

// One collator per language: localeCompare(…, lang) builds a new one on every comparison.
const COLLATORS = Object.fromEntries(LANGUAGES.map((l) => [l, new Intl.Collator(l)])) as Record<Language, Intl.Collator>;

/** Respondent pages (/s/<token>) and the managers' template preview (/surveys). */
export function surveyRoutes(deps: SurveyRouteDeps): Router {
  const { db, clock, templates, logger } = deps;
  const hooks = deps.submissionHooks ?? [];
  const router = Router();

  const refuseUnknown = unknownLinkAnswer(db, clock);
  router.use('/s', personalLinkHeaders);

  router.get('/s/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const query = parseInput(SurveyQuery, req.query);
    const access = await openSurvey(db, token, query.lang, clock(), (err) =>
      logger.warn({ reqId: req.id, err }, 'could not record the opening of a survey link'),
    );
    if (access.kind === 'unknown') return refuseUnknown(req, res, () => renderRefusal(res, access));
    if (access.kind !== 'open') return renderRefusal(res, access);
    const def = access.snapshot.definition;
    const step = clampStep(def, query.step);
    const stepQuery: Record<string, string> = isStepped(def) && step > 1 ? { step: String(step) } : {};
    const extra = { ...(query.edit ? { edit: '1' } : {}), ...stepQuery };
    const isSubmitted = access.response?.status === 'submitted';
    if (isSubmitted && !query.edit) {
      return res.render('survey/thanks', {
        ...pageBase(access.lang, def, `/s/${token}`, extra),
        closesAt: access.invitation.closesAt,
        editHref: `/s/${token}?edit=1&lang=${access.lang}`,
      });
    }
    const noticeKey = query.saved ? 'savedNotice' : isSubmitted ? 'editingNotice' : access.response ? 'resumedNotice' : undefined;
    const model = (linkPath: string): FormModel => {
      const page = pageBase(access.lang, def, linkPath, extra);
      return { ...page, snapshot: access.snapshot, raw: access.raw, errors: [], notice: noticeKey && page.t(noticeKey), action: linkPath, isSubmitted, step };
    };
    if (Object.keys(access.raw).length === 0) {
      // Nothing answered yet: the campaign's kept page, with this link and its CSRF token put in.
      const variant = JSON.stringify([access.lang, extra, noticeKey ?? '', isSubmitted, step]);
      const values = { token, csrf: (res.locals.csrfToken as () => string)() };
      const body = await blankPage(access.snapshot, res.locals.organisation, variant, values, (markers) =>
        renderToString(res, 'survey/form', { ...formLocals(model(`/s/${markers.token}`)), csrfToken: () => markers.csrf }),
      );
      if (body) {
        res.status(200).type('html').set('Content-Length', String(body.byteLength));
        // One write to the socket for all the chunks.
        res.cork();
        for (const chunk of body.chunks) res.write(chunk);
        res.end();
        return;
      }
    }
    await renderForm(res, 200, model(`/s/${token}`));
  });

  router.post('/s/:token', async (req, res) => {
    const { token } = parseParams(TokenParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = SurveyAction.parse(body.action);
    const outcome = await saveOrSubmitResponse(db, { token, body, action, lang: body.lang, step: body.step }, clock(), hooks);
    switch (outcome.kind) {
      case 'refused':
        if (outcome.access.kind === 'unknown') return refuseUnknown(req, res, () => renderRefusal(res, outcome.access, 409));
        return renderRefusal(res, outcome.access, 409);
      case 'bad-form':
        return res.status(400).render('survey/unavailable', { reason: 'badForm' });
      case 'saved':
        return res.redirect(303, `/s/${token}?saved=1${outcome.step > 1 ? `&step=${outcome.step}` : ''}`);
      case 'step': {
        if (outcome.stored) return res.redirect(303, `/s/${token}?step=${outcome.step}`);
        // Changing sent answers: nothing is stored until they are sent again, so the next step
        // is shown straight away with every answer carried in the page.
        const { access, lang } = outcome;
        const page = pageBase(lang, access.snapshot.definition, `/s/${token}`, { edit: '1', step: String(outcome.step) });
        return renderForm(res, 200, { ...page, snapshot: access.snapshot, raw: outcome.raw, errors: [], notice: page.t('editingNotice'), action: `/s/${token}`, isSubmitted: true, step: outcome.step });
      }
      case 'submitted':
        return res.redirect(303, `/s/${token}`);
      case 'unavailable': {
        // Nothing was stored: show every typed value again with a request to retry shortly.
        logger.error({ reqId: req.id, err: outcome.error }, 'could not store survey answers');
        const { access, lang } = outcome;
        const isSubmitted = access.response?.status === 'submitted';
        const page = pageBase(lang, access.snapshot.definition, `/s/${token}`, isSubmitted ? { edit: '1' } : {});
        res.set('Retry-After', '10');
        return renderForm(res, 503, {
          ...page,
          snapshot: access.snapshot,
          raw: outcome.raw,
          errors: [],
          notice: page.t('unavailableNotice'),
          action: `/s/${token}`,
          isSubmitted,
          step: outcome.step,
        });
      }
      case 'invalid': {
        const { access, lang } = outcome;
        const isSubmitted = access.response?.status === 'submitted';
        const page = pageBase(lang, access.snapshot.definition, `/s/${token}`, isSubmitted ? { edit: '1' } : {});
        return renderForm(res, 422, {
          ...page,
          snapshot: access.snapshot,
          raw: outcome.raw,
          errors: outcome.errors,
          notice: undefined,
          action: `/s/${token}`,
          isSubmitted,
          step: outcome.step,
        });
      }
    }
  });

  // A token of the wrong shape is a guess too.
  router.use('/s', countUnknownLinks(db, clock));

  router.get('/surveys', requireUser, (_req, res) => {
    const list = listSurveyTemplates(currentUser(res), templates);
    res.render('surveys/index', { title: res.locals.t('campaigns.surveys.title'), templates: list, languages: LANGUAGES.map((l) => ({ code: l, name: LANGUAGE_NAMES[l] })) });
  });

  router.get('/surveys/:slug/preview', requireUser, async (req, res) => {
    const { slug } = parseParams(PreviewParams, req.params);
    const query = parseInput(SurveyQuery, req.query);
    const { definition, snapshot } = await previewSurveyTemplate(db, currentUser(res), templates, slug, clock());
    const step = clampStep(definition, query.step);
    const page = pageBase(query.lang ?? DEFAULT_LANGUAGE, definition, `/surveys/${slug}/preview`, isStepped(definition) ? { step: String(step) } : {});
    await renderForm(res, 200, { ...page, snapshot, raw: {}, errors: [], notice: undefined, action: null, isSubmitted: false, isPreview: true, step, stepHref: (n) => `/surveys/${slug}/preview?${new URLSearchParams({ lang: page.lang, step: String(n) })}` });
  });

  return router;
}

/** What every respondent page needs: language, texts and the language switch. */
function pageBase(lang: Language, def: SurveyDefinition, path: string, extra: Record<string, string>) {
  const t = translator(lang);
  return {
    lang,
    t,
    localized: (text: Localized) => textIn(text, lang),
    pageTitle: textIn(def.title, lang),
    headerName: t('surveyBy'),
    skipText: t('skipLink'),
    languageLinks: LANGUAGES.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l], href: `${path}?${new URLSearchParams({ ...extra, lang: l })}` })),
  };
}

interface FormModel extends ReturnType<typeof pageBase> {
  snapshot: CampaignSnapshot;
  raw: RawAnswers;
  errors: FieldError[];
  notice: string | undefined;
  action: string | null;
  isSubmitted: boolean;
  isPreview?: boolean;
  /** The step shown (one section per page); ignored for a questionnaire on one page. */
  step: number;
  /** The preview moves between steps with links (it posts nothing). */
  stepHref?: (step: number) => string;
}

function renderForm(res: Response, status: number, model: FormModel): Promise<void> {
  return sendWithoutEtag(res, status, 'survey/form', formLocals(model));
}

/** The form view's locals. */
function formLocals(model: FormModel) {
  const { t, lang, snapshot } = model;
  const catalogue = [...snapshot.catalogue].sort((a, b) => (COLLATORS[lang] ?? COLLATORS[DEFAULT_LANGUAGE]!).compare(textIn(a.name, lang), textIn(b.name, lang)));
  return {
    ...model,
    ...stepLocals(snapshot.definition, model.raw, model.errors, model.step, model.stepHref),
    catalogue,
    question: blankQuestionCache(snapshot, lang, model.raw, model.errors),
    submitLabel: model.isSubmitted ? t('submitChanges') : t('submit'),
    // Saving a draft of already submitted answers would withdraw them from the analysis.
    showSave: !model.isSubmitted,
    pageTitle: model.errors.length ? `${t('errorPrefix')} ${model.pageTitle}` : model.pageTitle,
  };
}

function renderToString(res: Response, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (error: Error | null, html: string) => (error ? reject(error) : resolve(html)));
  });
}

// The survey form is never cached (no-store), so the ETag res.send would add, a SHA-1 of the
// whole page, is work no client uses. Encoded once: its length and the bytes sent.
async function sendWithoutEtag(res: Response, status: number, view: string, locals: object): Promise<void> {
  const body = Buffer.from(await renderToString(res, view, locals), 'utf8');
  res.status(status).type('html').set('Content-Length', String(body.length)).end(body);
}

function renderRefusal(res: Response, access: Exclude<SurveyAccess, { kind: 'open' }>, closedStatus = 200): void {
  if (access.kind === 'unknown') return void res.status(404).render('survey/unavailable', { reason: 'unknown' });
  if (access.kind === 'revoked') return void res.status(410).render('survey/unavailable', { reason: 'revoked' });
  const t = translator(access.lang);
  res.status(closedStatus).render('survey/closed', {
    lang: access.lang,
    t,
    pageTitle: t('closedTitle'),
    headerName: t('surveyBy'),
    skipText: t('skipLink'),
    languageLinks: [],
    hasSubmitted: access.hasSubmitted,
    closedOn: access.closedOn,
  });
}

