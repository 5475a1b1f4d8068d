// Pure rules of the closure effect: how a problem changed after its ticket was resolved (no I/O).
import type { RankedProblem } from '../analysis/analysis';

export interface ProblemStanding {
  share: number;
  points: number;
  /** null when nobody reported the problem in that campaign. */
  rank: number | null;
}

export interface ClosureEffectRow {
  ticketId: number;
  categoryId: number;
  category: string;
  fromCampaign: { id: number; name: string };
  status: string;
  resolvedAt: string | null;
  before: ProblemStanding;
  after: ProblemStanding;
  shareChange: number;
  pointsChange: number;
}

/** When a campaign began: its launch, or its creation when it was never launched. */
export function campaignStart(c: { launchedAt: string | null; createdAt: string }): string {
  return c.launchedAt ?? c.createdAt;
}

/** A category's standing in a ranked list; absent from the list counts as share 0 and 0 points. */
export function standingOf(ranked: RankedProblem[], categoryId: number): ProblemStanding {
  const p = ranked.find((x) => x.categoryId === categoryId);
  return { share: p?.share ?? 0, points: p?.points ?? 0, rank: p && p.respondents > 0 ? p.rank : null };
}

/** One ticket's effect: its category's standing in the campaign it was routed from and now. */
export function closureEffectRow(
  ticket: { id: number; categoryId: number; category: string; status: string; resolvedAt: string | null; campaign: { id: number; name: string } },
  then: RankedProblem[],
  now: RankedProblem[],
): ClosureEffectRow {
  const before = standingOf(then, ticket.categoryId);
  const after = standingOf(now, ticket.categoryId);
  return {
    ticketId: ticket.id,
    categoryId: ticket.categoryId,
    category: ticket.category,
    fromCampaign: { id: ticket.campaign.id, name: ticket.campaign.name },
    status: ticket.status,
    resolvedAt: ticket.resolvedAt,
    before,
    after,
    shareChange: after.share - before.share,
    pointsChange: after.points - before.points,
  };
}
