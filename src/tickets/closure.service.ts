import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { canViewAnalysis } from '../auth/user.policy';
import { rankProblems } from '../analysis/ranking.repository';
import type { AnalysisFilter, RankedProblem } from '../analysis/analysis';

export interface ClosureEffectRow {
  ticketId: number;
  categoryId: number;
  category: string;
  fromCampaign: { id: number; name: string };
  status: string;
  resolvedAt: string | null;
  before: { share: number; points: number; rank: number | null };
  after: { share: number; points: number; rank: number | null };
  shareChange: number;
  pointsChange: number;
}

const startOf = (c: { launched_at: string | null; created_at: string }) => c.launched_at ?? c.created_at;

/**
 * Closure effect: for a campaign, each category that had a resolved ticket in an earlier
 * campaign of the same template, with its share and points then (the campaign it was
 * routed from) and now, both from rankProblems over the same part of the base the ticket
 * was routed for. Categories absent from a list count as share 0 and 0 points.
 * @throws NotFoundError (no campaign), ForbiddenError (team members do not see analyses)
 */
export async function closureEffect(db: Db, user: CurrentUser, campaignId: number) {
  if (!canViewAnalysis(user)) throw new ForbiddenError('analysis is for quality managers');
  const campaign = await db.selectFrom('campaign').select(['id', 'name', 'template', 'launched_at', 'created_at']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const tickets = await db
    .selectFrom('ticket')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .innerJoin('problem_category', 'problem_category.id', 'ticket.category_id')
    .select([
      'ticket.id',
      'ticket.category_id',
      'ticket.status',
      'ticket.resolved_at',
      'ticket.evidence',
      'problem_category.name_en',
      'campaign.id as campaign_id',
      'campaign.name as campaign_name',
      'campaign.launched_at',
      'campaign.created_at',
    ])
    .where('campaign.template', '=', campaign.template)
    .where('campaign.id', '!=', campaign.id)
    .where('ticket.resolved_at', 'is not', null)
    .orderBy('campaign.id')
    .orderBy('ticket.id')
    .execute();
  const earlier = tickets.filter((t) => startOf(t) < startOf(campaign));
  const cache = new Map<string, Promise<RankedProblem[]>>();
  const ranked = (id: number, filter: AnalysisFilter) => {
    const key = `${id}:${JSON.stringify(filter)}`;
    if (!cache.has(key)) cache.set(key, rankProblems(db, id, filter));
    return cache.get(key)!;
  };
  const rows: ClosureEffectRow[] = [];
  for (const t of earlier) {
    const filter = ((JSON.parse(t.evidence) as { filter?: AnalysisFilter }).filter ?? {}) as AnalysisFilter;
    const [then, now] = await Promise.all([ranked(t.campaign_id, filter), ranked(campaign.id, filter)]);
    const b = then.find((p) => p.categoryId === t.category_id);
    const a = now.find((p) => p.categoryId === t.category_id);
    const before = { share: b?.share ?? 0, points: b?.points ?? 0, rank: b && b.respondents > 0 ? b.rank : null };
    const after = { share: a?.share ?? 0, points: a?.points ?? 0, rank: a && a.respondents > 0 ? a.rank : null };
    rows.push({
      ticketId: t.id,
      categoryId: t.category_id,
      category: t.name_en,
      fromCampaign: { id: t.campaign_id, name: t.campaign_name },
      status: t.status,
      resolvedAt: t.resolved_at,
      before,
      after,
      shareChange: after.share - before.share,
      pointsChange: after.points - before.points,
    });
  }
  return { campaign: { id: campaign.id, name: campaign.name }, rows };
}
