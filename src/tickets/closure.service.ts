import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { canViewAnalysis, canViewTickets, seesAllAccounts } from '../auth/user.policy';
import { scopeFilter } from '../analysis/analysis.policy';
import { rankProblems } from '../analysis/ranking.service';
import type { AnalysisFilter, RankedProblem } from '../analysis/analysis';
import { campaignStart, closureEffectRow, type ClosureEffectRow } from './closure-effect';
import { findTicketCampaign, listResolvedTicketsOfTemplate } from './ticket.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

/**
 * Closure effect: for a campaign, each category that had a resolved ticket in an earlier
 * campaign of the same template, with its share and points then (the campaign it was
 * routed from) and now, both from rankProblems over the same part of the base the ticket
 * was routed for, narrowed to the accounts the user sees (a KAM: their own). Categories absent
 * from a list count as share 0 and 0 points. Categories are named in `lang`.
 * @throws NotFoundError (no campaign), ForbiddenError (team members do not see analyses)
 */
export async function getClosureEffect(
  db: Db,
  user: CurrentUser,
  campaignId: number,
  lang: Language = DEFAULT_LANGUAGE,
): Promise<{ campaign: { id: number; name: string }; rows: ClosureEffectRow[]; seesAll: boolean; canOpenTickets: boolean }> {
  if (!canViewAnalysis(user)) throw new ForbiddenError('analysis is for quality managers');
  const campaign = await findTicketCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const tickets = await listResolvedTicketsOfTemplate(db, campaign.template, campaign.id, lang);
  const earlier = tickets.filter((t) => campaignStart(t.campaign) < campaignStart(campaign));
  // Tickets of one campaign routed for the same part of the base share their ranked lists.
  const rankings = new Map<string, Promise<RankedProblem[]>>();
  const ranked = (id: number, filter: AnalysisFilter) => {
    const key = `${id}:${JSON.stringify(filter)}`;
    if (!rankings.has(key)) rankings.set(key, rankProblems(db, id, filter, { language: lang }));
    return rankings.get(key)!;
  };
  const rows: ClosureEffectRow[] = [];
  for (const t of earlier) {
    const filter = scopeFilter(user, t.filter);
    const [then, now] = await Promise.all([ranked(t.campaign.id, filter), ranked(campaign.id, filter)]);
    rows.push(closureEffectRow(t, then, now));
  }
  return { campaign: { id: campaign.id, name: campaign.name }, rows, seesAll: seesAllAccounts(user), canOpenTickets: canViewTickets(user) };
}
