// Two KAMs with one account each, in two overlapping waves, for the KAM pages' HTTP and browser tests.
import type { Db } from '../../src/db/database';
import { createTeam, createUser } from './factories';
import { createContact, createCustomer, createDraftCampaign, ctx, submitResponse, testSystem } from './campaign-factories';
import { createCampaign, createCategory, createResponse, createTicket } from './ticket-factories';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { insertFollowupIfNew } from '../../src/tickets/followup.repository';
import { upsertSetting } from '../../src/settings/setting.repository';
import { refreshRankingTotals } from '../../src/db/ranking-totals.repository';

export const KAM_WORLD_NOW = new Date('2026-03-02T08:00:00.000Z');
const LAST_YEAR = '2025-02-10T10:00:00.000Z';

/**
 * Two KAMs, each with one account, in two overlapping waves: "Annual 2025" (closed, answered by
 * both accounts, with a resolved ticket and a follow-up) and "Annual 2026" (running, launched for
 * real so every invitation has its personal link).
 */
export async function buildTwoKamsWorld(db: Db) {
  await upsertSetting(db, 'organisation_name', 'Nordvik Logistics AB');
  await upsertSetting(db, 'organisation_sender_address', 'survey@nordvik.example');
  await upsertSetting(db, 'organisation_reply_to', 'quality@nordvik.example');
  const kam = await createUser(db, { role: 'kam', name: 'Karin Kam', email: 'karin.kam@nordvik.example' });
  const kam2 = await createUser(db, { role: 'kam', name: 'Kai Other', email: 'kai.other@nordvik.example' });
  const manager = await createUser(db, { role: 'manager' });
  const team = await createTeam(db, { name: 'Billing' });
  const member = await createUser(db, { role: 'member', teamId: team.id });
  const acme = await createCustomer(db, { name: 'Acme Oy', segment: 'Retail', kamUserId: kam.id, language: 'en' });
  const beta = await createCustomer(db, { name: 'Beta A/S', segment: 'Industry', kamUserId: kam2.id, language: 'en' });
  const anna = await createContact(db, acme, { email: 'anna@acme.example', name: 'Anna Andersson', language: 'en' });
  const cecilia = await createContact(db, acme, { email: 'cecilia@acme.example', name: 'Cecilia Carlsson', language: 'sv' });
  const olle = await createContact(db, acme, { email: 'olle@acme.example', name: 'Olle Optout', language: 'en' });
  const sune = await createContact(db, acme, { email: 'sune@acme.example', name: 'Sune Suppressed', language: 'en' });
  const bo = await createContact(db, beta, { email: 'bo@beta.example', name: 'Bo Beta', language: 'da' });

  // Last year's wave: both accounts answered; both mentioned invoicing, only Beta its own secret.
  const invoicing = await createCategory(db, { en: 'Invoicing', teamId: team.id });
  const betaOnly = await createCategory(db, { en: 'Pallet labels', teamId: team.id });
  const delivery = await createCategory(db, { en: 'Delivery times', teamId: team.id });
  const old = await createCampaign(db, { name: 'Annual 2025', template: 'annual-pds', status: 'closed', launchedAt: '2025-02-03T08:00:00.000Z', shape: { maxItems: 3, ratings: { q1: undefined }, nps: true } });
  await createResponse(db, old.id, acme, { problems: [{ categoryId: invoicing.id, rank: 1, text: 'Invoices arrive late every month' }], values: { q1: 3, nps: 6 } }, anna.id);
  await createResponse(db, old.id, beta, { problems: [{ categoryId: invoicing.id, rank: 1, text: 'Beta secret invoice complaint' }, { categoryId: betaOnly.id, rank: 2, text: 'Beta pallet labels smudge' }], values: { q1: 5, nps: 10 } }, bo.id);
  // Answered a year ago, so the new wave invites them again.
  await db.updateTable('invitation').set({ created_at: LAST_YEAR }).where('campaign_id', '=', old.id).execute();
  await db.updateTable('response').set({ submitted_at: LAST_YEAR }).where('campaign_id', '=', old.id).execute();
  const ticket = await createTicket(db, { teamId: team.id, campaignId: old.id, categoryId: invoicing.id, status: 'resolved', title: 'Invoices sent late' });
  await db.updateTable('ticket').set({ resolution_note: JSON.stringify({ en: 'Invoices now go out on the 1st.' }), resolved_at: '2025-06-01T10:00:00.000Z' }).where('id', '=', ticket.id).execute();
  const followupId = await insertFollowupIfNew(db, { ticketId: ticket.id, contactId: anna.id, language: 'en', tokenHash: 'followup-anna' }, KAM_WORLD_NOW);
  await db.updateTable('followup').set({ state: 'sent', sent_at: '2025-06-02T10:00:00.000Z', answered_at: '2025-06-03T10:00:00.000Z', is_helpful: 1, comment: 'Much better now' }).where('id', '=', followupId!).execute();
  await createTicket(db, { teamId: team.id, campaignId: old.id, categoryId: betaOnly.id, title: 'Smudged pallet labels' });

  // This year's wave, launched for real; its invitations delivered by the worker.
  const current = await createDraftCampaign(db, KAM_WORLD_NOW, { name: 'Annual 2026', closesAt: new Date('2026-03-31T22:00:00Z') });
  await launchCampaign(db, testSystem, current, ctx, KAM_WORLD_NOW);
  const annaInvitation = await db.selectFrom('invitation').select('id').where('campaign_id', '=', current).where('contact_id', '=', anna.id).executeTakeFirstOrThrow();
  await submitResponse(db, annaInvitation.id, KAM_WORLD_NOW);
  const response = await db.selectFrom('response').select('id').where('invitation_id', '=', annaInvitation.id).executeTakeFirstOrThrow();
  await db
    .insertInto('answer_value')
    .values([
      { response_id: response.id, campaign_id: current, question_id: 'overall_satisfaction', value: 4 },
      { response_id: response.id, campaign_id: current, question_id: 'nps', value: 9 },
      { response_id: response.id, campaign_id: current, question_id: 'problems', value: 1 },
    ])
    .execute();
  await db
    .insertInto('problem_mention')
    .values({ response_id: response.id, campaign_id: current, question_id: 'problems', rank: 1, text: 'Deliveries come a day late', language: 'en', category_id: delivery.id, created_at: KAM_WORLD_NOW.toISOString() })
    .execute();
  await refreshRankingTotals(db, current, [acme]);

  return { kam, kam2, manager, member, acme, beta, anna, cecilia, olle, sune, bo, current, old: old.id };
}
