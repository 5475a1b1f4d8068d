import type { Db } from '../db/database';
import type { RowOf } from '../db/columns';

/** What a KAM alert about a response says, and to whom. */
export interface AlertSubject {
  responseId: number;
  campaignId: number;
  customerId: number;
  contactId: number;
  customerName: string;
  contactName: string | null;
  contactEmail: string;
  campaignName: string;
  /** The campaign's survey snapshot (JSON), for the questions' texts and types. */
  definition: string | null;
  kam: { id: number; name: string; email: string; language: string | null; isActive: boolean; alertMail: AlertMail };
}

import type { AlertMail } from '../accounts/user.repository';

export type { AlertMail };

/** The response with its account, contact and the account's KAM; undefined when the account has no KAM. */
export async function findAlertSubject(db: Db, responseId: number): Promise<AlertSubject | undefined> {
  const row = await db
    .selectFrom('response')
    .innerJoin('campaign', 'campaign.id', 'response.campaign_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .innerJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select([
      'response.id',
      'response.customer_id',
      'response.campaign_id',
      'response.contact_id',
      'campaign.name as campaign_name',
      'campaign.definition',
      'customer.name as customer_name',
      'contact.name as contact_name',
      'contact.email as contact_email',
      'kam.id as kam_id',
      'kam.name as kam_name',
      'kam.email as kam_email',
      'kam.language as kam_language',
      'kam.is_active as kam_active',
      'kam.alert_mail as kam_alert_mail',
    ])
    .where('response.id', '=', responseId)
    .executeTakeFirst();
  return (
    row && {
      responseId: row.id,
      campaignId: row.campaign_id,
      customerId: row.customer_id,
      contactId: row.contact_id,
      customerName: row.customer_name,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      campaignName: row.campaign_name,
      definition: row.definition,
      kam: { id: row.kam_id, name: row.kam_name, email: row.kam_email, language: row.kam_language, isActive: row.kam_active === 1, alertMail: row.kam_alert_mail === 'daily' ? 'daily' : 'each' },
    }
  );
}

/** Whether the response already raised a KAM alert (stored, or, before alerts were stored, mailed). */
export async function hasKamAlert(db: Db, responseId: number): Promise<boolean> {
  const stored = await db.selectFrom('kam_alert').select('id').where('response_id', '=', responseId).executeTakeFirst();
  if (stored) return true;
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'kam_alert')
    .where('ref_type', '=', 'response')
    .where('ref_id', '=', responseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The response's numeric answers (NPS and ratings among them), by question id. */
export async function listNumericAnswers(db: Db, responseId: number): Promise<{ questionId: string; value: number }[]> {
  const rows = await db
    .selectFrom('answer_value')
    .select(['question_id', 'value'])
    .where('response_id', '=', responseId)
    .where('value', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.value === null ? [] : [{ questionId: r.question_id, value: r.value }]));
}

export interface AlertAnswer {
  /** The question's id in the campaign's snapshot, to name it in the reader's language; absent on alerts stored before it was kept. */
  questionId?: string;
  /** The question's text in English when the alert was raised: shown when the snapshot no longer names it. */
  question: string;
  value: number;
  scale: string;
}

export interface NewKamAlert {
  responseId: number;
  campaignId: number;
  customerId: number;
  contactId: number;
  kamUserId: number;
  answers: AlertAnswer[];
}

/** Stores the alert; `mailedAt` when its mail was queued at once, null while it waits for the digest. */
export async function insertKamAlert(db: Db, alert: NewKamAlert, now: Date, mailedAt: Date | null): Promise<number> {
  const row = await db
    .insertInto('kam_alert')
    .values({
      response_id: alert.responseId,
      campaign_id: alert.campaignId,
      customer_id: alert.customerId,
      contact_id: alert.contactId,
      kam_user_id: alert.kamUserId,
      answers: JSON.stringify(alert.answers),
      created_at: now.toISOString(),
      mailed_at: mailedAt?.toISOString() ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An alert as the overview and the digest show it. */
export interface KamAlert {
  id: number;
  customerId: number;
  customerName: string;
  /** The account's KAM now (who sees and handles the alert). */
  accountKamId: number | null;
  contactName: string | null;
  contactEmail: string;
  campaignName: string;
  answers: AlertAnswer[];
  createdAt: string;
  handledAt: string | null;
  handledByName: string | null;
  /** The campaign's survey snapshot (JSON), to name the questions in the reader's language. */
  campaignDefinition: string | null;
}

function selectAlerts(db: Db) {
  return db
    .selectFrom('kam_alert')
    .innerJoin('customer', 'customer.id', 'kam_alert.customer_id')
    .innerJoin('contact', 'contact.id', 'kam_alert.contact_id')
    .innerJoin('campaign', 'campaign.id', 'kam_alert.campaign_id')
    .leftJoin('user as handler', 'handler.id', 'kam_alert.handled_by')
    .select([
      'kam_alert.id',
      'kam_alert.customer_id',
      'customer.name as customer_name',
      'customer.kam_user_id',
      'contact.name as contact_name',
      'contact.email as contact_email',
      'campaign.name as campaign_name',
      'campaign.definition as campaign_definition',
      'kam_alert.answers',
      'kam_alert.created_at',
      'kam_alert.handled_at',
      'handler.name as handler_name',
    ]);
}

type AlertRow = RowOf<typeof selectAlerts>;

function toKamAlert(r: AlertRow): KamAlert {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    accountKamId: r.kam_user_id,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    campaignName: r.campaign_name,
    answers: JSON.parse(r.answers) as AlertAnswer[],
    createdAt: r.created_at,
    handledAt: r.handled_at,
    handledByName: r.handler_name,
    campaignDefinition: r.campaign_definition,
  };
}

export async function findKamAlertById(db: Db, id: number): Promise<KamAlert | undefined> {
  const row = await selectAlerts(db).where('kam_alert.id', '=', id).executeTakeFirst();
  return row && toKamAlert(row);
}

/** Alerts not yet handled, newest first: of the accounts whose KAM is `kamUserId` now, or every account (null). */
export async function listOpenKamAlerts(db: Db, kamUserId: number | null, limit = 50): Promise<KamAlert[]> {
  let q = selectAlerts(db).where('kam_alert.handled_at', 'is', null);
  if (kamUserId !== null) q = q.where('customer.kam_user_id', '=', kamUserId);
  const rows = await q.orderBy('kam_alert.created_at', 'desc').orderBy('kam_alert.id', 'desc').limit(limit).execute();
  return rows.map(toKamAlert);
}

/** Counts the open alerts in the same scope as listOpenKamAlerts. */
export async function countOpenKamAlerts(db: Db, kamUserId: number | null): Promise<number> {
  let q = db.selectFrom('kam_alert').innerJoin('customer', 'customer.id', 'kam_alert.customer_id').where('kam_alert.handled_at', 'is', null);
  if (kamUserId !== null) q = q.where('customer.kam_user_id', '=', kamUserId);
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the alert handled unless it already is; returns whether this call did. */
export async function updateKamAlertHandled(db: Db, id: number, userId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('kam_alert')
    .set({ handled_at: now.toISOString(), handled_by: userId })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Active KAMs with alerts created before `before` and not mailed yet, by id. */
export async function listKamsWithUnmailedAlerts(db: Db, before: Date): Promise<{ id: number; name: string; email: string; language: string | null }[]> {
  return db
    .selectFrom('kam_alert')
    .innerJoin('user', 'user.id', 'kam_alert.kam_user_id')
    .select(['user.id', 'user.name', 'user.email', 'user.language'])
    .distinct()
    .where('kam_alert.mailed_at', 'is', null)
    .where('kam_alert.created_at', '<', before.toISOString())
    .where('user.is_active', '=', 1)
    .orderBy('user.id')
    .execute();
}

/** The KAM's alerts created before `before` and not mailed yet, oldest first. */
export async function listUnmailedAlertsOfKam(db: Db, kamUserId: number, before: Date): Promise<KamAlert[]> {
  const rows = await selectAlerts(db)
    .where('kam_alert.kam_user_id', '=', kamUserId)
    .where('kam_alert.mailed_at', 'is', null)
    .where('kam_alert.created_at', '<', before.toISOString())
    .orderBy('kam_alert.created_at')
    .orderBy('kam_alert.id')
    .execute();
  return rows.map(toKamAlert);
}

/** Marks the alerts mailed, only those still unmailed; returns how many this call marked. */
export async function updateKamAlertsMailed(db: Db, ids: number[], now: Date): Promise<number> {
  if (!ids.length) return 0;
  const result = await db.updateTable('kam_alert').set({ mailed_at: now.toISOString() }).where('id', 'in', ids).where('mailed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
