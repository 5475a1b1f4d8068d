import type { Db } from '../db/database';
import type { RowOf } from '../db/columns';
import type { GuessedProblem, GuessInvitation, GuessPlace, GuessRound, GuessRoundState, RevealedProblem } from './guess';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

const ROUND_COLUMNS = [
  'guess_round.id',
  'guess_round.campaign_id',
  'guess_round.list_size',
  'guess_round.state',
  'guess_round.revealed_ranking',
  'guess_round.created_at',
  'guess_round.revealed_at',
  'campaign.name as campaign_name',
  'campaign.status as campaign_status',
] as const;

function roundsQuery(db: Db) {
  return db.selectFrom('guess_round').innerJoin('campaign', 'campaign.id', 'guess_round.campaign_id').select(ROUND_COLUMNS);
}

type RoundRow = RowOf<typeof roundsQuery>;

function toRound(r: RoundRow): GuessRound {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    campaignStatus: r.campaign_status,
    listSize: r.list_size,
    state: r.state as GuessRoundState,
    revealedRanking: r.revealed_ranking ? (JSON.parse(r.revealed_ranking) as RevealedProblem[]) : null,
    createdAt: r.created_at,
    revealedAt: r.revealed_at,
  };
}

export async function findGuessRound(db: Db, id: number): Promise<GuessRound | undefined> {
  const row = await roundsQuery(db).where('guess_round.id', '=', id).executeTakeFirst();
  return row && toRound(row);
}

export async function findGuessRoundOfCampaign(db: Db, campaignId: number): Promise<GuessRound | undefined> {
  const row = await roundsQuery(db).where('guess_round.campaign_id', '=', campaignId).executeTakeFirst();
  return row && toRound(row);
}

/** The rounds the user is invited to, newest first, with whether they have guessed. */
export async function listGuessRoundsOfUser(db: Db, userId: number): Promise<(GuessRound & { guessed: boolean })[]> {
  const rows = await roundsQuery(db)
    .innerJoin('guess_invitee', 'guess_invitee.round_id', 'guess_round.id')
    .where('guess_invitee.user_id', '=', userId)
    .select('guess_invitee.guessed_at')
    .orderBy('guess_round.created_at', 'desc')
    .orderBy('guess_round.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...toRound(r), guessed: r.guessed_at !== null }));
}

/** The new round's id; undefined when the campaign has one already (a second instance's, committed meanwhile). */
export async function insertGuessRound(db: Db, round: { campaignId: number; listSize: number; createdBy: number | null }, now: Date): Promise<number | undefined> {
  const row = await db
    .insertInto('guess_round')
    .values({ campaign_id: round.campaignId, list_size: round.listSize, state: 'open', created_by: round.createdBy, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertGuessInvitees(db: Db, roundId: number, userIds: number[], now: Date): Promise<void> {
  if (!userIds.length) return;
  await db
    .insertInto('guess_invitee')
    .values(userIds.map((userId) => ({ round_id: roundId, user_id: userId, invited_at: now.toISOString() })))
    .execute();
}

export interface GuessInvitee {
  userId: number;
  name: string;
  email: string;
  guessedAt: string | null;
}

export async function listGuessInvitees(db: Db, roundId: number): Promise<GuessInvitee[]> {
  const rows = await db
    .selectFrom('guess_invitee')
    .innerJoin('user', 'user.id', 'guess_invitee.user_id')
    .select(['guess_invitee.user_id', 'user.name', 'user.email', 'guess_invitee.guessed_at'])
    .where('guess_invitee.round_id', '=', roundId)
    .orderBy('user.name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, guessedAt: r.guessed_at }));
}

/** The user's invitation to the round, or undefined when they are not invited. */
export async function findGuessInvitation(db: Db, roundId: number, userId: number): Promise<GuessInvitation | undefined> {
  return db
    .selectFrom('guess_invitee')
    .select(['guessed_at as guessedAt', 'results_seen_at as resultsSeenAt'])
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The user's invitation to the campaign's round while it is open and they have not seen the results. */
export async function findGuessBeforeResults(db: Db, campaignId: number, userId: number): Promise<{ roundId: number; campaignName: string; guessed: boolean } | undefined> {
  const row = await db
    .selectFrom('guess_invitee')
    .innerJoin('guess_round', 'guess_round.id', 'guess_invitee.round_id')
    .innerJoin('campaign', 'campaign.id', 'guess_round.campaign_id')
    .select(['guess_round.id as roundId', 'campaign.name as campaignName', 'guess_invitee.guessed_at as guessedAt'])
    .where('guess_round.campaign_id', '=', campaignId)
    .where('guess_round.state', '=', 'open')
    .where('guess_invitee.user_id', '=', userId)
    .where('guess_invitee.results_seen_at', 'is', null)
    .executeTakeFirst();
  return row && { roundId: row.roundId, campaignName: row.campaignName, guessed: row.guessedAt !== null };
}

/** Records that the invitee saw the results (the first time only); false when they are not invited. */
export async function markGuessResultsSeen(db: Db, roundId: number, userId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('guess_invitee')
    .set((eb) => ({ results_seen_at: eb.fn.coalesce('results_seen_at', eb.val(now.toISOString())) }))
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Locks the invitee's row until the transaction ends while they have not seen the results (a
 * no-op update, as lockOpenGuessRound): false once they have, so a guess saved after it is refused.
 */
export async function lockGuessBeforeResults(trx: Db, roundId: number, userId: number): Promise<boolean> {
  const result = await trx
    .updateTable('guess_invitee')
    .set((eb) => ({ guessed_at: eb.ref('guessed_at') }))
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .where('results_seen_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One person's guess in place order, with the categories' English names. */
export async function listGuessItems(db: Db, roundId: number, userId: number, lang: Language = DEFAULT_LANGUAGE): Promise<GuessedProblem[]> {
  const rows = await db
    .selectFrom('guess_item')
    .select(['guess_item.rank', 'guess_item.category_id', categoryNameSql('guess_item.category_id', lang).as('name')])
    .where('guess_item.round_id', '=', roundId)
    .where('guess_item.user_id', '=', userId)
    .orderBy('guess_item.rank')
    .execute();
  return rows.map((r) => ({ rank: r.rank, categoryId: r.category_id, name: r.name ?? '' }));
}

/** Every invitee's guess of the round, keyed by user; for the results after the reveal. */
export async function listAllGuessItems(db: Db, roundId: number, lang: Language = DEFAULT_LANGUAGE): Promise<Map<number, GuessedProblem[]>> {
  const rows = await db
    .selectFrom('guess_item')
    .select(['guess_item.user_id', 'guess_item.rank', 'guess_item.category_id', categoryNameSql('guess_item.category_id', lang).as('name')])
    .where('guess_item.round_id', '=', roundId)
    .orderBy('guess_item.user_id')
    .orderBy('guess_item.rank')
    .execute();
  const byUser = new Map<number, GuessedProblem[]>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { rank: r.rank, categoryId: r.category_id, name: r.name ?? '' }]);
  return byUser;
}

/**
 * Locks the round's row for the rest of the transaction if it is still open (a no-op update),
 * so a reveal running at the same time waits for this guess or comes first and locks it out.
 */
export async function lockOpenGuessRound(trx: Db, roundId: number): Promise<boolean> {
  const result = await trx
    .updateTable('guess_round')
    .set((eb) => ({ state: eb.ref('state') }))
    .where('id', '=', roundId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces one person's guess with the categories at their places. */
export async function replaceGuess(trx: Db, roundId: number, userId: number, places: GuessPlace[], now: Date): Promise<void> {
  await trx.deleteFrom('guess_item').where('round_id', '=', roundId).where('user_id', '=', userId).execute();
  await trx
    .insertInto('guess_item')
    .values(places.map((p) => ({ round_id: roundId, user_id: userId, rank: p.rank, category_id: p.categoryId })))
    .execute();
  await trx.updateTable('guess_invitee').set({ guessed_at: now.toISOString() }).where('round_id', '=', roundId).where('user_id', '=', userId).execute();
}

/** Reveals an open round with the customers' list; false when it was revealed already. */
export async function markGuessRoundRevealed(trx: Db, roundId: number, ranking: RevealedProblem[], userId: number | null, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('guess_round')
    .set({ state: 'revealed', revealed_ranking: JSON.stringify(ranking), revealed_by: userId, revealed_at: now.toISOString() })
    .where('id', '=', roundId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
