// Two annual waves with answers, problems, tickets and a resolved problem from last year: the
// world the report tests read figures from (each number below is worked out in its comment).
import type { Db } from '../../src/db/database';
import { createTestDb } from './test-db';
import { createTeam, createUser } from './factories';
import { createCampaign, createCategory, createContact, createCustomer, createResponse, createTicket } from './ticket-factories';

const SHAPE = { maxItems: 5, ratings: { overall: undefined, delivery: 'delivery' }, nps: true };

export async function buildReportWorld(db: Db) {
  const team = await createTeam(db, { name: 'Logistics' });
  const manager = await createUser(db, { role: 'manager' });
  const member = await createUser(db, { role: 'member', teamId: team.id });
  const kam = await createUser(db, { role: 'kam', name: 'Kim Own' });
  const kam2 = await createUser(db, { role: 'kam', name: 'Kai Other' });
  const late = await createCategory(db, { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Sene leveringer', teamId: team.id });
  const invoicing = await createCategory(db, { en: 'Invoicing', sv: 'Fakturering', da: 'Fakturering', teamId: team.id });
  const formula = await createCategory(db, { en: '=HYPERLINK("http://x.example")', teamId: team.id });
  const before = await createCampaign(db, { name: 'Annual 2025', launchedAt: '2025-03-01T00:00:00.000Z', shape: SHAPE });
  const wave = await createCampaign(db, { name: 'Annual 2026', launchedAt: '2026-03-01T00:00:00.000Z', shape: SHAPE });

  const svenska = await createCustomer(db, { name: 'Svenska Stål AB', segment: 'Retail', kamUserId: kam.id });
  const british = await createCustomer(db, { name: 'British Bolts Ltd', segment: 'Retail', kamUserId: kam2.id });
  const dansk = await createCustomer(db, { name: 'Dansk Drift ApS', segment: 'Industry', kamUserId: kam2.id });
  const other = await createCustomer(db, { name: 'Other Oy', segment: 'Industry' });
  const anna = await createContact(db, svenska.id, { email: 'anna@stal.example', name: 'Anna', language: 'sv' });
  await createContact(db, svenska.id, { email: 'bo@stal.example', name: 'Bo', language: 'sv' });

  // 2025: 2 of 2 answered; overall 2 and 3 (mean 2.50); NPS 9 and 5 (+0); invoicing at rank 1 twice (10 points, 100 %).
  await createResponse(db, before.id, svenska.id, { values: { overall: 2, delivery: 2, nps: 9 }, problems: [{ categoryId: invoicing.id, rank: 1, text: 'Fakturorna stämmer inte' }] }, anna.id);
  await createResponse(db, before.id, british.id, { values: { overall: 3, delivery: 4, nps: 5 }, problems: [{ categoryId: invoicing.id, rank: 1, text: 'Invoices are wrong' }] });
  const resolvedBefore = await createTicket(db, { teamId: team.id, campaignId: before.id, categoryId: invoicing.id, status: 'resolved' });
  await db.updateTable('ticket').set({ resolved_at: '2025-06-01T00:00:00.000Z' }).where('id', '=', resolvedBefore.id).execute();

  // 2026: 4 of 6 invited answered (66.7 %); overall 4, 2, 5, 3 (mean 3.50); delivery 3, 2, 4, 3 (3.00);
  // NPS 9, 3, 10, 7: 2 promoters, 1 detractor of 4 (+25). Late deliveries 5 + 5 = 10 points,
  // invoicing 4 + 5 = 9 (2 of 4: 50.0 %), the formula-looking category 3.
  await createResponse(db, wave.id, svenska.id, {
    values: { overall: 4, delivery: 3, nps: 9 },
    problems: [
      { categoryId: late.id, rank: 1, text: 'Leveranserna kommer för sent' },
      { categoryId: invoicing.id, rank: 2, text: 'Fakturorna är fel' },
      { categoryId: null, rank: 3, text: 'Svårt att nå kundtjänst' },
    ],
  }, anna.id);
  await createResponse(db, wave.id, british.id, { values: { overall: 2, delivery: 2, nps: 3 }, problems: [{ categoryId: late.id, rank: 1, text: 'Deliveries late again' }, { categoryId: formula.id, rank: 3, text: 'odd one' }] });
  await createResponse(db, wave.id, dansk.id, { values: { overall: 5, delivery: 4, nps: 10 }, problems: [{ categoryId: invoicing.id, rank: 1, text: 'Fakturaen er forkert' }] });
  await createResponse(db, wave.id, other.id, { values: { overall: 3, delivery: 3, nps: 7 }, problems: [] });
  for (const customerId of [dansk.id, other.id]) {
    const contact = await createContact(db, customerId);
    await db.insertInto('invitation').values({ campaign_id: wave.id, contact_id: contact.id, token_hash: `unanswered-${contact.id}`, created_at: '2026-03-01T00:00:00.000Z' }).execute();
  }
  const lateTicket = await createTicket(db, { teamId: team.id, campaignId: wave.id, categoryId: late.id, status: 'in_progress' });
  const invoicingTicket = await createTicket(db, { teamId: team.id, campaignId: wave.id, categoryId: invoicing.id, status: 'resolved' });
  await db
    .updateTable('ticket')
    .set({ resolved_at: '2026-05-04T10:00:00.000Z', resolution_note: JSON.stringify({ en: 'Invoice numbers are now checked before sending.', sv: 'Fakturanumren kontrolleras nu innan de skickas.' }) })
    .where('id', '=', invoicingTicket.id)
    .execute();
  return { team, manager, member, kam, kam2, late, invoicing, before, wave, svenska, british, lateTicket, invoicingTicket };
}

export type ReportWorld = Awaited<ReturnType<typeof buildReportWorld>>;

/** One database with the report world, built once for the enclosing describe block (its tests read it). */
export function sharedReportWorld(assign: (db: Db, world: ReportWorld) => void): void {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await createTestDb();
    assign(db, await buildReportWorld(db));
  });
  afterAll(() => db?.destroy());
}

/** A page's text as a reader sees it: tags dropped, the usual entities decoded, white space folded. */
export const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
