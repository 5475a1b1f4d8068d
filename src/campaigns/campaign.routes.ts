import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole, requireUser } from '../auth/middleware';
import { ForbiddenError, ValidationError } from '../shared/errors';
import { fieldErrors, type FieldErrors } from '../shared/forms';
import { LANGUAGES } from '../surveys/survey-definition';
import { campaignContext } from './background';
import { canEdit, canLaunch, canPause, canResume, canClose, DEFAULT_MAIL, DEFAULT_NOT_EVALUATED_DAYS, DEFAULT_REMINDER_AFTER_DAYS, DEFAULT_REMINDER_MAX, SKIP_REASONS } from './campaign';
import { RELATIONSHIPS } from '../customers/customer';
import { CampaignForm, IdParams, PreviewQuery, SettingsForm, TestMailForm } from './campaign.schemas';
import { canManageCampaigns, canViewCampaigns } from './campaign.policy';
import { listAudienceOptions, listCampaigns, type Campaign } from './campaign.repository';
import {
  closeCampaign,
  createCampaign,
  editCampaign,
  getEditableCampaign,
  getFrequencyDays,
  getProgress,
  launchCampaign,
  pauseCampaign,
  previewMail,
  resumeCampaign,
  sendTestMail,
  setFrequencyDays,
} from './campaign.service';
import { parseParams, parseInput } from '../shared/input';

const STYLES = ['/static/css/campaigns.css'];

function defaultValues(templates: string[]) {
  const values: Record<string, string> = {
    template: templates.includes('annual-pds') ? 'annual-pds' : (templates[0] ?? ''),
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
function campaignValues(c: Campaign): Record<string, string> {
  const values: Record<string, string> = {
    name: c.name,
    template: c.template,
    segment: c.audience.segment ?? '',
    region: c.audience.region ?? '',
    kamUserId: c.audience.kamUserId ? String(c.audience.kamUserId) : '',
    relationship: c.audience.relationship ?? '',
    notEvaluatedDays: String(c.audience.notEvaluatedDays),
    startMode: c.startsAt ? 'later' : 'now',
    startsAt: c.startsAt ? c.startsAt.slice(0, 16) : '',
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

export function campaignRoutes(deps: RouteDeps): Router {
  const { db, clock, config } = deps;
  const ctx = campaignContext(config, deps.sessionSecret, deps.templates);
  const templateNames = [...deps.templates.keys()];
  const router = Router();
  router.use('/campaigns', requireUser);

  // Without an id the form creates a campaign; with one it edits that draft.
  const renderForm = async (res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors, editing?: Campaign) =>
    res.status(status).render('campaigns/form', {
      title: editing ? `Edit ${editing.name}` : 'New campaign',
      action: editing ? `/campaigns/${editing.id}/edit` : '/campaigns/new',
      submitLabel: editing ? 'Save campaign' : 'Create campaign',
      cancelHref: editing ? `/campaigns/${editing.id}` : '/campaigns',
      styles: STYLES,
      values,
      errors,
      templates: templateNames,
      relationships: RELATIONSHIPS,
      languages: LANGUAGES,
      options: await listAudienceOptions(db),
    });

  router.get('/campaigns', async (_req, res) => {
    const user = currentUser(res);
    if (!canViewCampaigns(user)) throw new ForbiddenError('not allowed');
    res.render('campaigns/index', { title: 'Campaigns', styles: STYLES, campaigns: await listCampaigns(db), canManage: canManageCampaigns(user) });
  });

  router.get('/campaigns/new', async (_req, res) => {
    if (!canManageCampaigns(currentUser(res))) throw new ForbiddenError('not allowed');
    await renderForm(res, 200, defaultValues(templateNames), {});
  });

  router.post('/campaigns/new', async (req: Request, res) => {
    const values = typedValues(req);
    const form = CampaignForm.safeParse(req.body);
    if (!form.success) return renderForm(res, 422, values, fieldErrors(form.error));
    let id: number;
    try {
      id = await createCampaign(db, currentUser(res), form.data, ctx, clock());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(res, 422, values, error.fields);
    }
    flash(req, 'success', `Campaign "${form.data.name}" created. Check the mail preview, then launch it.`);
    res.redirect(303, `/campaigns/${id}`);
  });

  router.get('/campaigns/:id/edit', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const campaign = await getEditableCampaign(db, currentUser(res), id);
    await renderForm(res, 200, campaignValues(campaign), {}, campaign);
  });

  router.post('/campaigns/:id/edit', async (req: Request, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = currentUser(res);
    const campaign = await getEditableCampaign(db, user, id);
    const values = typedValues(req);
    const form = CampaignForm.safeParse(req.body);
    if (!form.success) return renderForm(res, 422, values, fieldErrors(form.error), campaign);
    try {
      await editCampaign(db, user, id, form.data, ctx, clock());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(res, 422, values, error.fields, campaign);
    }
    flash(req, 'success', `Campaign "${form.data.name}" saved.`);
    res.redirect(303, `/campaigns/${id}`);
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = currentUser(res);
    const progress = await getProgress(db, user, id);
    const s = progress.campaign.status;
    const canManage = canManageCampaigns(user);
    res.render('campaigns/show', {
      title: progress.campaign.name,
      styles: STYLES,
      scripts: ['/static/vendor/chart.umd.min.js', '/static/js/campaign-progress.js'],
      ...progress,
      skipReasons: SKIP_REASONS,
      languages: LANGUAGES,
      chartData: JSON.stringify({
        labels: progress.bySegment.map((r) => r.segment ?? '(no segment)'),
        invited: progress.bySegment.map((r) => r.invited),
        submitted: progress.bySegment.map((r) => r.submitted),
      }),
      can: {
        launch: canManage && canLaunch(s),
        pause: canManage && canPause(s),
        resume: canManage && canResume(s),
        close: canManage && canClose(s),
        edit: canManage && canEdit(s),
        test: canManage,
      },
    });
  });

  router.get('/campaigns/:id/preview', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { lang } = parseInput(PreviewQuery, req.query);
    const { campaign, mail } = await previewMail(db, currentUser(res), id, lang, ctx);
    res.render('campaigns/preview', { title: `Preview: ${campaign.name}`, styles: STYLES, campaign, mail, lang, languages: LANGUAGES });
  });

  router.post('/campaigns/:id/test-mail', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { language } = TestMailForm.catch({ language: 'en' }).parse(req.body);
    const user = currentUser(res);
    await sendTestMail(db, user, id, language, ctx, clock());
    flash(req, 'success', `A test mail (${language}) is on its way to ${user.email}.`);
    res.redirect(303, `/campaigns/${id}`);
  });

  const action = (path: string, run: (id: number, req: Request, res: Response) => Promise<string>) =>
    router.post(`/campaigns/:id/${path}`, async (req, res) => {
      const { id } = parseParams(IdParams, req.params);
      flash(req, 'success', await run(id, req, res));
      res.redirect(303, `/campaigns/${id}`);
    });
  action('launch', async (id, _req, res) => {
    const r = await launchCampaign(db, currentUser(res), id, ctx, clock());
    const skipped = r.skipped.frequency_window + r.skipped.opted_out + r.skipped.suppressed;
    return `Campaign launched: ${r.invited} invitations queued, ${skipped} contacts skipped.`;
  });
  action('pause', async (id, _req, res) => (await pauseCampaign(db, currentUser(res), id, clock()), 'Campaign paused: no mails or reminders go out until you resume it.'));
  action('resume', async (id, _req, res) => (await resumeCampaign(db, currentUser(res), id, clock()), 'Campaign resumed.'));
  action('close', async (id, _req, res) => (await closeCampaign(db, currentUser(res), id, clock()), 'Campaign closed.'));

  router.use('/admin/settings', requireRole('admin'));
  router.get('/admin/settings', async (_req, res) => {
    res.render('campaigns/settings', { title: 'Settings', values: { contactFrequencyDays: String(await getFrequencyDays(db)) }, errors: {} });
  });
  router.post('/admin/settings', async (req, res) => {
    const form = SettingsForm.safeParse(req.body);
    if (!form.success) {
      return res.status(422).render('campaigns/settings', { title: 'Settings', values: { contactFrequencyDays: req.body?.contactFrequencyDays ?? '' }, errors: fieldErrors(form.error) });
    }
    await setFrequencyDays(db, currentUser(res), form.data.contactFrequencyDays);
    flash(req, 'success', 'Settings saved.');
    res.redirect(303, '/admin/settings');
  });

  return router;
}
