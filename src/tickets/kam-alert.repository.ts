import type { Db } from '../db/database';

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
  kam: { id: number; name: string; email: string; isActive: boolean };
}

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
      'kam.is_active as kam_active',
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
      kam: { id: row.kam_id, name: row.kam_name, email: row.kam_email, isActive: row.kam_active === 1 },
    }
  );
}

/** Whether a KAM alert about the response is already in the outbox (whatever its state). */
export async function hasKamAlert(db: Db, responseId: number): Promise<boolean> {
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
