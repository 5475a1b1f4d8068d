// The overview's world: two KAMs with accounts in a running wave, two teams with a ticket each,
// and something for every figure of every role (test/http/dashboard.test.ts, test/e2e/dashboard.e2e.test.ts).
import type { Db } from '../../src/db/database';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { insertFollowupIfNew } from '../../src/tickets/followup.repository';
import { insertKamAlert } from '../../src/tickets/kam-alert.repository';
import { createTeam, createUser } from './factories';
import { createCampaign, createCategory, createContact, createCustomer, createResponse, createTicket } from './ticket-factories';

export const DASHBOARD_NOW = new Date('2026-05-01T09:00:00.000Z');
const NOW = DASHBOARD_NOW;

/**
 * Two KAMs with accounts in a running wave, two teams with a ticket each, a coded problem ready
 * to route, an uncoded mention, a "did not help" answer, an alert per KAM and some mail.
 */
export async function buildDashboardWorld(db: Db) {
  const billing = await createTeam(db, { name: 'Billing' });
  const logistics = await createTeam(db, { name: 'Logistics' });
  const users = {
    admin: await createUser(db, { role: 'admin' }),
    manager: await createUser(db, { role: 'manager' }),
    member: await createUser(db, { role: 'member', teamId: billing.id }),
    member2: await createUser(db, { role: 'member', teamId: logistics.id }),
    kam: await createUser(db, { role: 'kam', name: 'Kim Own' }),
    kam2: await createUser(db, { role: 'kam', name: 'Kai Other' }),
  };
  const invoicing = await createCategory(db, { en: 'Invoicing', teamId: billing.id });
  const delivery = await createCategory(db, { en: 'Delivery', teamId: logistics.id });
  const portal = await createCategory(db, { en: 'Portal', teamId: billing.id });
  const campaign = await createCampaign(db, { name: 'Annual 2026', status: 'running', shape: { maxItems: 3, nps: true } });
  const own = await createCustomer(db, { name: 'Own Answered AB', segment: 'Retail', kamUserId: users.kam.id });
  const ownSilent = await createCustomer(db, { name: 'Own Silent AB', segment: 'Retail', kamUserId: users.kam.id });
  const other = await createCustomer(db, { name: 'Other Answered ApS', segment: 'Industry', kamUserId: users.kam2.id });
  const otherSilent = [
    await createCustomer(db, { name: 'Other Silent One ApS', segment: 'Industry', kamUserId: users.kam2.id }),
    await createCustomer(db, { name: 'Other Silent Two ApS', segment: 'Industry', kamUserId: users.kam2.id }),
  ];
  const ownContact = await createContact(db, own.id, { email: 'anna@own.example', name: 'Anna Own' });
  const otherContact = await createContact(db, other.id, { email: 'bo@other.example', name: 'Bo Other' });
  const ownResponse = await createResponse(
    db,
    campaign.id,
    own.id,
    { problems: [{ categoryId: invoicing.id, rank: 1, text: 'invoices late' }, { categoryId: null, rank: 2, text: 'something unclear' }], values: { nps: 2 } },
    ownContact.id,
  );
  const otherResponse = await createResponse(
    db,
    campaign.id,
    other.id,
    { problems: [{ categoryId: delivery.id, rank: 1, text: 'deliveries late' }, { categoryId: portal.id, rank: 2, text: 'portal slow' }], values: { nps: 1 } },
    otherContact.id,
  );
  // Invited, not answered.
  for (const c of [ownSilent, ...otherSilent]) {
    const contact = await createContact(db, c.id);
    await db.insertInto('invitation').values({ campaign_id: campaign.id, contact_id: contact.id, token_hash: `silent-${contact.id}`, created_at: NOW.toISOString() }).execute();
  }
  const invoiceTicket = await createTicket(db, { teamId: billing.id, campaignId: campaign.id, categoryId: invoicing.id, title: 'Late invoices', dueDate: '2026-04-15' });
  const deliveryTicket = await createTicket(db, { teamId: logistics.id, campaignId: campaign.id, categoryId: delivery.id, title: 'Late deliveries', status: 'in_progress', dueDate: '2026-06-30' });
  await insertFollowupIfNew(db, { ticketId: invoiceTicket.id, contactId: ownContact.id, language: 'en', tokenHash: 'not-helpful' }, NOW);
  await db.updateTable('followup').set({ state: 'sent', answered_at: NOW.toISOString(), is_helpful: 0 }).where('token_hash', '=', 'not-helpful').execute();
  const answers = [{ question: 'Recommend us?', value: 2, scale: '0–10' }];
  const ownAlert = await insertKamAlert(db, { responseId: ownResponse.id, campaignId: campaign.id, customerId: own.id, contactId: ownContact.id, kamUserId: users.kam.id, answers }, NOW, NOW);
  const otherAlert = await insertKamAlert(db, { responseId: otherResponse.id, campaignId: campaign.id, customerId: other.id, contactId: otherContact.id, kamUserId: users.kam2.id, answers }, NOW, NOW);
  for (const to of ['q1@example.com', 'q2@example.com']) await enqueueMail(db, { kind: 'test', to, subject: 'Queued', text: 't', html: 'h' }, NOW);
  const failed = await enqueueMail(db, { kind: 'test', to: 'bounced@example.com', subject: 'Bounced', text: 't', html: 'h' }, NOW);
  await db.updateTable('outbox').set({ status: 'failed', attempts: 1, last_error: '550 no such user' }).where('id', '=', failed).execute();
  await db.insertInto('suppression').values({ email: 'bounced@example.com', reason: '550 no such user', created_at: NOW.toISOString() }).execute();
  return { users, campaign, invoiceTicket, deliveryTicket, ownAlert, otherAlert, own, ownContact };
}

export type DashboardWorld = Awaited<ReturnType<typeof buildDashboardWorld>>;
