import type { Insertable, Selectable, Updateable } from 'kysely';
import { isPostgres, type Db } from '../db/database';
import type { CampaignTable } from '../db/schema';
import type { Audience, Campaign, CampaignMail, CampaignSender, CampaignStatus, ReplyToKind } from './campaign';

function toCampaign(r: Selectable<CampaignTable>): Campaign {
  return {
    id: r.id,
    name: r.name,
    template: r.template,
    status: r.status as CampaignStatus,
    audience: JSON.parse(r.audience) as Audience,
    startsAt: r.starts_at,
    closesAt: r.closes_at,
    reminderAfterDays: r.reminder_after_days,
    reminderMax: r.reminder_max,
    mail: JSON.parse(r.mail) as CampaignMail,
    sender: { name: r.sender_name ?? null, replyTo: (r.reply_to_kind ?? 'organisation') as ReplyToKind, replyToAddress: r.reply_to_address ?? null },
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

/**
 * The campaign with its row locked until the transaction ends, for a status check that must
 * still hold at the commit: PostgreSQL makes a second instance wait here and then read the
 * committed status. SQLite's BEGIN IMMEDIATE already holds the one write lock (and has no
 * FOR UPDATE).
 */
export async function findCampaignForUpdate(trx: Db, id: number): Promise<Campaign | undefined> {
  const query = trx.selectFrom('campaign').selectAll().where('id', '=', id);
  const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

/** Every campaign, newest first, with its invitations counted (to the KAM's accounts only when given). */
export async function listCampaigns(db: Db, kamUserId: number | null): Promise<(Campaign & { invited: number })[]> {
  const rows = await db
    .selectFrom('campaign')
    .selectAll('campaign')
    .select((eb) =>
      eb
        .selectFrom('invitation')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('invitation.campaign_id', '=', 'campaign.id')
        .$if(kamUserId !== null, (qb) =>
          qb.where('invitation.contact_id', 'in', (sub) =>
            sub.selectFrom('contact').innerJoin('customer', 'customer.id', 'contact.customer_id').select('contact.id').where('customer.kam_user_id', '=', kamUserId),
          ),
        )
        .as('invited'),
    )
    .orderBy('campaign.created_at', 'desc')
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...toCampaign(r), invited: Number(r.invited ?? 0) }));
}

/** The settings of a campaign, as its form and the API set them. */
export type CampaignValues = Pick<Campaign, 'name' | 'template' | 'status' | 'audience' | 'startsAt' | 'closesAt' | 'reminderAfterDays' | 'reminderMax' | 'mail'> & {
  /** Left as it is when absent. */
  sender?: CampaignSender;
};

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
    ...(v.sender ? { sender_name: v.sender.name, reply_to_kind: v.sender.replyTo, reply_to_address: v.sender.replyTo === 'address' ? v.sender.replyToAddress : null } : {}),
  } satisfies Updateable<CampaignTable>;
}

export async function insertCampaign(db: Db, v: CampaignValues, createdBy: number | null, now: Date): Promise<number> {
  const values: Insertable<CampaignTable> = { ...toRowValues(v), created_by: createdBy, created_at: now.toISOString(), updated_at: now.toISOString() };
  const row = await db.insertInto('campaign').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaignSettings(db: Db, id: number, v: CampaignValues, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ ...toRowValues(v), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function updateCampaignStatus(db: Db, id: number, status: CampaignStatus, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ status, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/**
 * A launch: the campaign runs from now on, with the survey snapshot it was launched with,
 * moved only from one of the statuses it may be launched from. Returns false when it is no
 * longer in one of them: another launch (another instance, the scheduler) got there first.
 * The conditional update holds on PostgreSQL too, where a second launch waits for the first's
 * row lock and then finds the status changed.
 */
export async function claimCampaignLaunch(
  db: Db,
  id: number,
  launchableStatuses: readonly CampaignStatus[],
  snapshotJson: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({ status: 'running', launched_at: now.toISOString(), definition: snapshotJson, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', 'in', launchableStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The last chunk of a launch is written. */
export async function markLaunchFinished(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ launch_finished_at: now.toISOString() }).where('id', '=', id).where('launch_finished_at', 'is', null).execute();
}

/** Campaigns launched before `launchedBefore` whose launch has not finished writing its invitations. */
export async function listUnfinishedLaunchIds(db: Db, launchedBefore: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('campaign')
    .select('id')
    .where('launched_at', 'is not', null)
    .where('launched_at', '<', launchedBefore.toISOString())
    .where('launch_finished_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function updateCampaignClosed(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ status: 'closed', closed_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** A running (or paused) campaign's new close date and reminder settings. */
export async function updateCampaignSchedule(db: Db, id: number, v: Pick<Campaign, 'closesAt' | 'reminderAfterDays' | 'reminderMax'>, now: Date): Promise<void> {
  await db
    .updateTable('campaign')
    .set({ closes_at: v.closesAt, reminder_after_days: v.reminderAfterDays, reminder_max: v.reminderMax, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** A closed campaign runs again until its new close date. */
export async function updateCampaignReopened(db: Db, id: number, closesAt: string, now: Date): Promise<void> {
  await db.updateTable('campaign').set({ status: 'running', closes_at: closesAt, closed_at: null, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Scheduled campaigns whose start has come. */
export async function listDueScheduledCampaignIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db.selectFrom('campaign').select('id').where('status', '=', 'scheduled').where('starts_at', '<=', now.toISOString()).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Campaigns not yet closed whose close date has come. */
export async function listDueClosingCampaignIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('campaign')
    .select('id')
    .where('status', 'in', ['scheduled', 'running', 'paused'])
    .where('closes_at', '<=', now.toISOString())
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function listRunningCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaign').selectAll().where('status', '=', 'running').orderBy('id').execute();
  return rows.map(toCampaign);
}

export async function countCampaigns(db: Db): Promise<number> {
  const row = await db.selectFrom('campaign').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The survey snapshot a campaign was launched with (JSON), if launched. */
export async function findCampaignSnapshotJson(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('campaign').select('definition').where('id', '=', id).executeTakeFirst();
  return row?.definition ?? undefined;
}
