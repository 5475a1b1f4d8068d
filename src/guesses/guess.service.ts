import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { DEFAULT_LANGUAGE, textIn, type Language } from '../shared/languages';
import { listUsers } from '../accounts/user.repository';
import { categoryNamesIn, listCategories } from '../catalogue/catalogue.repository';
import { enqueueMail } from '../mail/outbox.repository';
import { findAnalysisCampaign } from '../analysis/analysis.repository';
import { rankProblems } from '../analysis/ranking.service';
import { campaignQuestions } from '../analysis/campaign-questions';
import { countUncodedMentions } from '../analysis/coding.repository';
import { guessListOf, resultsByTeam, scoreGuess, type GuessRound, type RevealedProblem } from './guess';
import { canGuess, canReveal, canRunGuessRounds, canSeeGuessOf } from './guess.policy';
import { guessInvitationMail } from './guess-mail';
import { getMailSite } from '../organisation/organisation.service';
import {
  findGuessRound,
  findGuessRoundOfCampaign,
  insertGuessInvitees,
  insertGuessRound,
  findGuessBeforeResults,
  findGuessInvitation,
  lockGuessBeforeResults,
  markGuessResultsSeen,
  listAllGuessItems,
  listGuessInvitees,
  listGuessItems,
  listGuessRoundsOfUser,
  lockOpenGuessRound,
  markGuessRoundRevealed,
  replaceGuess,
} from './guess.repository';
import type { OpenRoundInput } from './guess.schemas';

function requireRoundRunner(user: CurrentUser): void {
  if (!canRunGuessRounds(user)) throw new ForbiddenError('guess rounds are run by quality managers');
}

/** Only a campaign whose customers rank problems has a top list to guess. */
function hasProblemList(campaign: { definition: string | null }): boolean {
  return campaignQuestions(campaign.definition).problemList !== undefined;
}

async function loadCampaign(db: Db, campaignId: number) {
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  return campaign;
}

/** Active users by name with their teams: the staff a manager can invite. */
async function staffChoices(db: Db) {
  return (await listUsers(db)).filter((u) => u.isActive).map((u) => ({ id: u.id, name: u.name, email: u.email, language: u.language, teams: u.teamNames }));
}

/**
 * The manager's page of a campaign's round: the form to open one, or who is invited and has
 * guessed (never what) until the reveal, then everyone's hits and the results by team.
 * @throws ForbiddenError, NotFoundError
 */
export async function getCampaignGuessRound(db: Db, user: CurrentUser, campaignId: number, lang: Language = DEFAULT_LANGUAGE) {
  requireRoundRunner(user);
  const campaign = await loadCampaign(db, campaignId);
  const round = await roundIn(db, await findGuessRoundOfCampaign(db, campaignId), lang);
  if (!round) return { campaign, round: null, hasProblemList: hasProblemList(campaign), staff: await staffChoices(db), invitees: [], results: null, canReveal: false, uncoded: 0 };
  const invitees = await listGuessInvitees(db, round.id);
  const revealable = canReveal(user, round);
  return {
    campaign,
    round,
    hasProblemList: true,
    staff: [],
    invitees,
    results: round.state === 'revealed' ? await roundResults(db, user, round, lang) : null,
    canReveal: revealable,
    // The reveal freezes the customers' list as it is: mentions still uncoded are in no category of it.
    uncoded: revealable ? await countUncodedMentions(db, campaignId) : 0,
  };
}

/**
 * The round with the customers' list named in `lang`: the list stores each category's id
 * (and its English name at the reveal, kept where the category has no name any more).
 */
async function roundIn<R extends GuessRound | undefined>(db: Db, round: R, lang: Language): Promise<R> {
  if (!round?.revealedRanking) return round;
  const names = await categoryNamesIn(db, round.revealedRanking.map((p) => p.categoryId), lang);
  return { ...round, revealedRanking: round.revealedRanking.map((p) => ({ ...p, name: names.get(p.categoryId) || p.name })) };
}

/** Everyone's guess against the customers' list, and by team; after the reveal only. */
async function roundResults(db: Db, user: CurrentUser, round: GuessRound, lang: Language) {
  const people = await scoredInvitees(db, round, lang);
  for (const p of people) if (!canSeeGuessOf(user, round, p.userId)) throw new ForbiddenError('a guess before the reveal');
  return { ranking: round.revealedRanking ?? [], people, teams: resultsByTeam(people) };
}

/** Each invitee's guess scored against the revealed list (for the results; never shown to another invitee). */
async function scoredInvitees(db: Db, round: GuessRound, lang: Language) {
  const ranking = round.revealedRanking ?? [];
  const guesses = await listAllGuessItems(db, round.id, lang);
  const teamsOf = new Map((await listUsers(db)).map((u) => [u.id, u.teamNames]));
  return (await listGuessInvitees(db, round.id)).map((i) => {
    const scored = scoreGuess(guesses.get(i.userId) ?? [], ranking);
    return { userId: i.userId, name: i.name, teams: teamsOf.get(i.userId) ?? [], guessed: i.guessedAt !== null, hits: scored.hits, marked: scored.marked };
  });
}

/**
 * Opens the campaign's round with the invited staff, each mailed (through the outbox) a link.
 * @throws ForbiddenError, NotFoundError, ConflictError (a round exists, or no problem list to guess), ValidationError (unknown people)
 */
export async function openGuessRound(db: Db, user: CurrentUser, campaignId: number, input: OpenRoundInput, now: Date, baseUrl: string): Promise<number> {
  requireRoundRunner(user);
  const campaign = await loadCampaign(db, campaignId);
  if (!hasProblemList(campaign)) throw new ConflictError('guesses.errors.noProblemList');
  const staff = new Map((await staffChoices(db)).map((s) => [s.id, s]));
  const invited = [...new Set(input.userIds)];
  if (invited.some((id) => !staff.has(id))) throw new ValidationError('unknown people', { userIds: ['guesses.errors.unknownPeople'] });
  return db.transaction().execute(async (trx) => {
    if (await findGuessRoundOfCampaign(trx, campaignId)) throw new ConflictError('guesses.errors.roundExists');
    const roundId = await insertGuessRound(trx, { campaignId, listSize: input.listSize, createdBy: user.id }, now);
    if (roundId === undefined) throw new ConflictError('guesses.errors.roundExists');
    await insertGuessInvitees(trx, roundId, invited, now);
    const { language } = await getMailSite(trx, baseUrl);
    for (const id of invited) {
      await enqueueMail(trx, guessInvitationMail({ id: roundId, campaignName: campaign.name, listSize: input.listSize }, staff.get(id)!, user.name, baseUrl, language), now);
    }
    return roundId;
  });
}

/**
 * Reveals the round once the campaign has closed: the customers' top list is frozen and every
 * guess is locked.
 * @throws ForbiddenError, NotFoundError, ConflictError (still running, or revealed already)
 */
export async function revealGuessRound(db: Db, user: CurrentUser, campaignId: number, now: Date): Promise<void> {
  requireRoundRunner(user);
  await loadCampaign(db, campaignId);
  const round = await findGuessRoundOfCampaign(db, campaignId);
  if (!round) throw new NotFoundError(`guess round of campaign ${campaignId}`);
  if (round.state === 'revealed') throw new ConflictError('guesses.errors.alreadyShown');
  if (!canReveal(user, round)) throw new ConflictError('guesses.errors.notClosed');
  const ranked = await rankProblems(db, campaignId);
  const ranking: RevealedProblem[] = ranked
    .filter((p) => p.respondents > 0 || p.problemScore !== null)
    .slice(0, round.listSize)
    .map((p) => ({ rank: p.rank, categoryId: p.categoryId, name: p.category }));
  await db.transaction().execute(async (trx) => {
    if (!(await markGuessRoundRevealed(trx, round.id, ranking, user.id, now))) throw new ConflictError('guesses.errors.alreadyShown');
  });
}

/** The rounds the user is invited to. */
export async function listMyGuessRounds(db: Db, user: CurrentUser) {
  return { rounds: await listGuessRoundsOfUser(db, user.id), canRun: canRunGuessRounds(user) };
}

/**
 * A round as the user may see it: their own guess (the form while open), and after the reveal
 * their guess against the customers' list. Nobody else's guess is ever part of it. A person who
 * is neither invited nor runs rounds gets the same 404 as for a round that does not exist.
 * @throws NotFoundError
 */
export async function getGuessPage(db: Db, user: CurrentUser, roundId: number, lang: Language = 'en') {
  const round = await roundIn(db, await findGuessRound(db, roundId), lang);
  if (!round) throw new NotFoundError(`guess round ${roundId}`);
  const invitation = await findGuessInvitation(db, roundId, user.id);
  if (!invitation && !canRunGuessRounds(user)) throw new NotFoundError(`guess round ${roundId}`);
  const guess = invitation ? await listGuessItems(db, roundId, user.id, lang) : [];
  const open = canGuess(invitation, round);
  const categories = open ? (await listCategories(db, { activeOnly: true })).map((c) => ({ id: c.id, name: textIn({ ...c.names }, lang) })) : [];
  const result = invitation && round.revealedRanking ? scoreGuess(guess, round.revealedRanking) : null;
  return {
    round,
    // After the reveal every invitee sees how the teams did: counts and hits, nobody's guess.
    teams: invitation && round.state === 'revealed' ? resultsByTeam(await scoredInvitees(db, round, lang)) : [],
    invited: invitation !== undefined,
    canGuess: open,
    // Locked before the reveal because they opened the results.
    sawResults: round.state === 'open' && invitation?.resultsSeenAt != null,
    guess,
    categories,
    result,
    canRun: canRunGuessRounds(user),
  };
}

/**
 * The user's open guess on the campaign, when they are invited to its round and have not seen
 * its results: they are asked before any results page shows it (which locks the guess).
 */
export async function findGuessBeforeResultsOf(db: Db, user: CurrentUser, campaignId: number): Promise<{ roundId: number; campaignName: string; guessed: boolean } | undefined> {
  return findGuessBeforeResults(db, campaignId, user.id);
}

/**
 * The invitee chose to see the campaign's results: their guess is locked from now on. Returns
 * the round's campaign.
 * @throws NotFoundError (no such round, or not invited)
 */
export async function showResultsBeforeReveal(db: Db, user: CurrentUser, roundId: number, now: Date): Promise<number> {
  const round = await findGuessRound(db, roundId);
  if (!round || !(await markGuessResultsSeen(db, roundId, user.id, now))) throw new NotFoundError(`guess round ${roundId}`);
  return round.campaignId;
}

/**
 * Saves the user's guess (replacing an earlier one) while the round is open.
 * @throws NotFoundError (not invited), ForbiddenError (runs rounds, not invited), ConflictError (locked), ValidationError
 */
export async function saveGuess(db: Db, user: CurrentUser, roundId: number, places: (number | null)[], now: Date): Promise<void> {
  const round = await findGuessRound(db, roundId);
  if (!round) throw new NotFoundError(`guess round ${roundId}`);
  const invitation = await findGuessInvitation(db, roundId, user.id);
  if (!invitation) {
    if (canRunGuessRounds(user)) throw new ForbiddenError('only the invited guess');
    throw new NotFoundError(`guess round ${roundId}`);
  }
  if (!canGuess(invitation, round)) throw new ConflictError(invitation.resultsSeenAt ? 'guesses.errors.lockedSeen' : 'guesses.errors.locked');
  const choosable = new Set((await listCategories(db, { activeOnly: true })).map((c) => c.id));
  const list = guessListOf(places.slice(0, round.listSize), choosable);
  if (!list.ok) throw new ValidationError('the guess has mistakes', list.errors);
  await db.transaction().execute(async (trx) => {
    if (!(await lockOpenGuessRound(trx, roundId))) throw new ConflictError('guesses.errors.locked');
    if (!(await lockGuessBeforeResults(trx, roundId, user.id))) throw new ConflictError('guesses.errors.lockedSeen');
    await replaceGuess(trx, roundId, user.id, list.places, now);
  });
}
