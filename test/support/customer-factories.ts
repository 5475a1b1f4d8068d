import type { Db } from '../../src/db/database';
import { insertContact, insertCustomer } from '../../src/customers/customer.repository';
import { insertCampaign } from '../../src/campaigns/campaign.repository';
import { insertInvitations } from '../../src/campaigns/invitation.repository';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import { upsertResponse } from '../../src/surveys/response.repository';

// Factories build rows through the repositories, as the app writes them; each returns the new
// id with the values it used.

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

/** A response of a contact in a (minimal, closed) campaign, submitted at `submittedAt` (or partial when null). */
export async function createResponse(db: Db, contact: { id: number; customerId: number }, submittedAt: Date | null) {
  const n = next();
  const at = submittedAt ?? new Date();
  const campaignId = await insertCampaign(
    db,
    {
      name: `Wave ${n}`,
      template: 'annual-pds',
      status: 'closed',
      audience: { notEvaluatedDays: 0 },
      startsAt: null,
      closesAt: at.toISOString(),
      reminderAfterDays: 7,
      reminderMax: 0,
      mail: DEFAULT_MAIL,
    },
    null,
    at,
  );
  const invitations = await insertInvitations(db, campaignId, [{ contactId: contact.id, tokenHash: `hash-${n}`, salt: `salt-${n}` }], at);
  const id = await upsertResponse(db, {
    invitationId: invitations.get(contact.id)!,
    campaignId,
    customerId: contact.customerId,
    contactId: contact.id,
    language: 'en',
    answers: '{}',
    status: submittedAt ? 'submitted' : 'partial',
    now: at.toISOString(),
  });
  return { id, campaignId };
}
