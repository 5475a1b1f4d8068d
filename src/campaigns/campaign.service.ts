import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import type { Language, SurveyDefinition } from '../surveys/survey-definition';
import { buildCampaignSnapshot } from '../surveys/snapshot';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { addDays } from '../shared/time';
import { hashToken } from '../shared/tokens';
import { TOKEN_MARKER } from '../mail/mail';
import { cancelCampaignMails, cancelContactMails, enqueueMail, enqueueMails, type NewMail } from '../mail/outbox.repository';
import {
  canClose,
  canEdit,
  canLaunch,
  canPause,
  canResume,
  DEFAULT_OPEN_DAYS,
  languageOf,
  renderInvitation,
  type CampaignMail,
  type SkipReason,
} from './campaign';
import type { CampaignInput } from './campaign.schemas';
import { canAdministerMail, canManageCampaigns, canViewCampaigns } from './campaign.policy';
import {
  countSkips,
  findCampaignById,
  findFrequencyDays,
  findInvitationContactByTokenHash,
  insertCampaign,
  insertInvitations,
  insertSkips,
  listAudienceCandidates,
  listDueClosingCampaignIds,
  listDueScheduledCampaignIds,
  listFailureReasons,
  listProgressBySegment,
  listReminderCandidates,
  listRunningCampaigns,
  listSkips,
  markReminderQueued,
  sumProgress,
  updateCampaignSettings,
  updateCampaignStatus,
  updateContactOptedOut,
  updateFrequencyDays,
  type Campaign,
} from './campaign.repository';
import { newInvitationCredentials, respondentLink, unsubscribeLink } from './invitation-token';

/** What campaign use cases need besides the database. */
export interface CampaignContext {
  templates: ReadonlyMap<string, SurveyDefinition>;
  /** The server secret invitation tokens are derived from. */
  secret: string;
  baseUrl: string;
  /** In production unsubscribe links are always https. */
  isProduction: boolean;
}

function requireManager(user: CurrentUser): void {
  if (!canManageCampaigns(user)) throw new ForbiddenError('only quality managers and admins manage campaigns');
}

function validateSettings(input: CampaignInput, ctx: CampaignContext, now: Date): { closesAt: string; startsAt: string | null } {
  const errors: Record<string, string[]> = {};
  if (!ctx.templates.has(input.template)) errors.template = ['Choose one of the survey templates'];
  const start = input.startsAt ?? now;
  const closes = input.closesAt ?? addDays(start, DEFAULT_OPEN_DAYS);
  if (closes.getTime() <= start.getTime()) errors.closesAt = ['The close date must be after the start'];
  if (Object.keys(errors).length) throw new ValidationError('invalid campaign settings', errors);
  return { closesAt: closes.toISOString(), startsAt: input.startsAt ? input.startsAt.toISOString() : null };
}

/**
 * Creates a campaign. With a start time it is scheduled (the worker launches it when due);
 * without, it stays a draft until launched.
 * @throws ForbiddenError, ValidationError (unknown template, close before start)
 */
export async function createCampaign(db: Db, user: CurrentUser, input: CampaignInput, ctx: CampaignContext, now: Date): Promise<number> {
  requireManager(user);
  const { closesAt, startsAt } = validateSettings(input, ctx, now);
  return insertCampaign(
    db,
    {
      name: input.name,
      template: input.template,
      status: startsAt ? 'scheduled' : 'draft',
      audience: input.audience,
      startsAt,
      closesAt,
      reminderAfterDays: input.reminderAfterDays,
      reminderMax: input.reminderMax,
      mail: input.mail,
    },
    user.id,
    now,
  );
}

/**
 * Changes the settings of a campaign that has not been launched.
 * @throws ForbiddenError, NotFoundError, ConflictError (already launched), ValidationError
 */
export async function editCampaign(db: Db, user: CurrentUser, id: number, input: CampaignInput, ctx: CampaignContext, now: Date): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignById(trx, id);
    if (!campaign) throw new NotFoundError(`campaign ${id}`);
    if (!canEdit(campaign.status)) throw new ConflictError('A launched campaign can no longer be changed.');
    const { closesAt, startsAt } = validateSettings(input, ctx, now);
    await updateCampaignSettings(
      trx,
      id,
      { ...input, status: startsAt ? 'scheduled' : 'draft', startsAt, closesAt },
      now,
    );
  });
}

/**
 * A campaign whose settings may still change, for its edit page.
 * @throws ForbiddenError, NotFoundError, ConflictError (already launched)
 */
export async function getEditableCampaign(db: Db, user: CurrentUser, id: number): Promise<Campaign> {
  requireManager(user);
  const campaign = await getCampaign(db, user, id);
  if (!canEdit(campaign.status)) throw new ConflictError('A launched campaign can no longer be changed.');
  return campaign;
}

/** @throws ForbiddenError, NotFoundError */
export async function getCampaign(db: Db, user: CurrentUser, id: number): Promise<Campaign> {
  if (!canViewCampaigns(user)) throw new ForbiddenError('not allowed');
  const campaign = await findCampaignById(db, id);
  if (!campaign) throw new NotFoundError(`campaign ${id}`);
  return campaign;
}

function links(ctx: CampaignContext, token: string) {
  const unsubscribeBase = ctx.isProduction ? ctx.baseUrl.replace(/^http:/, 'https:') : ctx.baseUrl;
  return { link: respondentLink(ctx.baseUrl, token), unsubscribe: unsubscribeLink(unsubscribeBase, token) };
}

interface Recipient {
  email: string;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
}

/** An invitation or reminder with the token left as a marker: the worker fills it in at send time. */
function invitationMail(campaign: { id: number; mail: CampaignMail; closesAt: string }, r: Recipient, invitationId: number, ctx: CampaignContext, isReminder: boolean): NewMail {
  const language = languageOf(r.language, r.customerLanguage);
  const { link, unsubscribe } = links(ctx, TOKEN_MARKER);
  const rendered = renderInvitation(campaign.mail, language, { contactName: r.name, customerName: r.customerName, link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt }, isReminder);
  return {
    kind: isReminder ? 'reminder' : 'invitation',
    to: r.email,
    toName: r.name,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    invitationId,
    refType: 'campaign',
    refId: campaign.id,
  };
}

export interface LaunchResult {
  invited: number;
  skipped: Record<SkipReason, number>;
}

/**
 * Launches a draft or scheduled campaign: snapshots the survey definition, creates one invitation
 * per contact in the audience and queues its mail, all in one BEGIN IMMEDIATE transaction. The
 * status check inside the transaction makes a repeated or concurrent launch a ConflictError, and
 * unique (campaign, contact) backs it up. Opted-out, suppressed and recently invited contacts are
 * recorded as skipped with the reason.
 * @throws NotFoundError, ConflictError (already launched or closed, template gone)
 */
export async function launchCampaignNow(db: Db, id: number, ctx: CampaignContext, now: Date): Promise<LaunchResult> {
  return db.transaction().execute(async (trx) => {
    const campaign = await findCampaignById(trx, id);
    if (!campaign) throw new NotFoundError(`campaign ${id}`);
    if (!canLaunch(campaign.status)) throw new ConflictError(`This campaign is ${campaign.status} and cannot be launched again.`);
    const template = ctx.templates.get(campaign.template);
    if (!template) throw new ConflictError(`The survey template "${campaign.template}" no longer exists.`);
    const snapshot = await buildCampaignSnapshot(trx, template, now);
    await updateCampaignStatus(trx, id, 'running', now, { launched_at: now.toISOString(), definition: JSON.stringify(snapshot) });
    return inviteAudience(trx, campaign, ctx, now);
  });
}

async function inviteAudience(trx: Db, campaign: Campaign, ctx: CampaignContext, now: Date): Promise<LaunchResult> {
  const frequencyDays = await findFrequencyDays(trx);
  const candidates = await listAudienceCandidates(trx, campaign.id, campaign.audience, frequencyDays, now);
  const skipped: Record<SkipReason, number> = { frequency_window: 0, opted_out: 0, suppressed: 0 };
  const skips: { contactId: number; reason: SkipReason }[] = [];
  const invite: (typeof candidates)[number][] = [];
  for (const c of candidates) {
    if (c.skip) {
      skips.push({ contactId: c.contactId, reason: c.skip });
      skipped[c.skip]++;
    } else invite.push(c);
  }
  await insertSkips(trx, campaign.id, skips);
  const rows = invite.map((c) => {
    const { salt, tokenHash } = newInvitationCredentials(ctx.secret);
    return { contactId: c.contactId, salt, tokenHash };
  });
  const ids = await insertInvitations(trx, campaign.id, rows, now);
  const mails: NewMail[] = [];
  for (const c of invite) {
    const invitationId = ids.get(c.contactId);
    if (invitationId !== undefined) mails.push(invitationMail(campaign, c, invitationId, ctx, false));
  }
  await enqueueMails(trx, mails, now);
  return { invited: ids.size, skipped };
}

/** @throws ForbiddenError, NotFoundError, ConflictError */
export async function launchCampaign(db: Db, user: CurrentUser, id: number, ctx: CampaignContext, now: Date): Promise<LaunchResult> {
  requireManager(user);
  return launchCampaignNow(db, id, ctx, now);
}

async function changeStatus(db: Db, user: CurrentUser, id: number, allowed: (s: string) => boolean, to: string, now: Date): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignById(trx, id);
    if (!campaign) throw new NotFoundError(`campaign ${id}`);
    if (!allowed(campaign.status)) throw new ConflictError(`A ${campaign.status} campaign cannot be ${to === 'running' ? 'resumed' : to}.`);
    await closeOrSet(trx, campaign.id, to, now);
  });
}

async function closeOrSet(trx: Db, id: number, to: string, now: Date): Promise<void> {
  if (to === 'closed') {
    await updateCampaignStatus(trx, id, 'closed', now, { closed_at: now.toISOString() });
    await cancelCampaignMails(trx, id, 'campaign closed');
  } else {
    await updateCampaignStatus(trx, id, to, now);
  }
}

/** Pausing holds queued invitation mails and stops reminders. @throws ForbiddenError, NotFoundError, ConflictError */
export async function pauseCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await changeStatus(db, user, id, canPause, 'paused', now);
}

/** @throws ForbiddenError, NotFoundError, ConflictError */
export async function resumeCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await changeStatus(db, user, id, canResume, 'running', now);
}

/** Closing cancels unsent invitations and reminders. @throws ForbiddenError, NotFoundError, ConflictError */
export async function closeCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await changeStatus(db, user, id, canClose, 'closed', now);
}

/** Queues the reminders that are due, each in the transaction that counts it. Returns how many. */
export async function queueDueReminders(db: Db, ctx: CampaignContext, now: Date): Promise<number> {
  let queued = 0;
  for (const c of await listRunningCampaigns(db)) {
    if (c.reminderMax === 0) continue;
    queued += await db.transaction().execute(async (trx) => {
      // Re-read inside the write lock: a pause or close since the list wins.
      const campaign = await findCampaignById(trx, c.id);
      if (!campaign || campaign.status !== 'running') return 0;
      const due = await listReminderCandidates(trx, campaign, now);
      await markReminderQueued(trx, due.map((d) => d.invitationId), now);
      await enqueueMails(trx, due.map((d) => invitationMail(campaign, d, d.invitationId, ctx, true)), now);
      return due.length;
    });
  }
  return queued;
}

/**
 * The scheduler's tick: launches scheduled campaigns whose start has come, closes campaigns
 * whose close date has passed, and queues due reminders. Safe to run in several processes at
 * once: every step re-checks the status inside its BEGIN IMMEDIATE transaction.
 */
export async function runSchedulerTick(db: Db, ctx: CampaignContext, now: Date): Promise<{ launched: number; closed: number; reminders: number }> {
  let launched = 0;
  let closed = 0;
  for (const id of await listDueClosingCampaignIds(db, now)) {
    await db.transaction().execute(async (trx) => {
      const campaign = await findCampaignById(trx, id);
      if (!campaign || !canClose(campaign.status) || campaign.closesAt > now.toISOString()) return;
      await closeOrSet(trx, id, 'closed', now);
      closed++;
    });
  }
  for (const id of await listDueScheduledCampaignIds(db, now)) {
    try {
      await launchCampaignNow(db, id, ctx, now);
      launched++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const reminders = await queueDueReminders(db, ctx, now);
  return { launched, closed, reminders };
}

export async function getProgress(db: Db, user: CurrentUser, id: number) {
  const campaign = await getCampaign(db, user, id);
  const bySegment = await listProgressBySegment(db, id);
  return {
    campaign,
    total: sumProgress(bySegment),
    bySegment,
    failures: await listFailureReasons(db, id),
    skips: await listSkips(db, id),
    // The list above is capped; the count is not.
    skippedCount: await countSkips(db, id),
  };
}

/** Sample values for previews and test mails: no real token is ever made for them. */
function previewValues(campaign: Campaign, ctx: CampaignContext, name: string) {
  const { link, unsubscribe } = links(ctx, 'EXAMPLE-TOKEN');
  return { contactName: name, customerName: 'Example Customer Ltd', link, unsubscribeLink: unsubscribe, closesAt: campaign.closesAt };
}

export async function previewMail(db: Db, user: CurrentUser, id: number, language: Language, ctx: CampaignContext) {
  const campaign = await getCampaign(db, user, id);
  return { campaign, mail: renderInvitation(campaign.mail, language, previewValues(campaign, ctx, 'Alex Example')) };
}

/**
 * Queues the invitation, in one language, to the signed-in user, with a sample link.
 * @throws ForbiddenError, NotFoundError
 */
export async function sendTestMail(db: Db, user: CurrentUser, id: number, language: Language, ctx: CampaignContext, now: Date): Promise<void> {
  requireManager(user);
  const campaign = await getCampaign(db, user, id);
  const rendered = renderInvitation(campaign.mail, language, previewValues(campaign, ctx, user.name));
  await db.transaction().execute(async (trx) => {
    await enqueueMail(trx, { kind: 'test', to: user.email, toName: user.name, subject: `[Test] ${rendered.subject}`, text: rendered.text, html: rendered.html, refType: 'campaign', refId: id }, now);
  });
}

export async function getFrequencyDays(db: Db): Promise<number> {
  return findFrequencyDays(db);
}

/** Only admins change the contact-frequency window. @throws ForbiddenError */
export async function setFrequencyDays(db: Db, user: CurrentUser, days: number): Promise<void> {
  if (!canAdministerMail(user)) throw new ForbiddenError('only admins change settings');
  await updateFrequencyDays(db, days);
}

/** The contact behind an unsubscribe token, or undefined. A lookup only: changes nothing. */
export async function findUnsubscribeTarget(db: Db, token: string) {
  return findInvitationContactByTokenHash(db, hashToken(token));
}

/**
 * RFC 8058 one-click unsubscribe: marks the contact opted out and cancels their queued
 * contact mails. Idempotent. Returns the contact unsubscribed, or undefined for an unknown token.
 */
export async function unsubscribeByToken(db: Db, token: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const target = await findInvitationContactByTokenHash(trx, hashToken(token));
    if (!target) return undefined;
    await updateContactOptedOut(trx, target.contactId, now);
    await cancelContactMails(trx, target.email, 'contact opted out');
    return target;
  });
}
