import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { addDays } from '../shared/time';
import { enqueueMail } from '../mail/outbox.repository';
import { rankProblems } from '../analysis/ranking.repository';
import { campaignQuestions } from '../analysis/campaign-questions';
import type { AnalysisFilter, RankedProblem } from '../analysis/analysis';
import { dateOnly, pickVerbatims, type TicketEvidence } from './ticket';
import { canRouteProblems } from './ticket.policy';
import {
  findDueDays,
  findTeamMail,
  findTicketIdByCampaignCategory,
  insertActivity,
  insertTicketIfNew,
  listCategoryTeams,
  listTicketIdsByCategory,
} from './ticket.repository';
import { ticketCreatedMail } from './ticket-mail';
import type { TicketContext } from './ticket.service';
import type { RouteSelection } from './ticket.schemas';

export type SkipReason = 'no_owning_team' | 'already_routed';

export interface RoutingCandidate {
  problem: RankedProblem;
  teamId: number | null;
  teamName: string | null;
  /** Set when the category cannot or need not be routed. */
  skip: SkipReason | null;
  existingTicketId: number | null;
}

export interface RoutingPreview {
  campaign: { id: number; name: string };
  orderBy: 'points' | 'problem_score';
  filter: AnalysisFilter;
  candidates: RoutingCandidate[];
}

function filterOf(s: RouteSelection): AnalysisFilter {
  const f: AnalysisFilter = {};
  if (s.segment?.length) f.segment = s.segment;
  if (s.region?.length) f.region = s.region;
  if (s.kamUserId?.length) f.kamUserId = s.kamUserId;
  if (s.relationship?.length) f.relationship = s.relationship;
  return f;
}

function scoreOf(p: RankedProblem, orderBy: 'points' | 'problem_score'): number {
  return orderBy === 'points' ? p.points : (p.problemScore ?? 0);
}

/**
 * Which categories "route top problems" would create tickets for, read-only: the top N of
 * the ranked list (rankProblems) or every category at or above the score, leaving out
 * categories nobody reported. Categories without an owning team, and categories of this
 * campaign that already have a ticket, are listed with the reason they are skipped.
 * @throws ForbiddenError (not a manager), NotFoundError (no campaign)
 */
export async function previewRouting(db: Db, user: CurrentUser, campaignId: number, selection: RouteSelection): Promise<RoutingPreview> {
  if (!canRouteProblems(user)) throw new ForbiddenError('only quality managers route problems');
  const campaign = await db.selectFrom('campaign').select(['id', 'name', 'definition']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const orderBy = campaignQuestions(campaign.definition).problemList ? 'points' : 'problem_score';
  const filter = filterOf(selection);
  const ranked = (await rankProblems(db, campaignId, filter)).filter((p) => scoreOf(p, orderBy) > 0);
  const chosen = selection.top !== undefined ? ranked.slice(0, selection.top) : ranked.filter((p) => scoreOf(p, orderBy) >= (selection.minScore ?? 0));
  const [teams, existing] = await Promise.all([listCategoryTeams(db, chosen.map((p) => p.categoryId)), listTicketIdsByCategory(db, campaignId)]);
  const candidates = chosen.map((problem): RoutingCandidate => {
    const { teamId = null, teamName = null } = teams.get(problem.categoryId) ?? {};
    const existingTicketId = existing.get(problem.categoryId) ?? null;
    return { problem, teamId, teamName, existingTicketId, skip: existingTicketId ? 'already_routed' : teamId === null ? 'no_owning_team' : null };
  });
  return { campaign: { id: campaign.id, name: campaign.name }, orderBy, filter, candidates };
}

export interface RoutingResult {
  created: { ticketId: number; categoryId: number; category: string; teamId: number; rank: number }[];
  skipped: { categoryId: number; category: string; reason: SkipReason; ticketId: number | null }[];
}

/**
 * Creates one ticket per chosen category for its owning team, with its evidence fixed now,
 * and mails each team through the outbox, all in one transaction. Routing the same
 * category of the same campaign again never makes a second ticket (a unique key backs
 * this even for two managers routing at once).
 * @throws ForbiddenError, NotFoundError
 */
export async function routeProblems(db: Db, user: CurrentUser, campaignId: number, selection: RouteSelection, ctx: TicketContext): Promise<RoutingResult> {
  return db.transaction().execute(async (trx) => {
    const preview = await previewRouting(trx, user, campaignId, selection);
    const dueDate = dateOnly(addDays(ctx.now, await findDueDays(trx)));
    const result: RoutingResult = { created: [], skipped: [] };
    for (const c of preview.candidates) {
      const p = c.problem;
      if (c.skip || c.teamId === null) {
        result.skipped.push({ categoryId: p.categoryId, category: p.category, reason: c.skip ?? 'no_owning_team', ticketId: c.existingTicketId });
        continue;
      }
      const evidence: TicketEvidence = {
        rank: p.rank,
        orderBy: preview.orderBy,
        points: p.points,
        problemScore: p.problemScore,
        share: p.share,
        mentions: p.mentions,
        respondents: p.respondents,
        accounts: p.accounts,
        meanRank: p.meanRank,
        verbatims: await verbatimsOf(trx, campaignId, p.categoryId, preview.filter),
        analysisUrl: `/campaigns/${campaignId}/problems`,
        filter: preview.filter as Record<string, unknown>,
      };
      const title = p.category;
      const ticketId = await insertTicketIfNew(trx, { campaignId, categoryId: p.categoryId, teamId: c.teamId, title, dueDate, evidence, createdBy: user.id }, ctx.now);
      if (ticketId === undefined) {
        const existing = await findTicketIdByCampaignCategory(trx, campaignId, p.categoryId);
        result.skipped.push({ categoryId: p.categoryId, category: p.category, reason: 'already_routed', ticketId: existing ?? null });
        continue;
      }
      await insertActivity(trx, { ticketId, userId: user.id, action: 'created', detail: `routed to ${c.teamName} (rank ${p.rank})` }, ctx.now);
      const team = await findTeamMail(trx, c.teamId);
      if (team) {
        await enqueueMail(trx, ticketCreatedMail({ id: ticketId, title, teamName: team.name, dueDate, campaignName: preview.campaign.name }, team, ctx.baseUrl), ctx.now);
      }
      result.created.push({ ticketId, categoryId: p.categoryId, category: p.category, teamId: c.teamId, rank: p.rank });
    }
    return result;
  });
}

/** The mentions of a category in the campaign (for the routed part of the base), most telling first. */
async function verbatimsOf(db: Db, campaignId: number, categoryId: number, filter: AnalysisFilter) {
  let q = db
    .selectFrom('problem_mention')
    .innerJoin('response', 'response.id', 'problem_mention.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .select(['problem_mention.text', 'problem_mention.language', 'problem_mention.rank'])
    .where('problem_mention.campaign_id', '=', campaignId)
    .where('problem_mention.category_id', '=', categoryId)
    .where('response.status', '=', 'submitted');
  if (filter.segment) q = q.where('customer.segment', 'in', filter.segment);
  if (filter.region) q = q.where('customer.region', 'in', filter.region);
  if (filter.relationship) q = q.where('customer.relationship', 'in', filter.relationship);
  if (filter.kamUserId) q = q.where('customer.kam_user_id', 'in', filter.kamUserId);
  const rows = await q.limit(2000).execute();
  return pickVerbatims(rows.map((r) => ({ text: r.text, language: r.language, rank: r.rank })));
}
