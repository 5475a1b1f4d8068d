import { transactionWithoutFsync, type Db } from '../db/database';
import { runExclusively } from '../db/job-lock.repository';
import { isSystemActor, type Actor, type CurrentUser } from '../auth/user';
import { listUserChoicesWithRole } from '../accounts/user.repository';
import { listCustomerValues } from '../customers/customer.repository';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { cancelCampaignMails, enqueueTemplatedMails } from '../mail/outbox.repository';
import { buildCampaignSnapshot } from '../surveys/snapshot.service';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { resolveLanguage } from '../shared/languages';
import { missingTranslations } from '../questionnaires/questionnaire';
import { launchBlockedVars } from './launch-blocked';
import { findPublishedDefinition } from '../questionnaires/questionnaire.service';
import { campaignSchedule, canClose, canEdit, canLaunch, canPause, LAUNCHABLE_STATUSES, canResume, isPastCloseDate, partitionAudience, type Campaign, type CampaignStatus, type SkipReason } from './campaign';
import type { CampaignContext } from './campaign-context';
import { invitationOutboxMails } from './campaign-mail';
import { getMailSite } from '../organisation/organisation.service';
import type { CampaignInput } from './campaign.schemas';
import { canViewCampaigns, requireCampaignManager } from './campaign.policy';
import {
  claimCampaignLaunch,
  findCampaignById,
  findCampaignForUpdate,
  insertCampaign,
  listUnfinishedLaunchIds,
  markLaunchFinished,
  updateCampaignClosed,
  updateCampaignSettings,
  updateCampaignStatus,
} from './campaign.repository';
import { insertSkips, listAudienceCandidates, type AudienceCandidate } from './audience.repository';
import { insertInvitations } from './invitation.repository';
import { findContactFrequencyDays } from './campaign-settings.service';
import { newStoredCredentials } from './invitation-token';

/** The lifecycle of a campaign: create, edit, launch, pause, resume, close. */

async function findCampaignOrThrow(db: Db, id: number): Promise<Campaign> {
  const campaign = await findCampaignById(db, id);
  if (!campaign) throw new NotFoundError(`campaign ${id}`);
  return campaign;
}

function validateSettings(input: CampaignInput, ctx: CampaignContext, now: Date): { closesAt: string; startsAt: string | null } {
  const errors: Record<string, string[]> = {};
  if (!ctx.templates.has(input.template)) errors.template = ['campaigns.errors.chooseSurveyTemplate'];
  const schedule = campaignSchedule(input.startsAt, input.closesAt, now);
  if (!schedule) errors.closesAt = ['campaigns.errors.closeAfterStart'];
  if (!schedule || Object.keys(errors).length) throw new ValidationError('campaigns.errors.invalidSettings', errors);
  return schedule;
}

/** The choices the campaign form offers for the audience. */
export interface AudienceOptions {
  segments: string[];
  regions: string[];
  kams: { id: number; name: string }[];
}

async function listAudienceOptions(db: Db): Promise<AudienceOptions> {
  const [segments, regions, kams] = await Promise.all([listCustomerValues(db, 'segment'), listCustomerValues(db, 'region'), listUserChoicesWithRole(db, 'kam')]);
  return { segments, regions, kams };
}

/** What the form for a new campaign offers. @throws ForbiddenError */
export async function getNewCampaignForm(db: Db, user: CurrentUser): Promise<{ options: AudienceOptions }> {
  requireCampaignManager(user);
  return { options: await listAudienceOptions(db) };
}

/**
 * A campaign whose settings may still change, with what its edit form offers.
 * @throws ForbiddenError, NotFoundError, ConflictError (already launched)
 */
export async function getCampaignEditForm(db: Db, user: CurrentUser, id: number): Promise<{ campaign: Campaign; options: AudienceOptions }> {
  requireCampaignManager(user);
  const campaign = await findCampaignOrThrow(db, id);
  if (!canEdit(campaign.status)) throw new ConflictError('campaigns.errors.launchedNoChange');
  return { campaign, options: await listAudienceOptions(db) };
}

/**
 * Creates a campaign. With a start time it is scheduled (the scheduler launches it when due);
 * without, it stays a draft until launched.
 * @throws ForbiddenError, ValidationError (unknown template, close before start)
 */
export async function createCampaign(db: Db, user: CurrentUser, input: CampaignInput, ctx: CampaignContext, now: Date): Promise<number> {
  requireCampaignManager(user);
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
      sender: input.sender,
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
  requireCampaignManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignOrThrow(trx, id);
    if (!canEdit(campaign.status)) throw new ConflictError('campaigns.errors.launchedNoChange');
    const { closesAt, startsAt } = validateSettings(input, ctx, now);
    await updateCampaignSettings(trx, id, { ...input, status: startsAt ? 'scheduled' : 'draft', startsAt, closesAt }, now);
  });
}

/** A campaign for everyone who may follow campaigns. @throws ForbiddenError, NotFoundError */
export async function getCampaign(db: Db, user: CurrentUser, id: number): Promise<Campaign> {
  if (!canViewCampaigns(user)) throw new ForbiddenError('may not see campaigns');
  return findCampaignOrThrow(db, id);
}

export interface LaunchResult {
  invited: number;
  skipped: Record<SkipReason, number>;
}

/** Contacts invited per write transaction of a launch: each commits in tens of milliseconds (at 1,000 a launch to 100,000 spent a third of its time in 100 commits). */
const LAUNCH_CHUNK = 5000;
/** An unfinished launch older than this, whose job nobody holds, was interrupted. */
const INTERRUPTED_AFTER_MS = 60_000;

const launchJob = (campaignId: number) => `campaign-launch:${campaignId}`;

/**
 * Launches a draft or scheduled campaign: snapshots the survey definition, creates one invitation
 * per contact in the audience and queues its mail. The status moves by claimCampaignLaunch (a
 * conditional update), so of two concurrent launches (two instances, or the scheduler and a
 * manager) one wins and the other gets a ConflictError on either engine. The invitations are
 * then written in chunks that commit as they go, so no transaction holds the database for long;
 * a launch interrupted half-way is finished by the scheduler (finishInterruptedLaunches), and
 * unique (campaign, contact) keeps every contact to one invitation and one mail. Opted-out,
 * suppressed and recently invited contacts are recorded as skipped with the reason. Managers
 * launch by hand; the scheduler as the system. The questionnaire is its newest published
 * version; it must be translated into every language of the contacts invited.
 * @throws ForbiddenError, NotFoundError, ConflictError (already launched or closed, template gone, translations missing)
 */
export async function launchCampaign(db: Db, actor: Actor, id: number, ctx: CampaignContext, now: Date): Promise<LaunchResult> {
  if (!isSystemActor(actor)) requireCampaignManager(actor);
  const campaign = await findCampaignOrThrow(db, id);
  if (!canLaunch(campaign.status)) throw new ConflictError('campaigns.errors.notLaunchable', {}, { status: campaign.status });
  const template = (await findPublishedDefinition(db, campaign.template)) ?? ctx.templates.get(campaign.template);
  if (!template) throw new ConflictError('campaigns.errors.templateGone', {}, { template: campaign.template });
  const audience = await readAudience(db, campaign, now);
  const languages = [...new Set(audience.invite.map((c) => resolveLanguage(c.language, c.customerLanguage)))];
  const gaps = missingTranslations(template, languages);
  if (gaps.length) throw new ConflictError('campaigns.errors.launchBlocked', {}, launchBlockedVars(gaps));
  const snapshot = await buildCampaignSnapshot(db, template, now);
  const claimed = await db.transaction().execute(async (trx) => {
    if (!(await claimCampaignLaunch(trx, id, LAUNCHABLE_STATUSES, JSON.stringify(snapshot), now))) return false;
    await insertSkips(trx, id, audience.skips);
    return true;
  });
  if (!claimed) throw new ConflictError('campaigns.errors.alreadyLaunching');
  const invited = await runExclusively(db, launchJob(id), now, () => inviteInChunks(db, id, audience.invite, ctx, now));
  return { invited: invited ?? 0, skipped: audience.skipped };
}

/**
 * Finishes the launches that stopped half-way (the process died between two chunks): invites the
 * rest of the audience as the launch would have, once per campaign across instances. Returns how
 * many contacts it invited.
 */
export async function finishInterruptedLaunches(db: Db, ctx: CampaignContext, now: Date): Promise<number> {
  let invited = 0;
  for (const id of await listUnfinishedLaunchIds(db, new Date(now.getTime() - INTERRUPTED_AFTER_MS))) {
    invited +=
      (await runExclusively(db, launchJob(id), now, async () => {
        const campaign = await findCampaignOrThrow(db, id);
        const audience = await readAudience(db, campaign, now);
        await db.transaction().execute((trx) => insertSkips(trx, id, audience.skips));
        return inviteInChunks(db, id, audience.invite, ctx, now);
      })) ?? 0;
  }
  return invited;
}

/** The contacts of the audience not yet invited or skipped by this campaign, sorted into invite and skip. */
async function readAudience(db: Db, campaign: Campaign, now: Date) {
  const frequencyDays = await findContactFrequencyDays(db);
  return partitionAudience(await listAudienceCandidates(db, campaign.id, campaign.audience, frequencyDays, now));
}

/**
 * Invites `contacts` a chunk per transaction, each re-reading the campaign under its row lock:
 * a close in the meantime stops the launch. Marks the launch finished at the end. Only the last
 * chunk's commit waits for the disk, and its fsync makes the earlier chunks durable too
 * (transactionWithoutFsync); a power cut before it loses the newest chunks, which
 * finishInterruptedLaunches invites again as after a crash.
 */
async function inviteInChunks(db: Db, id: number, contacts: AudienceCandidate[], ctx: CampaignContext, now: Date): Promise<number> {
  let invited = 0;
  for (let i = 0; i < contacts.length; i += LAUNCH_CHUNK) {
    const chunk = contacts.slice(i, i + LAUNCH_CHUNK);
    const isLast = i + LAUNCH_CHUNK >= contacts.length;
    const inviteUnlessClosed = async (trx: Db) => {
      const campaign = await findCampaignForUpdate(trx, id);
      if (!campaign || campaign.status === 'closed') return undefined;
      return inviteChunk(trx, campaign, chunk, ctx, now);
    };
    const count = isLast ? await db.transaction().execute(inviteUnlessClosed) : await transactionWithoutFsync(db, inviteUnlessClosed);
    if (count === undefined) break;
    invited += count;
  }
  await markLaunchFinished(db, id, now);
  return invited;
}

async function inviteChunk(trx: Db, campaign: Campaign, contacts: AudienceCandidate[], ctx: CampaignContext, now: Date): Promise<number> {
  const credentials = newStoredCredentials(ctx.secret, contacts.length);
  const rows = contacts.map((c, i) => ({ contactId: c.contactId, ...credentials[i]! }));
  // Only the invitations this chunk created get a mail: a contact invited by a concurrent
  // finisher is skipped by unique (campaign, contact).
  const ids = await insertInvitations(trx, campaign.id, rows, now);
  const mailFor = invitationOutboxMails(campaign, ctx, false, await getMailSite(trx, ctx.baseUrl));
  const mails = contacts.flatMap((c) => {
    const invitationId = ids.get(c.contactId);
    return invitationId === undefined ? [] : [mailFor(c, invitationId)];
  });
  await enqueueTemplatedMails(trx, mails, now);
  return ids.size;
}

// Closing cancels the unsent invitations and reminders in the same transaction.
async function closeInTransaction(trx: Db, id: number, now: Date): Promise<void> {
  await updateCampaignClosed(trx, id, now);
  await cancelCampaignMails(trx, id, 'campaign closed');
}

async function moveCampaignStatus(
  db: Db,
  user: CurrentUser,
  id: number,
  move: { isAllowed: (status: CampaignStatus) => boolean; to: CampaignStatus; refused: string },
  now: Date,
): Promise<void> {
  requireCampaignManager(user);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignForUpdate(trx, id);
    if (!campaign) throw new NotFoundError(`campaign ${id}`);
    if (!move.isAllowed(campaign.status)) throw new ConflictError(move.refused, {}, { status: campaign.status });
    if (move.to === 'closed') await closeInTransaction(trx, id, now);
    else await updateCampaignStatus(trx, id, move.to, now);
  });
}

/** Pausing holds queued invitation mails and stops reminders. @throws ForbiddenError, NotFoundError, ConflictError */
export async function pauseCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await moveCampaignStatus(db, user, id, { isAllowed: canPause, to: 'paused', refused: 'campaigns.errors.cannotPause' }, now);
}

/** @throws ForbiddenError, NotFoundError, ConflictError */
export async function resumeCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await moveCampaignStatus(db, user, id, { isAllowed: canResume, to: 'running', refused: 'campaigns.errors.cannotResume' }, now);
}

/** Closing cancels unsent invitations and reminders. @throws ForbiddenError, NotFoundError, ConflictError */
export async function closeCampaign(db: Db, user: CurrentUser, id: number, now: Date): Promise<void> {
  await moveCampaignStatus(db, user, id, { isAllowed: canClose, to: 'closed', refused: 'campaigns.errors.cannotClose' }, now);
}

/**
 * The scheduler's close: closes the campaign when its close date has passed, re-checked inside
 * the transaction (an edit may have moved the date). Returns whether it closed.
 */
export async function closeCampaignPastItsDate(db: Db, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const campaign = await findCampaignForUpdate(trx, id);
    if (!campaign || !isPastCloseDate(campaign, now)) return false;
    await closeInTransaction(trx, id, now);
    return true;
  });
}
