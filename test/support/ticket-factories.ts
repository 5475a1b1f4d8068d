// Factories for the tickets tests: tickets through the tickets repository; rows of other features inserted directly.
import type { Db } from '../../src/db/database';
import { createTeam, createUser } from './factories';
import { createCampaign, createCategory, createContact, createCustomer, createResponse, type CampaignShape } from './analysis-factories';
import type { TicketEvidence, TicketStatus } from '../../src/tickets/ticket';
import { insertTicketIfNew, updateTicket } from '../../src/tickets/ticket.repository';
import { upsertSetting } from '../../src/settings/setting.repository';
import { APPROVAL_SETTING } from '../../src/tickets/followup';

export { createApiKey, createCampaign, createCategory, createContact, createCustomer, createResponse } from './analysis-factories';

let sequence = 0;
const next = () => ++sequence;
const NOW = new Date('2026-03-01T10:00:00.000Z');

/** A ticket of the team, routed from a new campaign and category unless given; built with the tickets repository. */
export async function createTicket(
  db: Db,
  o: { teamId: number; campaignId?: number; categoryId?: number; status?: TicketStatus; dueDate?: string; assigneeId?: number | null; title?: string },
) {
  const campaignId = o.campaignId ?? (await createCampaign(db)).id;
  const categoryId = o.categoryId ?? (await createCategory(db, { teamId: o.teamId })).id;
  const n = next();
  const evidence: TicketEvidence = {
    rank: 1,
    orderBy: 'points',
    points: 10,
    problemScore: null,
    share: 0.5,
    mentions: 2,
    respondents: 2,
    accounts: 2,
    meanRank: 1,
    verbatims: [],
    analysisUrl: `/campaigns/${campaignId}/problems`,
    filter: {},
  };
  const id = await insertTicketIfNew(
    db,
    { campaignId, categoryId, teamId: o.teamId, title: o.title ?? `Problem ${n}`, dueDate: o.dueDate ?? '2026-04-01', evidence, createdBy: null },
    NOW,
  );
  if (id === undefined) throw new Error(`campaign ${campaignId} already has a ticket for category ${categoryId}`);
  if (o.status !== undefined || o.assigneeId !== undefined) await updateTicket(db, id, { status: o.status, assigneeId: o.assigneeId }, NOW);
  return { id, campaignId, categoryId };
}

/** One contact of a new customer who listed `mentions` in the campaign (a submitted response). */
export async function createReporter(
  db: Db,
  campaignId: number,
  o: {
    mentions: { categoryId: number | null; rank: number; text?: string }[];
    language?: string;
    email?: string;
    name?: string;
    segment?: string;
    optedOut?: boolean;
    /** The KAM of the reporter's (new) account. */
    kamUserId?: number;
    customerName?: string;
  },
) {
  const customer = await createCustomer(db, { segment: o.segment ?? null, kamUserId: o.kamUserId ?? null, name: o.customerName });
  const contact = await createContact(db, customer.id, { email: o.email, name: o.name, language: o.language ?? 'en' });
  const response = await createResponse(
    db,
    campaignId,
    customer.id,
    { problems: o.mentions.map((m) => ({ ...m, language: o.language ?? 'en' })) },
    contact.id,
  );
  await db.updateTable('response').set({ language: o.language ?? 'en' }).where('id', '=', response.id).execute();
  if (o.optedOut) await db.updateTable('contact').set({ opted_out_at: NOW.toISOString() }).where('id', '=', contact.id).execute();
  return { customerId: customer.id, contactId: contact.id, email: contact.email, responseId: response.id };
}

export type { CampaignShape };

/** Follow-ups wait for approval from now on (the admin's ticket setting), through the settings owner. */
export async function requireFollowupApproval(db: Db): Promise<void> {
  await upsertSetting(db, APPROVAL_SETTING, '1');
}

/** The start of a follow-up world: a team with a member, a campaign, and the team's Invoicing and Delivery categories. */
export async function createTeamWithTwoCategories(db: Db) {
  const team = await createTeam(db);
  const member = await createUser(db, { role: 'member', teamId: team.id });
  const campaign = await createCampaign(db);
  const invoicing = await createCategory(db, { en: 'Invoicing', teamId: team.id });
  const delivery = await createCategory(db, { en: 'Delivery', teamId: team.id });
  return { team, member, campaign, invoicing, delivery };
}
