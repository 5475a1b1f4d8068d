import type { CurrentUser } from '../auth/user';
import type { GuessInvitation, GuessRound } from './guess';

/** Quality managers (and admins) open guess rounds, invite the staff and reveal the results. */
export function canRunGuessRounds(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

/**
 * One person's guess: always to its author; to the people who run rounds only after the reveal.
 * Before it nobody else sees it, a manager neither, so nobody's guess can lean on another's.
 */
export function canSeeGuessOf(user: CurrentUser, round: GuessRound, authorId: number): boolean {
  return user.id === authorId || (round.state === 'revealed' && canRunGuessRounds(user));
}

/**
 * Guessing (and changing the guess) is for the invited, until the results are shown to them:
 * at the round's reveal, or earlier when they open the campaign's results themselves.
 */
export function canGuess(invitation: GuessInvitation | undefined, round: GuessRound): boolean {
  return invitation !== undefined && invitation.resultsSeenAt === null && round.state === 'open';
}

/** The results are revealed once the campaign has closed. */
export function canReveal(user: CurrentUser, round: GuessRound): boolean {
  return canRunGuessRounds(user) && round.state === 'open' && round.campaignStatus === 'closed';
}
