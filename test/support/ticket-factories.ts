// Factories for the tickets tests: rows of other features inserted directly.
import type { Db } from '../../src/db/database';
import { createCampaign, createCategory, createContact, createCustomer, createResponse, type CampaignShape } from './analysis-factories';
import type { TicketStatus } from '../../src/tickets/ticket';

export { createApiKey, createCampaign, createCategory, createContact, createCustomer, createResponse } from './analysis-factories';

let sequence = 0;
const next = () => ++sequence;
const NOW = '2026-03-01T10:00:00.000Z';

export async function createTicket(
  db: Db,
  o: { teamId: number; campaignId?: number; categoryId?: number; status?: TicketStatus; dueDate?: string; assigneeId?: number | null; title?: string },
) {
  const campaignId = o.campaignId ?? (await createCampaign(db)).id;
  const categoryId = o.categoryId ?? (await createCategory(db, { teamId: o.teamId })).id;
  const n = next();
  const row = await db
    .insertInto('ticket')
    .values({
      campaign_id: campaignId,
      category_id: categoryId,
      team_id: o.teamId,
      title: o.title ?? `Problem ${n}`,
      status: o.status ?? 'open',
      assignee_id: o.assigneeId ?? null,
      due_date: o.dueDate ?? '2026-04-01',
      evidence: JSON.stringify({
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
      }),
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, campaignId, categoryId };
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
  },
) {
  const customer = await createCustomer(db, { segment: o.segment ?? null });
  const contact = await createContact(db, customer.id, { email: o.email, name: o.name, language: o.language ?? 'en' });
  const response = await createResponse(
    db,
    campaignId,
    customer.id,
    { problems: o.mentions.map((m) => ({ ...m, language: o.language ?? 'en' })) },
    contact.id,
  );
  await db.updateTable('response').set({ language: o.language ?? 'en' }).where('id', '=', response.id).execute();
  if (o.optedOut) await db.updateTable('contact').set({ opted_out_at: NOW }).where('id', '=', contact.id).execute();
  return { customerId: customer.id, contactId: contact.id, email: contact.email, responseId: response.id };
}

export type { CampaignShape };
