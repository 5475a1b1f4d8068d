import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ProgressCounts, SkipReason } from './campaign';

export interface SegmentCounts extends ProgressCounts {
  segment: string | null;
}

/** The KAM whose accounts a list is limited to; null for every account. */
export type KamScope = number | null;

/**
 * Counts of a campaign's invitations by customer segment: invitation mail sent/failed, opened,
 * started, submitted. Counted per customer first, each figure from where it is cheapest to read
 * (the invitations through their campaign index with one index seek for the sent mail, the
 * responses by their campaign, the failed mails from their partial index), then per segment.
 */
export async function listProgressCountsBySegment(db: Db, campaignId: number, kamUserId: KamScope): Promise<SegmentCounts[]> {
  const rows = await db
    .with('inv', (qb) =>
      qb
        .selectFrom('invitation')
        .innerJoin('contact', 'contact.id', 'invitation.contact_id')
        .where('invitation.campaign_id', '=', campaignId)
        .groupBy('contact.customer_id')
        .select((eb) => [
          'contact.customer_id as customer_id',
          eb.fn.countAll<number>().as('invited'),
          eb.fn.sum<number>(eb.case().when('invitation.opened_at', 'is not', null).then(1).else(0).end()).as('opened'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(
                  eb.exists(
                    eb
                      .selectFrom('outbox')
                      .select(sql.lit(1).as('one'))
                      .whereRef('outbox.invitation_id', '=', 'invitation.id')
                      .where('outbox.kind', '=', 'invitation')
                      .where('outbox.status', '=', 'sent'),
                  ),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('sent'),
        ]),
    )
    .with('res', (qb) =>
      qb
        .selectFrom('response')
        .where('response.campaign_id', '=', campaignId)
        .groupBy('response.customer_id')
        .select((eb) => [
          'response.customer_id as customer_id',
          eb.fn.countAll<number>().as('started'),
          eb.fn.sum<number>(eb.case().when('response.status', '=', 'submitted').then(1).else(0).end()).as('submitted'),
        ]),
    )
    .with('fail', (qb) =>
      qb
        .selectFrom('outbox')
        .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
        .innerJoin('contact', 'contact.id', 'invitation.contact_id')
        .where('outbox.status', '=', 'failed')
        .where('outbox.kind', '=', 'invitation')
        .where('invitation.campaign_id', '=', campaignId)
        .groupBy('contact.customer_id')
        .select((eb) => ['contact.customer_id as customer_id', eb.fn.count<number>('outbox.invitation_id').distinct().as('failed')]),
    )
    .selectFrom('inv')
    .innerJoin('customer', 'customer.id', 'inv.customer_id')
    .leftJoin('res', 'res.customer_id', 'inv.customer_id')
    .leftJoin('fail', 'fail.customer_id', 'inv.customer_id')
    .$if(kamUserId !== null, (qb) => qb.where('customer.kam_user_id', '=', kamUserId))
    .groupBy('customer.segment')
    .select((eb) => [
      'customer.segment as segment',
      eb.fn.sum<number>('inv.invited').as('invited'),
      eb.fn.sum<number>('inv.sent').as('sent'),
      eb.fn.sum<number>(eb.fn.coalesce('fail.failed', sql.lit(0))).as('failed'),
      eb.fn.sum<number>('inv.opened').as('opened'),
      eb.fn.sum<number>(eb.fn.coalesce('res.started', sql.lit(0))).as('started'),
      eb.fn.sum<number>(eb.fn.coalesce('res.submitted', sql.lit(0))).as('submitted'),
    ])
    .orderBy('customer.segment', (ob) => ob.asc().nullsFirst())
    .execute();
  return rows.map((r) => ({
    segment: r.segment,
    invited: Number(r.invited ?? 0),
    sent: Number(r.sent ?? 0),
    failed: Number(r.failed ?? 0),
    opened: Number(r.opened ?? 0),
    started: Number(r.started ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}

/** The failed mails of a campaign's invitations (at most 500). */
export async function listFailureReasons(db: Db, campaignId: number, kamUserId: KamScope): Promise<{ email: string; kind: string; error: string | null }[]> {
  return db
    .selectFrom('outbox')
    .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['outbox.to_email as email', 'outbox.kind', 'outbox.last_error as error'])
    .where('invitation.campaign_id', '=', campaignId)
    .$if(kamUserId !== null, (qb) => qb.where('customer.kam_user_id', '=', kamUserId))
    .where('outbox.status', '=', 'failed')
    .orderBy('outbox.id')
    .limit(500)
    .execute();
}

export interface CampaignSkip {
  email: string;
  name: string | null;
  customerName: string;
  reason: SkipReason;
}

/** The contacts a campaign skipped, by address (at most 1,000). */
export async function listSkips(db: Db, campaignId: number, kamUserId: KamScope): Promise<CampaignSkip[]> {
  const rows = await db
    .selectFrom('campaign_skip')
    .innerJoin('contact', 'contact.id', 'campaign_skip.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select(['contact.email', 'contact.name', 'customer.name as customerName', 'campaign_skip.reason'])
    .where('campaign_skip.campaign_id', '=', campaignId)
    .$if(kamUserId !== null, (qb) => qb.where('customer.kam_user_id', '=', kamUserId))
    .orderBy('contact.email')
    .orderBy('contact.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...r, reason: r.reason as SkipReason }));
}

export async function countSkips(db: Db, campaignId: number, kamUserId: KamScope): Promise<number> {
  const row = await db
    .selectFrom('campaign_skip')
    .innerJoin('contact', 'contact.id', 'campaign_skip.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_skip.campaign_id', '=', campaignId)
    .$if(kamUserId !== null, (qb) => qb.where('customer.kam_user_id', '=', kamUserId))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A campaign's mails not yet sent (what closing would cancel). */
export async function countUnsentCampaignMails(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('invitation.campaign_id', '=', campaignId)
    .where('outbox.status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Responses of a campaign: submitted, and started but not submitted (what closing leaves unfinished). */
export async function countResponsesByStatus(db: Db, campaignId: number): Promise<{ submitted: number; unfinished: number }> {
  const row = await db
    .selectFrom('response')
    .select([
      sql<number>`sum(case when status = 'submitted' then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when status = 'submitted' then 0 else 1 end)`.as('unfinished'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return { submitted: Number(row.submitted ?? 0), unfinished: Number(row.unfinished ?? 0) };
}
