// The staff's guess: domain types and pure rules (no I/O).

export const GUESS_LIST_SIZES = [5, 10] as const;
export type GuessListSize = (typeof GUESS_LIST_SIZES)[number];

export type GuessRoundState = 'open' | 'revealed';

export interface GuessRound {
  id: number;
  campaignId: number;
  campaignName: string;
  campaignStatus: string;
  listSize: number;
  state: GuessRoundState;
  /** The customers' top list, frozen at the reveal; null while open. */
  revealedRanking: RevealedProblem[] | null;
  createdAt: string;
  revealedAt: string | null;
}

/** One person's invitation to a round. */
export interface GuessInvitation {
  /** When the guess was last saved; null until they guess. */
  guessedAt: string | null;
  /** When they first saw the campaign's results while the round was open; null if they have not. */
  resultsSeenAt: string | null;
}

export interface RevealedProblem {
  rank: number;
  categoryId: number;
  name: string;
}

export interface GuessedProblem {
  rank: number;
  categoryId: number;
  name: string;
}

/** A guessed place against the customers' list: hit when the category is anywhere in their top. */
export interface MarkedGuess extends GuessedProblem {
  hit: boolean;
  /** The category's place in the customers' list; null when it is not in it. */
  customerRank: number | null;
}

/** Each guessed category marked against the customers' top list, and the count of hits. */
export function scoreGuess(guess: GuessedProblem[], ranking: RevealedProblem[]): { marked: MarkedGuess[]; hits: number } {
  const rankOf = new Map(ranking.map((p) => [p.categoryId, p.rank]));
  const marked = guess.map((g) => ({ ...g, hit: rankOf.has(g.categoryId), customerRank: rankOf.get(g.categoryId) ?? null }));
  return { marked, hits: marked.filter((m) => m.hit).length };
}

/** The place fields of the guess form, place1 … placeN. */
export function placeField(rank: number): string {
  return `place${rank}`;
}

/** A category guessed for a place (1 is the top); places left empty have none. */
export interface GuessPlace {
  rank: number;
  categoryId: number;
}

/**
 * The chosen categories at the places they were chosen for (an empty place stays empty: a guess
 * for 1st and 4th is not one for 1st and 2nd), or the messages per field: at least one place, no
 * category twice, only categories that can be chosen.
 */
export function guessListOf(
  places: (number | null)[],
  choosable: ReadonlySet<number>,
): { ok: true; places: GuessPlace[] } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const seen = new Set<number>();
  const chosen: GuessPlace[] = [];
  places.forEach((id, i) => {
    if (id === null) return;
    const field = placeField(i + 1);
    if (!choosable.has(id)) errors[field] = ['guesses.errors.fromList'];
    else if (seen.has(id)) errors[field] = ['guesses.errors.twice'];
    else {
      seen.add(id);
      chosen.push({ rank: i + 1, categoryId: id });
    }
  });
  if (!places.some((id) => id !== null)) errors[placeField(1)] = ['guesses.errors.atLeastOne'];
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, places: chosen };
}

export interface InviteeResult {
  userId: number;
  name: string;
  teams: string[];
  guessed: boolean;
  hits: number;
}

export interface TeamResult {
  /** The team's name; null for the people in no team. */
  team: string | null;
  invited: number;
  guessed: number;
  /** Mean hits of those who guessed; null when nobody did. */
  meanHits: number | null;
  best: number | null;
}

/** Hits by team (a person in two teams counts in both; one in none under team null, last), teams by name. */
export function resultsByTeam(invitees: InviteeResult[]): TeamResult[] {
  const teams = new Map<string | null, InviteeResult[]>();
  for (const i of invitees) {
    for (const team of i.teams.length ? i.teams : [null]) teams.set(team, [...(teams.get(team) ?? []), i]);
  }
  return [...teams.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([team, members]) => {
      const guessed = members.filter((m) => m.guessed);
      return {
        team,
        invited: members.length,
        guessed: guessed.length,
        meanHits: guessed.length ? guessed.reduce((s, m) => s + m.hits, 0) / guessed.length : null,
        best: guessed.length ? Math.max(...guessed.map((m) => m.hits)) : null,
      };
    });
}
