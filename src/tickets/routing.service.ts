import type { Db } from '../db/database';
import { getMailSite } from '../organisation/organisation.service';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { addDays } from '../shared/time';
import { enqueueMail } from '../mail/outbox.repository';
import { findTeamById, listTeams } from '../accounts/team.repository';
import { findCategoryById, findCategoryNames } from '../catalogue/catalogue.repository';
import { categoryNameIn } from '../catalogue/catalogue';
import { DEFAULT_LANGUAGE } from '../shared/languages';
import { editCategory } from '../catalogue/catalogue.service';
import { listCustomerValues } from '../customers/customer.repository';
import { rankProblems } from '../analysis/ranking.service';
import { listVerbatimsByCategory } from '../analysis/analysis.repository';
import { campaignQuestions } from '../analysis/campaign-questions';
import type { AnalysisFilter, RankedProblem, RankOrder } from '../analysis/analysis';
import { dateOnly } from './ticket';
import { analysisFilterOf, chooseProblems, evidenceOf, rankOrderOf, skipReasonOf, type ProblemSelection, type SkipReason } from './routing';
import { canListTickets, canRouteProblems, ticketTeamScope } from './ticket.policy';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';
import { findTicketCampaign, findTicketIdByCampaignCategory, insertTicketIfNew, listCategoryTeams, listTicketIdsByCategory } from './ticket.repository';
import { insertActivity } from './ticket-activity.repository';
import { ticketCreatedMail } from './ticket-mail';
import { readDueDays } from './ticket-settings.service';
import type { TicketContext } from './ticket.service';

/** Mentions read per category when picking a ticket's verbatims. */
const VERBATIM_CANDIDATES = 2000;

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
  orderBy: RankOrder;
  filter: AnalysisFilter;
  candidates: RoutingCandidate[];
}

/** @throws ForbiddenError (not a manager), NotFoundError (no campaign) */
async function findCampaignToRoute(db: Db, user: CurrentUser, campaignId: number) {
  if (!canRouteProblems(user)) throw new ForbiddenError('only quality managers route problems');
  const campaign = await findTicketCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  return campaign;
}

/**
 * Which categories "route top problems" would create tickets for, read-only: the top N of
 * the ranked list (rankProblems) or every category at or above the score, leaving out
 * categories nobody reported. Categories without an owning team, and categories of this
 * campaign that already have a ticket, are listed with the reason they are skipped.
 * @throws ForbiddenError (not a manager), NotFoundError (no campaign)
 */
export async function previewRouting(db: Db, user: CurrentUser, campaignId: number, selection: ProblemSelection): Promise<RoutingPreview> {
  const campaign = await findCampaignToRoute(db, user, campaignId);
  const orderBy = rankOrderOf(campaignQuestions(campaign.definition).problemList !== undefined);
  const filter = analysisFilterOf(selection);
  const chosen = chooseProblems(await rankProblems(db, campaignId, filter), orderBy, selection);
  const [teams, existing] = await Promise.all([listCategoryTeams(db, chosen.map((p) => p.categoryId)), listTicketIdsByCategory(db, campaignId)]);
  const candidates = chosen.map((problem): RoutingCandidate => {
    const { teamId = null, teamName = null } = teams.get(problem.categoryId) ?? {};
    const existingTicketId = existing.get(problem.categoryId) ?? null;
    return { problem, teamId, teamName, existingTicketId, skip: skipReasonOf(existingTicketId, teamId) };
  });
  return { campaign: { id: campaign.id, name: campaign.name }, orderBy, filter, candidates };
}

/**
 * The routing page: the campaign, the preview of a valid selection (none while the typed
 * selection is invalid) with the problems no team owns listed apart (to be given a team right
 * there), the active teams, and the segments.
 * @throws ForbiddenError (not a manager), NotFoundError (no campaign)
 */
export async function getRoutingPage(db: Db, user: CurrentUser, campaignId: number, selection: ProblemSelection | null) {
  const campaign = await findCampaignToRoute(db, user, campaignId);
  const preview = selection ? await previewRouting(db, user, campaignId, selection) : null;
  const [segments, teams] = await Promise.all([listCustomerValues(db, 'segment'), listTeams(db, { activeOnly: true })]);
  return {
    campaign: { id: campaign.id, name: campaign.name },
    preview,
    unowned: preview ? preview.candidates.filter((c) => c.skip === 'no_owning_team') : [],
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    segments,
  };
}

/**
 * Makes a team the owner of a problem category from the routing page, through the catalogue's
 * own edit (so the catalogue shows the new owner too); only active teams.
 * @throws ForbiddenError (not a manager), NotFoundError (no campaign or category),
 *   ValidationError keyed `teamId` (no such active team), ValidationError (a merged category)
 */
export async function setProblemOwner(db: Db, user: CurrentUser, campaignId: number, categoryId: number, teamId: number, now: Date): Promise<{ category: string; team: string }> {
  return db.transaction().execute(async (trx) => {
    await findCampaignToRoute(trx, user, campaignId);
    const team = await findTeamById(trx, teamId);
    if (!team || !team.isActive) throw new ValidationError('tickets.errors.unknownTeam', { teamId: ['tickets.errors.unknownTeam'] });
    const category = await findCategoryById(trx, categoryId);
    if (!category) throw new NotFoundError(`category ${categoryId}`);
    if (category.mergedIntoId !== null) throw new ValidationError('tickets.errors.categoryMerged', {}, { category: categoryNameIn(category.names, DEFAULT_LANGUAGE) });
    const { names, description, keywords, isActive } = category;
    await editCategory(trx, user, categoryId, { names, description, keywords, teamId, isActive }, now);
    return { category: categoryNameIn(category.names, DEFAULT_LANGUAGE), team: team.name };
  });
}

export interface RoutingResult {
  created: { ticketId: number; categoryId: number; category: string; teamId: number; rank: number }[];
  skipped: { categoryId: number; category: string; reason: SkipReason; ticketId: number | null }[];
  /** How many reported problems matched the selection (fewer than a top N asked when fewer were reported). */
  found: number;
}

/**
 * Creates one ticket per chosen category for its owning team, with its evidence fixed now,
 * and mails each team through the outbox, all in one transaction. Routing the same
 * category of the same campaign again never makes a second ticket (a unique key backs
 * this even for two managers routing at once). Every chosen problem not routed is in
 * `skipped` with its reason, and `found` says how many matched the selection.
 * @throws ForbiddenError, NotFoundError
 */
export async function routeProblems(db: Db, user: CurrentUser, campaignId: number, selection: ProblemSelection, ctx: TicketContext): Promise<RoutingResult> {
  return db.transaction().execute(async (trx) => {
    const preview = await previewRouting(trx, user, campaignId, selection);
    const dueDate = dateOnly(addDays(ctx.now, await readDueDays(trx)));
    const routable = preview.candidates.filter((c) => !c.skip && c.teamId !== null).map((c) => c.problem.categoryId);
    const mentions = await listVerbatimsByCategory(trx, campaignId, undefined, routable, preview.filter, VERBATIM_CANDIDATES);
    const result: RoutingResult = { created: [], skipped: [], found: preview.candidates.length };
    for (const c of preview.candidates) {
      const p = c.problem;
      if (c.skip || c.teamId === null) {
        result.skipped.push({ categoryId: p.categoryId, category: p.category, reason: c.skip ?? 'no_owning_team', ticketId: c.existingTicketId });
        continue;
      }
      const evidence = evidenceOf(p, { orderBy: preview.orderBy, campaignId, filter: preview.filter, mentions: mentions.get(p.categoryId) ?? [] });
      const title = p.category;
      const ticketId = await insertTicketIfNew(trx, { campaignId, categoryId: p.categoryId, teamId: c.teamId, title, dueDate, evidence, createdBy: user.id }, ctx.now);
      if (ticketId === undefined) {
        const existing = await findTicketIdByCampaignCategory(trx, campaignId, p.categoryId);
        result.skipped.push({ categoryId: p.categoryId, category: p.category, reason: 'already_routed', ticketId: existing ?? null });
        continue;
      }
      await insertActivity(trx, { ticketId, actor: user, action: 'created', detail: `routed to ${c.teamName} (rank ${p.rank})` }, ctx.now);
      await emitWebhookEvent(trx, 'ticket.created', { ticketId, campaignId, categoryId: p.categoryId, teamId: c.teamId, status: 'open', dueDate, createdByUserId: user.id, createdAt: ctx.now.toISOString() }, ctx.now);
      const team = await findTeamById(trx, c.teamId);
      if (team) {
        await enqueueMail(trx, ticketCreatedMail({ id: ticketId, title, names: (await findCategoryNames(trx, [p.categoryId])).get(p.categoryId), teamName: team.name, dueDate, campaignName: preview.campaign.name }, team, await getMailSite(trx, ctx.baseUrl)), ctx.now);
      }
      result.created.push({ ticketId, categoryId: p.categoryId, category: p.category, teamId: c.teamId, rank: p.rank });
    }
    return result;
  });
}

/**
 * The teams, for API clients: every team for those who route problems and see every ticket,
 * a member's own teams only (as their ticket list is), nothing for anyone else.
 * @throws ForbiddenError (KAMs: they work with accounts, not teams)
 */
export async function listTeamsFor(db: Db, user: CurrentUser) {
  if (!canListTickets(user)) throw new ForbiddenError('teams are for those who work tickets');
  const scope = ticketTeamScope(user);
  const teams = await listTeams(db, scope ? { ids: scope } : {});
  return teams.map((t) => ({ id: t.id, name: t.name, email: t.email, isActive: t.isActive, memberCount: t.memberCount }));
}
