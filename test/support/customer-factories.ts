import type { Db } from '../../src/db/database';
import { insertContact, insertCustomer } from '../../src/customers/customer.repository';

let sequence = 0;
const next = () => ++sequence;

export async function createCustomer(
  db: Db,
  overrides: { name?: string; ref?: string | null; segment?: string | null; region?: string | null; kamUserId?: number | null; relationship?: string | null; language?: string } = {},
) {
  const n = next();
  const values = {
    name: overrides.name ?? `Customer ${n}`,
    ref: overrides.ref ?? null,
    segment: overrides.segment ?? null,
    region: overrides.region ?? null,
    kamUserId: overrides.kamUserId ?? null,
    relationship: overrides.relationship ?? null,
    language: overrides.language ?? 'en',
  };
  const id = await insertCustomer(db, values, new Date());
  return { id, ...values };
}

export async function createContact(db: Db, customerId: number, overrides: { email?: string; name?: string | null; language?: string | null } = {}) {
  const n = next();
  const values = { customerId, email: overrides.email ?? `contact${n}@example.com`, name: overrides.name ?? `Contact ${n}`, language: overrides.language ?? null };
  const id = await insertContact(db, values, new Date());
  return { id, ...values };
}

/** A response of a contact in a (minimal) campaign, submitted at `submittedAt` (or partial when null). */
export async function createResponse(db: Db, contact: { id: number; customerId: number }, submittedAt: Date | null) {
  const n = next();
  const at = (submittedAt ?? new Date()).toISOString();
  const campaign = await db
    .insertInto('campaign')
    .values({ name: `Wave ${n}`, template: 'annual-pds', closes_at: at, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const invitation = await db
    .insertInto('invitation')
    .values({ campaign_id: campaign.id, contact_id: contact.id, token_hash: `hash-${n}`, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('response')
    .values({
      invitation_id: invitation.id,
      campaign_id: campaign.id,
      customer_id: contact.customerId,
      contact_id: contact.id,
      language: 'en',
      status: submittedAt ? 'submitted' : 'partial',
      started_at: at,
      updated_at: at,
      submitted_at: submittedAt ? at : null,
    })
    .execute();
}
