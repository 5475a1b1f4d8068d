import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireRole, requireUser } from '../auth/middleware';
import { canManageCampaigns } from './campaign.policy';
import { submitForm, type FieldErrors } from '../shared/forms';
import { utcToZonedDate, utcToZonedInput } from '../shared/format';
import { parseInput, parseParams } from '../shared/input';
import { RELATIONSHIPS } from '../customers/customer';
import { defaultMailIn, DEFAULT_NOT_EVALUATED_DAYS, DEFAULT_REMINDER_AFTER_DAYS, DEFAULT_REMINDER_MAX, DEFAULT_TEMPLATE, SKIP_REASONS, type Campaign } from './campaign';
import { campaignContext } from './campaign-context';
import { CampaignForm, campaignForm, CampaignIdParams, PreviewQuery, reopenForm, ResendForm, SampleTokenParams, scheduleForm, SettingsForm, TestMailForm } from './campaign.schemas';
import { changeCampaignSchedule, getClosePreview, getLaunchPreview, getSamplePreview, remindNow, reopenCampaign, resendInvitation } from './campaign-control.service';
import { surveyPreviewLocals } from '../surveys/preview-page';
import { DEFAULT_LANGUAGE, LANGUAGES, SURVEY_LANGUAGES, type Language, type Translate } from '../shared/languages';
import { templateTitleIn } from '../surveys/survey-definition';
import {
  closeCampaign,
  createCampaign,
  editCampaign,
  getCampaignEditForm,
  getNewCampaignForm,
  launchCampaign,
  pauseCampaign,
  resumeCampaign,
  type AudienceOptions,
} from './campaign.service';
import { getCampaignProgress, listCampaignsForUser, type CampaignProgress } from './campaign-progress.service';
import { previewCampaignMail, sendTestMail } from './campaign-mail.service';
import { getCampaignSettings, setContactFrequencyDays } from './campaign-settings.service';

const STYLES = ['/static/css/campaigns.css'];

function defaultValues(templates: string[]) {
  const values: Record<string, string> = {
    template: templates.includes(DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : (templates[0] ?? ''),
    notEvaluatedDays: String(DEFAULT_NOT_EVALUATED_DAYS),
    reminderAfterDays: String(DEFAULT_REMINDER_AFTER_DAYS),
    reminderMax: String(DEFAULT_REMINDER_MAX),
    startMode: 'now',
  };
  for (const l of LANGUAGES) {
    values[`subject_${l}`] = defaultMailIn(l).subject;
    values[`body_${l}`] = defaultMailIn(l).body;
  }
  return values;
}

/** A saved campaign as the form's flat string fields. */
function campaignValues(c: Campaign, timeZone: string): Record<string, string> {
  const values: Record<string, string> = {
    name: c.name,
    template: c.template,
    segment: c.audience.segment ?? '',
    region: c.audience.region ?? '',
    kamUserId: c.audience.kamUserId ? String(c.audience.kamUserId) : '',
    relationship: c.audience.relationship ?? '',
    notEvaluatedDays: String(c.audience.notEvaluatedDays),
    startMode: c.startsAt ? 'later' : 'now',
    startsAt: c.startsAt ? utcToZonedInput(c.startsAt, timeZone) : '',
    senderName: c.sender.name ?? '',
    replyTo: c.sender.replyTo,
    replyToAddress: c.sender.replyToAddress ?? '',
    closesAt: utcToZonedDate(c.closesAt, timeZone),
    reminderAfterDays: String(c.reminderAfterDays),
    reminderMax: String(c.reminderMax),
  };
  for (const l of LANGUAGES) {
    values[`subject_${l}`] = (c.mail[l] ?? defaultMailIn(l)).subject;
    values[`body_${l}`] = (c.mail[l] ?? defaultMailIn(l)).body;
  }
  return values;
}

/** The posted fields to show again on a 422, without the CSRF token. */
function typedValues(req: Request): Record<string, unknown> {
  const { _csrf: _token, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}

/** The chart's data: invited and submitted by segment, in the table's order, with its series named for the reader. */
function progressChart(bySegment: CampaignProgress['bySegment'], t: Translate): string {
  return JSON.stringify({
    labels: bySegment.map((r) => r.segment ?? t('campaigns.noSegment')),
    names: { invited: t('campaigns.show.chartInvited'), submitted: t('campaigns.show.chartSubmitted') },
    invited: bySegment.map((r) => r.invited),
    submitted: bySegment.map((r) => r.submitted),
  });
}

/** The campaign id in a sample token (already verified by the service). */
function campaignIdOf(token: string): number {
  return Number(token.split('.')[0]);
}

export function campaignRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const ctx = campaignContext(config, deps.sessionSecret, deps.templates);
  // Read on every render: publishing a questionnaire refreshes the templates.
  const templateNames = () => [...deps.templates.keys()];
  const templateChoices = (t: Translate, lang: Language) =>
    [...deps.templates.entries()].map(([slug, def]) => ({ value: slug, label: t('campaigns.templateChoice', { title: def.title[lang] || def.title.en, version: def.version }) }));
  const templateTitleFor = (lang: Language) => (slug: string) => templateTitleIn(deps.templates, slug, lang);
  const router = Router();
  router.use('/campaigns', requireUser);

  // Without a campaign the form creates one; with one it edits that draft.
  const renderForm = (res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors, form: { options: AudienceOptions; campaign?: Campaign }) => {
    const editing = form.campaign;
    const t = res.locals.t as Translate;
    res.status(status).render('campaigns/form', {
      title: editing ? t('campaigns.title.edit', { name: editing.name }) : t('campaigns.title.new'),
      action: editing ? `/campaigns/${editing.id}/edit` : '/campaigns/new',
      submitLabel: editing ? t('campaigns.form.save') : t('campaigns.form.create'),
      cancelHref: editing ? `/campaigns/${editing.id}` : '/campaigns',
      styles: STYLES,
      values,
      errors,
      templates: templateChoices(t, res.locals.lang as Language),
      relationships: RELATIONSHIPS,
      languages: SURVEY_LANGUAGES,
      options: form.options,
    });
  };

  router.get('/campaigns', async (_req, res) => {
    res.render('campaigns/index', { title: res.locals.t('campaigns.title.list'), styles: STYLES, templateTitle: templateTitleFor(res.locals.lang), ...(await listCampaignsForUser(db, currentUser(res))) });
  });

  router.get('/campaigns/new', async (_req, res) => {
    renderForm(res, 200, defaultValues(templateNames()), {}, await getNewCampaignForm(db, currentUser(res)));
  });

  router.post('/campaigns/new', requirePolicy(canManageCampaigns), async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(campaignForm(res.locals.timeZone ?? 'UTC'), req.body, async (input) => ({ id: await createCampaign(db, user, input, ctx, clock()), name: input.name }));
    if (!outcome.ok) return renderForm(res, 422, typedValues(req), outcome.errors, await getNewCampaignForm(db, user));
    flash(req, 'success', res.locals.t('campaigns.flash.created', { name: outcome.value.name }));
    res.redirect(303, `/campaigns/${outcome.value.id}`);
  });

  router.get('/campaigns/:id/edit', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const form = await getCampaignEditForm(db, currentUser(res), id);
    renderForm(res, 200, campaignValues(form.campaign, res.locals.timeZone ?? 'UTC'), {}, form);
  });

  router.post('/campaigns/:id/edit', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const user = currentUser(res);
    const outcome = await submitForm(campaignForm(res.locals.timeZone ?? 'UTC'), req.body, async (input) => (await editCampaign(db, user, id, input, ctx, clock()), input.name));
    if (!outcome.ok) return renderForm(res, 422, typedValues(req), outcome.errors, await getCampaignEditForm(db, user, id));
    flash(req, 'success', res.locals.t('campaigns.flash.saved', { name: outcome.value }));
    res.redirect(303, `/campaigns/${id}`);
  });

  // The campaign page; its control forms (schedule, reopen, resend) re-render it with 422 and their errors.
  const renderShow = async (res: Response, status: number, id: number, forms: { values?: Record<string, unknown>; errors?: Record<string, FieldErrors> } = {}) => {
    const progress = await getCampaignProgress(db, currentUser(res), id, clock());
    const c = progress.campaign;
    res.status(status).render('campaigns/show', {
      title: c.name,
      styles: STYLES,
      scripts: ['/static/vendor/chart.umd.min.js', '/static/js/campaign-progress.js'],
      ...progress,
      can: progress.actions,
      skipReasons: SKIP_REASONS,
      languages: LANGUAGES,
      templateTitle: templateTitleFor(res.locals.lang)(c.template),
      chartData: progressChart(progress.bySegment, res.locals.t),
      formValues: { closesAt: utcToZonedDate(c.closesAt, res.locals.timeZone ?? 'UTC'), reminderAfterDays: String(c.reminderAfterDays), reminderMax: String(c.reminderMax), reopenClosesAt: '', email: '', ...forms.values },
      formErrors: { schedule: {}, reopen: {}, resend: {}, ...forms.errors },
    });
  };

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    await renderShow(res, 200, id);
  });

  // Launch and close first show what they will do; the page's button posts the move.
  router.get('/campaigns/:id/launch', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { campaign, preview } = await getLaunchPreview(db, currentUser(res), id, ctx, clock());
    res.render('campaigns/launch', { title: res.locals.t('campaigns.title.launch', { name: campaign.name }), styles: STYLES, campaign, preview, skipReasons: SKIP_REASONS, templateTitle: templateTitleFor(res.locals.lang)(campaign.template) });
  });

  router.get('/campaigns/:id/close', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { campaign, preview } = await getClosePreview(db, currentUser(res), id);
    res.render('campaigns/close', { title: res.locals.t('campaigns.title.close', { name: campaign.name }), styles: STYLES, campaign, preview });
  });

  router.post('/campaigns/:id/schedule', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const outcome = await submitForm(scheduleForm(res.locals.timeZone ?? 'UTC'), req.body, (change) => changeCampaignSchedule(db, currentUser(res), id, change, clock()));
    if (!outcome.ok) return renderShow(res, 422, id, { values: typedValues(req), errors: { schedule: outcome.errors } });
    flash(req, 'success', res.locals.t('campaigns.flash.scheduleSaved'));
    res.redirect(303, `/campaigns/${id}`);
  });

  router.post('/campaigns/:id/reopen', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const body = { closesAt: (req.body ?? {}).reopenClosesAt };
    const outcome = await submitForm(reopenForm(res.locals.timeZone ?? 'UTC'), body, (form) => reopenCampaign(db, currentUser(res), id, form.closesAt, clock()));
    if (!outcome.ok) return renderShow(res, 422, id, { values: typedValues(req), errors: { reopen: { reopenClosesAt: outcome.errors.closesAt, _form: outcome.errors._form } } });
    flash(req, 'success', res.locals.t('campaigns.flash.reopened'));
    res.redirect(303, `/campaigns/${id}`);
  });

  router.post('/campaigns/:id/remind-now', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const queued = await remindNow(db, currentUser(res), id, ctx, clock());
    flash(req, 'success', queued ? res.locals.t('campaigns.flash.remindersQueued', { count: queued }) : res.locals.t('campaigns.flash.nobodyToRemind'));
    res.redirect(303, `/campaigns/${id}`);
  });

  router.post('/campaigns/:id/resend', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const outcome = await submitForm(ResendForm, req.body, (form) => resendInvitation(db, currentUser(res), id, form.email, ctx, clock()));
    if (!outcome.ok) return renderShow(res, 422, id, { values: typedValues(req), errors: { resend: outcome.errors } });
    flash(req, 'success', res.locals.t('campaigns.flash.resent', { email: outcome.value.email }));
    res.redirect(303, `/campaigns/${id}`);
  });

  // A test mail's sample link: the questionnaire in preview mode, for anyone holding the signed link.
  router.get('/preview/:token', async (req, res) => {
    const { token } = parseParams(SampleTokenParams, req.params);
    const { lang: chosen, step } = parseInput(PreviewQuery, req.query);
    const lang: Language = chosen ?? DEFAULT_LANGUAGE;
    const { snapshot } = await getSamplePreview(db, token, ctx, clock());
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
    res.render(
      'survey/form',
      surveyPreviewLocals(snapshot, lang, {
        languageHref: (l) => `/preview/${token}?lang=${l}`,
        step: step ?? 1,
        stepHref: (n) => `/preview/${token}?${new URLSearchParams({ lang, step: String(n) })}`,
        backHref: res.locals.currentUser ? `/campaigns/${campaignIdOf(token)}` : '/login',
        backLabel: res.locals.currentUser ? res.locals.t('campaigns.sample.back') : res.locals.t('campaigns.sample.signIn'),
      }),
    );
  });

  router.get('/campaigns/:id/preview', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { lang } = parseInput(PreviewQuery, req.query);
    const { campaign, mail } = await previewCampaignMail(db, currentUser(res), id, lang, ctx);
    res.render('campaigns/preview', { title: res.locals.t('campaigns.title.preview', { name: campaign.name }), styles: STYLES, campaign, mail, mailLang: lang, languages: LANGUAGES });
  });

  router.post('/campaigns/:id/test-mail', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { language } = TestMailForm.parse(req.body);
    const user = currentUser(res);
    await sendTestMail(db, user, id, language, ctx, clock());
    flash(req, 'success', res.locals.t('campaigns.flash.testMail', { language: res.locals.labels.languageInText(language), email: user.email }));
    res.redirect(303, `/campaigns/${id}`);
  });

  // Each status move posts to its own path and comes back to the campaign with what happened.
  const statusMove = (path: string, move: (id: number, res: Response) => Promise<string>) =>
    router.post(`/campaigns/:id/${path}`, requirePolicy(canManageCampaigns), async (req, res) => {
      const { id } = parseParams(CampaignIdParams, req.params);
      flash(req, 'success', await move(id, res));
      res.redirect(303, `/campaigns/${id}`);
    });
  statusMove('launch', async (id, res) => {
    const r = await launchCampaign(db, currentUser(res), id, ctx, clock());
    const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
    return res.locals.t('campaigns.flash.launched', { invited: r.invited, skipped });
  });
  statusMove('pause', async (id, res) => (await pauseCampaign(db, currentUser(res), id, clock()), res.locals.t('campaigns.flash.paused')));
  statusMove('resume', async (id, res) => (await resumeCampaign(db, currentUser(res), id, clock()), res.locals.t('campaigns.flash.resumed')));
  statusMove('close', async (id, res) => (await closeCampaign(db, currentUser(res), id, clock()), res.locals.t('campaigns.flash.closed')));

  router.use('/admin/settings', requireRole('admin'));
  router.get('/admin/settings', async (_req, res) => {
    const settings = await getCampaignSettings(db, currentUser(res));
    res.render('campaigns/settings', { title: res.locals.t('campaigns.title.settings'), values: { contactFrequencyDays: String(settings.contactFrequencyDays) }, errors: {} });
  });
  router.post('/admin/settings', async (req, res) => {
    const outcome = await submitForm(SettingsForm, req.body, (form) => setContactFrequencyDays(db, currentUser(res), form.contactFrequencyDays));
    if (!outcome.ok) return res.status(422).render('campaigns/settings', { title: res.locals.t('campaigns.title.settings'), values: typedValues(req), errors: outcome.errors });
    flash(req, 'success', res.locals.t('campaigns.flash.settingsSaved'));
    res.redirect(303, '/admin/settings');
  });

  return router;
}
