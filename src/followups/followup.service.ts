import type { Db } from '../db/database';
import { NotFoundError } from '../shared/errors';
import { hashToken } from '../shared/tokens';
import { findFollowupByTokenHash, updateFollowupAnswer } from '../tickets/followup.repository';
import { followupTexts } from '../tickets/followup-texts';
import { noteFor, noteLanguageOf } from '../tickets/ticket';

/**
 * The "did this help?" page behind a follow-up link, in the contact's language. Reading
 * changes nothing (mail scanners open every link).
 * @throws NotFoundError for an unknown token
 */
export async function getFollowup(db: Db, token: string) {
  const followup = await findFollowupByTokenHash(db, hashToken(token));
  if (!followup) throw new NotFoundError('follow-up');
  const language = noteLanguageOf(followup.language);
  return {
    language,
    texts: followupTexts(language),
    note: noteFor(followup.resolutionNote, language),
    answeredAt: followup.answeredAt,
    isHelpful: followup.isHelpful,
  };
}

/**
 * Records the contact's answer; answering again replaces the earlier answer.
 * @throws NotFoundError for an unknown token
 */
export async function answerFollowup(db: Db, token: string, isHelpful: boolean, now: Date): Promise<void> {
  const followup = await findFollowupByTokenHash(db, hashToken(token));
  if (!followup) throw new NotFoundError('follow-up');
  await updateFollowupAnswer(db, followup.id, isHelpful, now);
}
