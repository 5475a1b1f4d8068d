import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { resolveLanguage } from '../shared/languages';
import { enqueueTemplatedMails } from '../mail/outbox.repository';
import { missingTranslations } from '../questionnaires/questionnaire';
import { launchBlockedVars } from './launch-blocked';
import { findPublishedDefinition } from '../questionnaires/questionnaire.service';
import { buildCampaignSnapshot } from '../surveys/snapshot.service';
import { launchedSnapshot, type CampaignSnapshot } from '../surveys/snapshot';
import {
  canChangeSchedule,
  canClose,
  canLaunch,
  canReopen,
  canRemindNow,
  canResendInvitation,
  countInvitations,
  partitionAudience,
  REMIND_NOW_QUIET_HOURS,
  sumProgress,
  type Campaign,
  type LaunchPreview,
  type ProgressFigures,
} from './campaign';
import type { CampaignContext } from './campaign-context';
import { invitationOutboxMails } from './campaign-mail';
import { requireCampaignManager } from './campaign.policy';
import { findCampaignById, findCampaignForUpdate, findCampaignSnapshotJson, updateCampaignReopened, updateCampaignSchedule } from './campaign.repository';
import { listAudienceCandidates } from './audience.repository';
import { countResponsesByStatus, countUnsentCampaignMails, listProgressCountsBySegment } from './campaign-progress.repository';
import { findInvitationByContactEmail, listRemindNowCandidates, markReminderQueued } from './invitation.repository';
import { findContactFrequencyDays } from './campaign-settings.service';
import { readSampleToken } from './sample-link';
import { getMailSite } from '../organisation/organisation.service';

/** Campaign control after creation: what a launch or close would do, and the changes a running or closed campaign allows. */

async function lockedCampaign(trx: Db, id: number): Promise<Campaign> {
  const campaign = await findCampaignForUpdate(trx, id);
  if (!campaign) throw new NotFoundError(`campaign ${id}`);
  return campaign;
}

function requireFuture(closesAt: Date, now: Date): string {
  if (closesAt.getTime() <= now.getTime()) throw new ValidationError('campaigns.errors.closeDateFuture', { closesAt: ['campaigns.errors.closeDateFuture'] });
  return closesAt.toISOString();
}

/**
 * What launching the campaign now would do, computed exactly as the launch does (same audience
 * query, same skip rules, same translation check), without writing anything.
 * @throws ForbiddenError, NotFoundError, ConflictError (not launchable)
 */
export async function getLaunchPreview(db: Db, user: CurrentUser, id: number, ctx: CampaignContext, now: Date): Promise<{ campaign: Campaign; preview: LaunchPreview }> {
  requireCampaignManager(user);
  const campaign = await findCampaignById(db, id);
  if (!campaign) throw new NotFoundError(`campaign ${id}`);
  if (!canLaunch(campaign.status)) throw new ConflictError('campaigns.errors.notLaunchable', {}, { status: campaign.status });
  const frequencyDays = await findContactFrequencyDays(db);
  const { invite, skipped } = partitionAudience(await listAudienceCandidates(db, campaign.id, campaign.audience, frequencyDays, now));
  const withLanguage = invite.map((c) => ({ ...c, language: resolveLanguage(c.language, c.customerLanguage) }));
  const template = (await findPublishedDefinition(db, campaign.template)) ?? ctx.templates.get(campaign.template);
  const gaps = template ? missingTranslations(template, [...new Set(withLanguage.map((c) => c.language))]) : [];
  const blockedBy = !template
    ? { message: 'campaigns.errors.templateGoneChoose', vars: { template: campaign.template } }
    : gaps.length
      ? { message: 'campaigns.errors.launchBlocked', vars: launchBlockedVars(gaps) }
      : null;
  return { campaign, preview: { invite: invite.length, ...countInvitations(withLanguage), skipped, blockedBy } };
}

export interface ClosePreview {
  progress: ProgressFigures;
  /** Invitations and reminders still queued: closing cancels them. */
  unsentMails: number;
  /** Respondents who started but did not submit: they can no longer finish. */
  unfinished: number;
}

/**
 * What closing the campaign now would do. Writes nothing.
 * @throws ForbiddenError, NotFoundError, ConflictError (already closed)
 */
export async function getClosePreview(db: Db, user: CurrentUser, id: number): Promise<{ campaign: Campaign; preview: ClosePreview }> {
  requireCampaignManager(user);
  const campaign = await findCampaignById(db, id);
  if (!campaign) throw new NotFoundError(`campaign ${id}`);
  if (!canClose(campaign.status)) throw new ConflictError('campaigns.errors.alreadyClosed');
  const [counts, unsentMails, responses] = await Promise.all([listProgressCountsBySegment(db, id, null), countUnsentCampaignMails(db, id), countResponsesByStatus(db, id)]);
  return { campaign, preview: { progress: sumProgress(counts), unsentMails, unfinished: responses.unfinished } };
}

/** A running campaign's new close date and reminders. */
export interface ScheduleChange {
  closesAt: Date;
  reminderAfterDays: number;
  reminderMax: number;
}

/**
 * Gives a running or paused campaign another close date (later, or earlier but still in the
 * future) and other reminder settings; reminders already sent count against the new maximum.
 * Sends nothing by itself.
 * @throws ForbiddenError, NotFoundError, ConflictError (not running or paused), ValidationError (close date not in the future)
 */
export async function changeCampaignSchedule(db: Db, user: CurrentUser, id: number, change: ScheduleChange, now: Date): Promise<void> {
  requireCampaignManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await lockedCampaign(trx, id);
    if (!canChangeSchedule(campaign.status)) throw new ConflictError('campaigns.errors.scheduleLocked', {}, { status: campaign.status });
    const closesAt = requireFuture(change.closesAt, now);
    await updateCampaignSchedule(trx, id, { closesAt, reminderAfterDays: change.reminderAfterDays, reminderMax: change.reminderMax }, now);
  });
}

/**
 * Opens a closed campaign again until a new close date: the personal links work again and
 * reminders follow the schedule. Mails cancelled by the close stay cancelled; nothing is sent now.
 * @throws ForbiddenError, NotFoundError, ConflictError (not closed, or never launched), ValidationError (close date not in the future)
 */
export async function reopenCampaign(db: Db, user: CurrentUser, id: number, closesAtInput: Date, now: Date): Promise<void> {
  requireCampaignManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await lockedCampaign(trx, id);
    if (!canReopen(campaign)) throw new ConflictError(campaign.status === 'closed' ? 'campaigns.errors.closedBeforeLaunch' : 'campaigns.errors.notClosed', {}, { status: campaign.status });
    await updateCampaignReopened(trx, id, requireFuture(closesAtInput, now), now);
  });
}

/**
 * Queues one reminder now to every contact of a running campaign who has not submitted, can
 * be mailed and whose invitation was delivered, whatever the reminder schedule says; it counts
 * as one of their reminders. Whoever was mailed in the last REMIND_NOW_QUIET_HOURS is left out,
 * so a second click (or two managers at once: the campaign row is locked) mails nobody twice.
 * Returns how many reminders were queued.
 * @throws ForbiddenError, NotFoundError, ConflictError (not running)
 */
export async function remindNow(db: Db, user: CurrentUser, id: number, ctx: CampaignContext, now: Date): Promise<number> {
  requireCampaignManager(user);
  return db.transaction().execute(async (trx) => {
    const campaign = await lockedCampaign(trx, id);
    if (!canRemindNow(campaign.status)) throw new ConflictError('campaigns.errors.noReminders', {}, { status: campaign.status });
    const due = await listRemindNowCandidates(trx, id, new Date(now.getTime() - REMIND_NOW_QUIET_HOURS * 3600_000));
    await markReminderQueued(trx, due.map((d) => d.invitationId), now);
    const mailFor = invitationOutboxMails(campaign, ctx, true, await getMailSite(trx, ctx.baseUrl));
    await enqueueTemplatedMails(trx, due.map((d) => mailFor(d, d.invitationId)), now);
    return due.length;
  });
}

/**
 * Sends one contact's invitation again, with the same personal link (the worker derives it from
 * the invitation's salt, as for the first mail): for a contact who lost the mail or whose
 * delivery failed. Refused for contacts who may not be mailed and while a mail to them is queued.
 * @throws ForbiddenError, NotFoundError, ConflictError (campaign not running or paused), ValidationError (no such invitation, contact not mailable)
 */
export async function resendInvitation(db: Db, user: CurrentUser, id: number, email: string, ctx: CampaignContext, now: Date): Promise<{ email: string }> {
  requireCampaignManager(user);
  return db.transaction().execute(async (trx) => {
    const campaign = await lockedCampaign(trx, id);
    if (!canResendInvitation(campaign.status)) throw new ConflictError('campaigns.errors.noResend', {}, { status: campaign.status });
    const invitation = await findInvitationByContactEmail(trx, id, email);
    const refuse = (message: string) => new ValidationError(message, { email: [message] });
    if (!invitation) throw refuse('campaigns.errors.notInvited');
    if (invitation.isRevoked) throw refuse('campaigns.errors.linkWithdrawn');
    if (invitation.optedOut) throw refuse('campaigns.errors.optedOut');
    if (invitation.isSuppressed) throw refuse('campaigns.errors.suppressed');
    if (invitation.hasUnsentMail) throw refuse('campaigns.errors.mailWaiting');
    await enqueueTemplatedMails(trx, [invitationOutboxMails(campaign, ctx, false, await getMailSite(trx, ctx.baseUrl))(invitation, invitation.invitationId)], now);
    return { email: invitation.email };
  });
}

/**
 * The questionnaire behind a test mail's sample link: the campaign's launched snapshot, or,
 * before the launch, its questionnaire resolved as a launch would. Anyone with the link may
 * open it (it is signed and expires); it records nothing.
 * @throws NotFoundError (forged or expired token, campaign gone)
 */
export async function getSamplePreview(db: Db, token: string, ctx: CampaignContext, now: Date): Promise<{ campaign: Campaign; snapshot: CampaignSnapshot }> {
  const sample = readSampleToken(ctx.secret, token, now);
  if (!sample) throw new NotFoundError('sample link');
  const campaign = await findCampaignById(db, sample.campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${sample.campaignId}`);
  const json = await findCampaignSnapshotJson(db, campaign.id);
  if (json) return { campaign, snapshot: launchedSnapshot(campaign.id, json) };
  const template = (await findPublishedDefinition(db, campaign.template)) ?? ctx.templates.get(campaign.template);
  if (!template) throw new NotFoundError(`questionnaire ${campaign.template}`);
  return { campaign, snapshot: await buildCampaignSnapshot(db, template, now) };
}
