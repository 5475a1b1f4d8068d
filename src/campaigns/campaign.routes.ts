import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requirePolicy, requireRole, requireUser } from '../auth/middleware';
import { canManageCampaigns } from './campaign.policy';
import { submitForm, type FieldErrors } from '../shared/forms';
import { utcToZonedInput } from '../shared/format';
import { parseInput, parseParams } from '../shared/input';
import { LANGUAGES } from '../shared/languages';
import { RELATIONSHIPS } from '../customers/customer';
import { DEFAULT_MAIL, DEFAULT_NOT_EVALUATED_DAYS, DEFAULT_REMINDER_AFTER_DAYS, DEFAULT_REMINDER_MAX, DEFAULT_TEMPLATE, SKIP_REASONS, type Campaign } from './campaign';
import { campaignContext } from './campaign-context';
import { campaignForm, CampaignIdParams, PreviewQuery, SettingsForm, TestMailForm } from './campaign.schemas';
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
    values[`subject_${l}`] = DEFAULT_MAIL[l].subject;
    values[`body_${l}`] = DEFAULT_MAIL[l].body;
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
    closesAt: c.closesAt.slice(0, 10),
    reminderAfterDays: String(c.reminderAfterDays),
    reminderMax: String(c.reminderMax),
  };
  for (const l of LANGUAGES) {
    values[`subject_${l}`] = c.mail[l].subject;
    values[`body_${l}`] = c.mail[l].body;
  }
  return values;
}

/** The posted fields to show again on a 422, without the CSRF token. */
function typedValues(req: Request): Record<string, unknown> {
  const { _csrf: _token, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}

/** The chart's data: invited and submitted by segment, in the table's order. */
function progressChart(bySegment: CampaignProgress['bySegment']): string {
  return JSON.stringify({
    labels: bySegment.map((r) => r.segment ?? '(no segment)'),
    invited: bySegment.map((r) => r.invited),
    submitted: bySegment.map((r) => r.submitted),
  });
}

export function campaignRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const ctx = campaignContext(config, deps.sessionSecret, deps.templates);
  // Read on every render: publishing a questionnaire refreshes the templates.
  const templateNames = () => [...deps.templates.keys()];
  const templateChoices = () => [...deps.templates.entries()].map(([slug, def]) => ({ value: slug, label: `${def.title.en} (version ${def.version})` }));
  const router = Router();
  router.use('/campaigns', requireUser);

  // Without a campaign the form creates one; with one it edits that draft.
  const renderForm = (res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors, form: { options: AudienceOptions; campaign?: Campaign }) => {
    const editing = form.campaign;
    res.status(status).render('campaigns/form', {
      title: editing ? `Edit ${editing.name}` : 'New campaign',
      action: editing ? `/campaigns/${editing.id}/edit` : '/campaigns/new',
      submitLabel: editing ? 'Save campaign' : 'Create campaign',
      cancelHref: editing ? `/campaigns/${editing.id}` : '/campaigns',
      styles: STYLES,
      values,
      errors,
      templates: templateChoices(),
      relationships: RELATIONSHIPS,
      languages: LANGUAGES,
      options: form.options,
    });
  };

  router.get('/campaigns', async (_req, res) => {
    res.render('campaigns/index', { title: 'Campaigns', styles: STYLES, ...(await listCampaignsForUser(db, currentUser(res))) });
  });

  router.get('/campaigns/new', async (_req, res) => {
    renderForm(res, 200, defaultValues(templateNames()), {}, await getNewCampaignForm(db, currentUser(res)));
  });

  router.post('/campaigns/new', requirePolicy(canManageCampaigns), async (req, res) => {
    const user = currentUser(res);
    const outcome = await submitForm(campaignForm(res.locals.timeZone ?? 'UTC'), req.body, async (input) => ({ id: await createCampaign(db, user, input, ctx, clock()), name: input.name }));
    if (!outcome.ok) return renderForm(res, 422, typedValues(req), outcome.errors, await getNewCampaignForm(db, user));
    flash(req, 'success', `Campaign "${outcome.value.name}" created. Check the mail preview, then launch it.`);
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
    flash(req, 'success', `Campaign "${outcome.value}" saved.`);
    res.redirect(303, `/campaigns/${id}`);
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const progress = await getCampaignProgress(db, currentUser(res), id);
    res.render('campaigns/show', {
      title: progress.campaign.name,
      styles: STYLES,
      scripts: ['/static/vendor/chart.umd.min.js', '/static/js/campaign-progress.js'],
      ...progress,
      can: progress.actions,
      skipReasons: SKIP_REASONS,
      languages: LANGUAGES,
      chartData: progressChart(progress.bySegment),
    });
  });

  router.get('/campaigns/:id/preview', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { lang } = parseInput(PreviewQuery, req.query);
    const { campaign, mail } = await previewCampaignMail(db, currentUser(res), id, lang, ctx);
    res.render('campaigns/preview', { title: `Preview: ${campaign.name}`, styles: STYLES, campaign, mail, lang, languages: LANGUAGES });
  });

  router.post('/campaigns/:id/test-mail', requirePolicy(canManageCampaigns), async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { language } = TestMailForm.parse(req.body);
    const user = currentUser(res);
    await sendTestMail(db, user, id, language, ctx, clock());
    flash(req, 'success', `A test mail (${language}) is on its way to ${user.email}.`);
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
    const skipped = r.skipped.frequency_window + r.skipped.opted_out + r.skipped.suppressed;
    return `Campaign launched: ${r.invited} invitations queued, ${skipped} contacts skipped.`;
  });
  statusMove('pause', async (id, res) => (await pauseCampaign(db, currentUser(res), id, clock()), 'Campaign paused: no mails or reminders go out until you resume it.'));
  statusMove('resume', async (id, res) => (await resumeCampaign(db, currentUser(res), id, clock()), 'Campaign resumed.'));
  statusMove('close', async (id, res) => (await closeCampaign(db, currentUser(res), id, clock()), 'Campaign closed.'));

  router.use('/admin/settings', requireRole('admin'));
  router.get('/admin/settings', async (_req, res) => {
    const settings = await getCampaignSettings(db, currentUser(res));
    res.render('campaigns/settings', { title: 'Settings', values: { contactFrequencyDays: String(settings.contactFrequencyDays) }, errors: {} });
  });
  router.post('/admin/settings', async (req, res) => {
    const outcome = await submitForm(SettingsForm, req.body, (form) => setContactFrequencyDays(db, currentUser(res), form.contactFrequencyDays));
    if (!outcome.ok) return res.status(422).render('campaigns/settings', { title: 'Settings', values: typedValues(req), errors: outcome.errors });
    flash(req, 'success', 'Settings saved.');
    res.redirect(303, '/admin/settings');
  });

  return router;
}
