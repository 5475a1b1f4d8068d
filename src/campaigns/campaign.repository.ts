import { sql } from 'kysely';
import type { Db } from '../db/database';
import { addDays } from '../shared/time';
import { DEFAULT_FREQUENCY_DAYS, type Audience, type CampaignMail, type SkipReason } from './campaign';

export interface Campaign {
  id: number;
  name: string;
  template: string;
  status: string;
  audience: Audience;
  startsAt: string | null;
  closesAt: string;
  reminderAfterDays: number;
  reminderMax: number;
  mail: CampaignMail;
  hasSnapshot: boolean;
  launchedAt: string | null;
  closedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

type CampaignRow = {
  id: number;
  name: string;
  template: string;
  status: string;
  audience: string;
  starts_at: string | null;
  closes_at: string;
  reminder_after_days: number;
  reminder_max: number;
  mail: string;
  definition: string | null;
  launched_at: string | null;
  closed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
};

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    template: r.template,
    status: r.status,
    audience: JSON.parse(r.audience) as Audience,
    startsAt: r.starts_at,
    closesAt: r.closes_at,
    reminderAfterDays: r.reminder_after_days,
    reminderMax: r.reminder_max,
    mail: JSON.parse(r.mail) as CampaignMail,
    hasSnapshot: r.definition !== null,
    launchedAt: r.launched_at,
    closedAt: r.closed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findCampaignById(db: Db, id: number): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

export async function listCampaigns(db: Db): Promise<(Campaign & { invited: number })[]> {
  const rows = await db
    .selectFrom('campaign')
    .selectAll('campaign')
    .select((eb) => eb.selectFrom('invitation').select(eb.fn.countAll<number>().as('n')).whereRef('invitation.campaign_id', '=', 'campaign.id').as('invited'))
    .orderBy('campaign.created_at', 'desc')
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...toCampaign(r), invited: Number(r.invited ?? 0) }));
}

export interface CampaignValues {
  name: string;
  template: string;
  status: string;
  audience: Audience;
  startsAt: string | null;
  closesAt: string;
  reminderAfterDays: number;
  reminderMax: number;
  mail: CampaignMail;
}

function toRowValues(v: CampaignValues) {
  return {
    name: v.name,
    template: v.template,
    status: v.status,
    audience: JSON.stringify(v.audience),
    starts_at: v.startsAt,
    closes_at: v.closesAt,
    reminder_after_days: v.reminderAfterDays,
    reminder_max: v.reminderMax,
    mail: JSON.stringify(v.mail),
  };
}

export async function insertCampaign(db: Db, v: CampaignValues, createdBy: number | null, now: Date): Promise<number> {
  const row = await db
    .insertInto('campaign')
    .values({ ...toRowValues(v), created_by: createdBy, created_at: now.toISOString(), updated_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaignSettings(db: Db, id: number, v: CampaignValues, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ ...toRowValues(v), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function updateCampaignStatus(
  db: Db,
  id: number,
  status: string,
  now: Date,
  extra: { launched_at?: string; closed_at?: string; definition?: string } = {},
): Promise<void> {
  await db.updateTable('campaign').set({ status, updated_at: now.toISOString(), ...extra }).where('id', '=', id).execute();
}

export async function listDueScheduledCampaignIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db.selectFrom('campaign').select('id').where('status', '=', 'scheduled').where('starts_at', '<=', now.toISOString()).execute();
  return rows.map((r) => r.id);
}

export async function listDueClosingCampaignIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('campaign')
    .select('id')
    .where('status', 'in', ['scheduled', 'running', 'paused'])
    .where('closes_at', '<=', now.toISOString())
    .execute();
  return rows.map((r) => r.id);
}

export async function listRunningCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaign').selectAll().where('status', '=', 'running').execute();
  return rows.map(toCampaign);
}

/** The contact-frequency window in days (setting), 90 by default. */
export async function findFrequencyDays(db: Db): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'contact_frequency_days').executeTakeFirst();
  const value = Number(row?.value);
  return row && Number.isInteger(value) && value >= 0 ? value : DEFAULT_FREQUENCY_DAYS;
}

export async function updateFrequencyDays(db: Db, days: number): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key: 'contact_frequency_days', value: String(days) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days) }))
    .execute();
}

export interface AudienceCandidate {
  contactId: number;
  email: string;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
  skip: SkipReason | null;
}

/**
 * Contacts of the audience not yet invited or skipped by this campaign, each with the reason it
 * must be skipped, if any: opted out, suppressed address, or invited by another campaign inside
 * the contact-frequency window.
 */
export async function listAudienceCandidates(db: Db, campaignId: number, audience: Audience, frequencyDays: number, now: Date): Promise<AudienceCandidate[]> {
  const windowStart = addDays(now, -frequencyDays).toISOString();
  let q = db
    .selectFrom('contact')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select((eb) => [
      'contact.id as contactId',
      'contact.email',
      'contact.name',
      'contact.language',
      'contact.opted_out_at as optedOutAt',
      'customer.name as customerName',
      'customer.language as customerLanguage',
      eb.exists(eb.selectFrom('suppression').select('suppression.email').whereRef('suppression.email', '=', 'contact.email')).as('isSuppressed'),
      eb
        .exists(
          eb
            .selectFrom('invitation as other')
            .select('other.id')
            .whereRef('other.contact_id', '=', 'contact.id')
            .where('other.campaign_id', '<>', campaignId)
            .where('other.created_at', '>', windowStart),
        )
        .as('isRecentlyInvited'),
    ])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invitation').select('invitation.id').whereRef('invitation.contact_id', '=', 'contact.id').where('invitation.campaign_id', '=', campaignId))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('campaign_skip').select('campaign_skip.contact_id').whereRef('campaign_skip.contact_id', '=', 'contact.id').where('campaign_skip.campaign_id', '=', campaignId))),
    );
  if (audience.segment) q = q.where('customer.segment', '=', audience.segment);
  if (audience.region) q = q.where('customer.region', '=', audience.region);
  if (audience.kamUserId) q = q.where('customer.kam_user_id', '=', audience.kamUserId);
  if (audience.relationship) q = q.where('customer.relationship', '=', audience.relationship);
  if (audience.notEvaluatedDays > 0) {
    const since = addDays(now, -audience.notEvaluatedDays).toISOString();
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('response')
            .select('response.id')
            .whereRef('response.customer_id', '=', 'customer.id')
            .where('response.status', '=', 'submitted')
            .where('response.submitted_at', '>=', since),
        ),
      ),
    );
  }
  const rows = await q.orderBy('contact.id').execute();
  return rows.map((r) => ({
    contactId: r.contactId,
    email: r.email,
    name: r.name,
    language: r.language,
    customerName: r.customerName,
    customerLanguage: r.customerLanguage,
    skip: r.optedOutAt ? 'opted_out' : Number(r.isSuppressed) ? 'suppressed' : frequencyDays > 0 && Number(r.isRecentlyInvited) ? 'frequency_window' : null,
  }));
}

export async function insertSkips(db: Db, campaignId: number, skips: { contactId: number; reason: SkipReason }[]): Promise<void> {
  for (let i = 0; i < skips.length; i += 500) {
    await db
      .insertInto('campaign_skip')
      .values(skips.slice(i, i + 500).map((s) => ({ campaign_id: campaignId, contact_id: s.contactId, reason: s.reason })))
      .onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
      .execute();
  }
}

/** Inserts invitations (and their salts); returns the new ids by contact. Existing pairs are left alone. */
export async function insertInvitations(
  db: Db,
  campaignId: number,
  rows: { contactId: number; tokenHash: string; salt: string }[],
  now: Date,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const saltOf = new Map(rows.map((r) => [r.contactId, r.salt]));
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('invitation')
      .values(rows.slice(i, i + 500).map((r) => ({ campaign_id: campaignId, contact_id: r.contactId, token_hash: r.tokenHash, created_at: now.toISOString() })))
      .onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
      .returning(['id', 'contact_id'])
      .execute();
    if (inserted.length) {
      await db
        .insertInto('invitation_salt')
        .values(inserted.map((r) => ({ invitation_id: r.id, salt: saltOf.get(r.contact_id)! })))
        .execute();
    }
    for (const r of inserted) ids.set(r.contact_id, r.id);
  }
  return ids;
}

export interface ReminderCandidate {
  invitationId: number;
  email: string;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
}

/**
 * Invitations of a running campaign due for a reminder: delivered at least `afterDays` ago,
 * fewer than `max` reminders, no submitted response, contact reachable, nothing unsent queued.
 */
export async function listReminderCandidates(db: Db, campaign: { id: number; reminderAfterDays: number; reminderMax: number }, now: Date): Promise<ReminderCandidate[]> {
  const cutoff = addDays(now, -campaign.reminderAfterDays).toISOString();
  return db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select([
      'invitation.id as invitationId',
      'contact.email',
      'contact.name',
      'contact.language',
      'customer.name as customerName',
      'customer.language as customerLanguage',
    ])
    .where('invitation.campaign_id', '=', campaign.id)
    .where('invitation.is_revoked', '=', 0)
    .where('invitation.reminders_sent', '<', campaign.reminderMax)
    .where('invitation.last_mailed_at', '<=', cutoff)
    .where('contact.opted_out_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('suppression').select('suppression.email').whereRef('suppression.email', '=', 'contact.email'))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('response').select('response.id').whereRef('response.invitation_id', '=', 'invitation.id').where('response.status', '=', 'submitted'))),
    )
    // Only after the invitation itself was delivered, and never while a mail for it is still queued.
    .where((eb) =>
      eb.exists(
        eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.kind', '=', 'invitation').where('outbox.status', '=', 'sent'),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.status', 'in', ['pending', 'sending']))),
    )
    .orderBy('invitation.id')
    .execute();
}

export async function markReminderQueued(db: Db, invitationIds: number[], now: Date): Promise<void> {
  for (let i = 0; i < invitationIds.length; i += 500) {
    await db
      .updateTable('invitation')
      .set({ reminders_sent: sql<number>`reminders_sent + 1`, last_mailed_at: now.toISOString() })
      .where('id', 'in', invitationIds.slice(i, i + 500))
      .execute();
  }
}

export interface ProgressFigures {
  invited: number;
  sent: number;
  failed: number;
  opened: number;
  started: number;
  submitted: number;
  responseRate: number;
}

export interface SegmentProgress extends ProgressFigures {
  segment: string | null;
}

function withRate(r: Omit<ProgressFigures, 'responseRate'>): ProgressFigures {
  const f = {
    invited: Number(r.invited ?? 0),
    sent: Number(r.sent ?? 0),
    failed: Number(r.failed ?? 0),
    opened: Number(r.opened ?? 0),
    started: Number(r.started ?? 0),
    submitted: Number(r.submitted ?? 0),
  };
  return { ...f, responseRate: f.invited ? f.submitted / f.invited : 0 };
}

/** Progress of a campaign by customer segment (invitation mail sent/failed, opened, started, submitted). */
export async function listProgressBySegment(db: Db, campaignId: number): Promise<SegmentProgress[]> {
  const mailIs = (status: string) =>
    sql<number>`sum(case when exists (select 1 from outbox where outbox.invitation_id = invitation.id and outbox.kind = 'invitation' and outbox.status = ${status}) then 1 else 0 end)`;
  const rows = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .leftJoin('response', 'response.invitation_id', 'invitation.id')
    .where('invitation.campaign_id', '=', campaignId)
    .groupBy('customer.segment')
    .select((eb) => [
      'customer.segment as segment',
      eb.fn.countAll<number>().as('invited'),
      mailIs('sent').as('sent'),
      mailIs('failed').as('failed'),
      sql<number>`sum(case when invitation.opened_at is not null then 1 else 0 end)`.as('opened'),
      sql<number>`sum(case when response.id is not null then 1 else 0 end)`.as('started'),
      sql<number>`sum(case when response.status = 'submitted' then 1 else 0 end)`.as('submitted'),
    ])
    .orderBy('customer.segment')
    .execute();
  return rows.map((r) => ({ segment: r.segment, ...withRate(r) }));
}

export function sumProgress(rows: ProgressFigures[]): ProgressFigures {
  const total = { invited: 0, sent: 0, failed: 0, opened: 0, started: 0, submitted: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  return withRate(total);
}

export async function listFailureReasons(db: Db, campaignId: number): Promise<{ email: string; kind: string; error: string | null }[]> {
  return db
    .selectFrom('outbox')
    .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
    .select(['outbox.to_email as email', 'outbox.kind', 'outbox.last_error as error'])
    .where('invitation.campaign_id', '=', campaignId)
    .where('outbox.status', '=', 'failed')
    .orderBy('outbox.id')
    .limit(500)
    .execute();
}

export async function listSkips(db: Db, campaignId: number): Promise<{ email: string; name: string | null; customerName: string; reason: string }[]> {
  return db
    .selectFrom('campaign_skip')
    .innerJoin('contact', 'contact.id', 'campaign_skip.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['contact.email', 'contact.name', 'customer.name as customerName', 'campaign_skip.reason'])
    .where('campaign_skip.campaign_id', '=', campaignId)
    .orderBy('contact.email')
    .limit(1000)
    .execute();
}

export async function countSkips(db: Db, campaignId: number): Promise<number> {
  const row = await db.selectFrom('campaign_skip').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listAudienceOptions(db: Db) {
  const [segments, regions, kams] = await Promise.all([
    db.selectFrom('customer').select('segment as value').distinct().where('segment', 'is not', null).orderBy('segment').execute(),
    db.selectFrom('customer').select('region as value').distinct().where('region', 'is not', null).orderBy('region').execute(),
    db.selectFrom('user').select(['id', 'name']).where('role', '=', 'kam').where('is_active', '=', 1).orderBy('name').execute(),
  ]);
  return { segments: segments.map((s) => s.value!), regions: regions.map((r) => r.value!), kams };
}

/** The invitation and contact behind a token hash (unsubscribe page), or undefined. */
export async function findInvitationContactByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['invitation.id as invitationId', 'contact.id as contactId', 'contact.email', 'contact.language', 'customer.language as customerLanguage', 'contact.opted_out_at as optedOutAt'])
    .where('invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateContactOptedOut(db: Db, contactId: number, now: Date): Promise<void> {
  await db.updateTable('contact').set({ opted_out_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', contactId).where('opted_out_at', 'is', null).execute();
}
