// The overview's own counts: what no other page needs in this shape. Every figure a KAM sees is
// filtered in SQL to the accounts they are KAM of.
import type { Db } from '../db/database';
import { ACTIVE_STATUSES } from '../tickets/ticket';

export interface CampaignWork {
  id: number;
  name: string;
  status: string;
  uncoded: number;
  /** Coded problems with an owning team and no ticket in this campaign yet. */
  routable: number;
}

/** Running and closed campaigns, newest first, with their uncoded mentions and the problems ready to route. */
export async function listCampaignWork(db: Db, limit = 5): Promise<CampaignWork[]> {
  const rows = await db
    .selectFrom('campaign')
    .select((eb) => [
      'campaign.id',
      'campaign.name',
      'campaign.status',
      eb
        .selectFrom('problem_mention')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('problem_mention.campaign_id', '=', 'campaign.id')
        .where('problem_mention.category_id', 'is', null)
        .as('uncoded'),
      eb
        .selectFrom('problem_mention')
        .innerJoin('problem_category', 'problem_category.id', 'problem_mention.category_id')
        .select((sub) => sub.fn.count<number>('problem_mention.category_id').distinct().as('n'))
        .whereRef('problem_mention.campaign_id', '=', 'campaign.id')
        .where('problem_category.team_id', 'is not', null)
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('ticket')
                .select('ticket.id')
                .whereRef('ticket.campaign_id', '=', 'campaign.id')
                .whereRef('ticket.category_id', '=', 'problem_mention.category_id'),
            ),
          ),
        )
        .as('routable'),
    ])
    .where('campaign.status', 'in', ['running', 'closed'])
    .orderBy('campaign.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, uncoded: Number(r.uncoded ?? 0), routable: Number(r.routable ?? 0) }));
}

export interface NotHelpfulTicket {
  ticketId: number;
  title: string;
  notHelpful: number;
  lastAnsweredAt: string;
}

/** Tickets whose follow-ups were answered "No, it did not help", most recently answered first. */
export async function listNotHelpfulTickets(db: Db, limit = 10): Promise<{ tickets: NotHelpfulTicket[]; total: number }> {
  const rows = await db
    .selectFrom('followup')
    .innerJoin('ticket', 'ticket.id', 'followup.ticket_id')
    .select((eb) => ['ticket.id', 'ticket.title', eb.fn.countAll<number>().as('n'), eb.fn.max('followup.answered_at').as('last')])
    .where('followup.is_helpful', '=', 0)
    .groupBy(['ticket.id', 'ticket.title'])
    .orderBy('last', 'desc')
    .orderBy('ticket.id')
    .execute();
  const tickets = rows.map((r) => ({ ticketId: r.id, title: r.title, notHelpful: Number(r.n), lastAnsweredAt: String(r.last ?? '') }));
  return { tickets: tickets.slice(0, limit), total: tickets.reduce((sum, t) => sum + t.notHelpful, 0) };
}

export interface UnansweredAccounts {
  campaignId: number;
  campaignName: string;
  /** The KAM's accounts invited to the campaign. */
  invited: number;
  /** Of those, the accounts with no submitted response yet. */
  unanswered: number;
}

/** For each running campaign, the KAM's invited accounts and how many have not answered yet. */
export async function listUnansweredAccountsOfKam(db: Db, kamUserId: number): Promise<UnansweredAccounts[]> {
  const rows = await db
    .selectFrom('invitation')
    .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select((eb) => [
      'campaign.id',
      'campaign.name',
      eb.fn.count<number>('customer.id').distinct().as('invited'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('response')
                  .select('response.id')
                  .whereRef('response.campaign_id', '=', 'campaign.id')
                  .whereRef('response.customer_id', '=', 'customer.id')
                  .where('response.status', '=', 'submitted'),
              ),
            )
            .then(eb.ref('customer.id'))
            .else(null)
            .end(),
        )
        .distinct()
        .as('answered'),
    ])
    .where('campaign.status', '=', 'running')
    .where('customer.kam_user_id', '=', kamUserId)
    .groupBy(['campaign.id', 'campaign.name'])
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((r) => ({ campaignId: r.id, campaignName: r.name, invited: Number(r.invited), unanswered: Number(r.invited) - Number(r.answered) }));
}

export interface AccountTicket {
  id: number;
  title: string;
  status: string;
  dueDate: string;
  teamName: string;
  /** The KAM's accounts that reported the ticket's problem in its campaign. */
  accounts: number;
}

/** Active tickets about problems the KAM's accounts reported, soonest due first. */
export async function listActiveTicketsOnAccountsOfKam(db: Db, kamUserId: number, limit = 20): Promise<AccountTicket[]> {
  const rows = await db
    .selectFrom('ticket')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .innerJoin('problem_mention', (j) => j.onRef('problem_mention.campaign_id', '=', 'ticket.campaign_id').onRef('problem_mention.category_id', '=', 'ticket.category_id'))
    .innerJoin('response', 'response.id', 'problem_mention.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .select((eb) => ['ticket.id', 'ticket.title', 'ticket.status', 'ticket.due_date', 'team.name as team_name', eb.fn.count<number>('customer.id').distinct().as('accounts')])
    .where('customer.kam_user_id', '=', kamUserId)
    .where('ticket.status', 'in', ACTIVE_STATUSES)
    .groupBy(['ticket.id', 'ticket.title', 'ticket.status', 'ticket.due_date', 'team.name'])
    .orderBy('ticket.due_date')
    .orderBy('ticket.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, dueDate: r.due_date, teamName: r.team_name, accounts: Number(r.accounts) }));
}

export async function countSuppressions(db: Db): Promise<number> {
  const row = await db.selectFrom('suppression').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
