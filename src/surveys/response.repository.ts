import { compiledOnce, multiRowInsert } from '../db/compiled-query';
import { executeWithoutFsync, isPostgres, type Db, type Tx } from '../db/database';
import type { AnswerRows, ProblemMentionRow } from './answer';

/** An invitation with what the respondent pages need from its campaign, contact and customer. */
export interface InvitationForSurvey {
  invitationId: number;
  isRevoked: boolean;
  openedAt: string | null;
  campaignId: number;
  campaignStatus: string;
  closesAt: string;
  closedAt: string | null;
  /** Null until the launch, which writes the definition too (findCampaignDefinition). */
  launchedAt: string | null;
  hasDefinition: boolean;
  contactId: number;
  contactLanguage: string | null;
  customerId: number;
  customerLanguage: string;
}

export interface StoredResponse {
  id: number;
  status: 'partial' | 'submitted';
  language: string;
  answers: string;
  submittedAt: string | null;
}

/** A personal link with its response, if any. */
export interface SurveyLink {
  invitation: InvitationForSurvey;
  response: StoredResponse | undefined;
}

// The query behind every respondent GET and POST, compiled once.
const selectSurveyLink = compiledOnce((db, tokenHash: Uint8Array) =>
  db
    .selectFrom('invitation')
    .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .leftJoin('response', 'response.invitation_id', 'invitation.id')
    .select([
      'invitation.id as invitationId',
      'invitation.is_revoked as isRevoked',
      'invitation.opened_at as openedAt',
      'campaign.id as campaignId',
      'campaign.status as campaignStatus',
      'campaign.closes_at as closesAt',
      'campaign.closed_at as closedAt',
      'campaign.launched_at as launchedAt',
      // Not the definition's text: the launched snapshot is parsed once (knownLaunchedSnapshot).
      (eb) => eb('campaign.definition', 'is not', null).as('hasDefinition'),
      'contact.id as contactId',
      'contact.language as contactLanguage',
      'customer.id as customerId',
      'customer.language as customerLanguage',
      'response.id as responseId',
      'response.status as responseStatus',
      'response.language as responseLanguage',
      'response.answers as responseAnswers',
      'response.submitted_at as responseSubmittedAt',
    ])
    .where('invitation.token_hash', '=', tokenHash),
);

/** The invitation of a stored token hash (storedHashOfToken) with its campaign, contact, customer and response, in one query. */
export async function findSurveyLinkByStoredHash(db: Db, storedHash: Uint8Array): Promise<SurveyLink | undefined> {
  const [row] = await selectSurveyLink(db, storedHash);
  if (!row) return undefined;
  const { responseId, responseStatus, responseLanguage, responseAnswers, responseSubmittedAt, isRevoked, hasDefinition, ...invitation } = row;
  const response: StoredResponse | undefined =
    responseId === null
      ? undefined
      : {
          id: responseId,
          status: responseStatus === 'submitted' ? 'submitted' : 'partial',
          language: responseLanguage!,
          answers: responseAnswers!,
          submittedAt: responseSubmittedAt,
        };
  // SQLite answers 1 or 0, PostgreSQL true or false.
  return { invitation: { ...invitation, isRevoked: isRevoked === 1, hasDefinition: hasDefinition === true || hasDefinition === 1 }, response };
}

const selectCampaignDefinition = compiledOnce((db, campaignId: number) => db.selectFrom('campaign').select('definition').where('id', '=', campaignId));

/** The launched snapshot's JSON of a campaign (null before its launch). */
export async function findCampaignDefinition(db: Db, campaignId: number): Promise<string | null> {
  const [row] = await selectCampaignDefinition(db, campaignId);
  return row?.definition ?? null;
}

const selectResponseByInvitation = compiledOnce((db, invitationId: number) =>
  db.selectFrom('response').select(['id', 'status', 'language', 'answers', 'submitted_at as submittedAt']).where('invitation_id', '=', invitationId),
);

export async function findResponseByInvitation(db: Db, invitationId: number): Promise<StoredResponse | undefined> {
  const [row] = await selectResponseByInvitation(db, invitationId);
  return row && { ...row, status: row.status === 'submitted' ? 'submitted' : 'partial' };
}

/**
 * Records the first opening (a progress figure); later openings change nothing. Written without
 * waiting for the disk: losing the mark in a power cut costs less than an fsync per first visit.
 */
export async function updateInvitationOpened(db: Db, invitationId: number, now: string): Promise<void> {
  await executeWithoutFsync(db, db.updateTable('invitation').set({ opened_at: now }).where('id', '=', invitationId).where('opened_at', 'is', null));
}

export interface ResponseWrite {
  invitationId: number;
  campaignId: number;
  customerId: number;
  contactId: number;
  language: string;
  answers: string;
  status: 'partial' | 'submitted';
  now: string;
}

/**
 * Inserts or updates the one response of an invitation (response.invitation_id is unique, so
 * two concurrent writes end in one row). A submitted response keeps its first submitted_at, and
 * a partial write never turns it back into a draft: the update is conditional on the row as it
 * is at the write (on PostgreSQL after waiting for a concurrent submit), and then nothing is
 * written and undefined returned.
 */
type ResponseRowWriter = (
  db: Db | Tx,
  invitationId: number,
  campaignId: number,
  customerId: number,
  contactId: number,
  language: string,
  answers: string,
  status: string,
  now: string,
  submittedAt: string | null,
) => Promise<{ id: number }[]>;

/** The upsert, compiled once; a partial write updates only a row that is not submitted. */
function responseRowWriter(kind: 'partial' | 'submitted'): ResponseRowWriter {
  return compiledOnce((db, invitationId: number, campaignId: number, customerId: number, contactId: number, language: string, answers: string, status: string, now: string, submittedAt: string | null) =>
    db
      .insertInto('response')
      .values({
        invitation_id: invitationId,
        campaign_id: campaignId,
        customer_id: customerId,
        contact_id: contactId,
        language,
        answers,
        status,
        started_at: now,
        updated_at: now,
        submitted_at: submittedAt,
      })
      .onConflict((oc) => {
        const update = oc.column('invitation_id').doUpdateSet((eb) => ({
          language: eb.ref('excluded.language'),
          answers: eb.ref('excluded.answers'),
          status: eb.ref('excluded.status'),
          updated_at: eb.ref('excluded.updated_at'),
          submitted_at: eb.fn.coalesce('response.submitted_at', 'excluded.submitted_at'),
        }));
        return kind === 'partial' ? update.where('response.status', '<>', 'submitted') : update;
      })
      .returning('id'),
  );
}

const writeResponseRow = { partial: responseRowWriter('partial'), submitted: responseRowWriter('submitted') };

export async function upsertResponse(db: Db, write: ResponseWrite & { status: 'submitted' }): Promise<number>;
export async function upsertResponse(db: Db, write: ResponseWrite): Promise<number | undefined>;
export async function upsertResponse(db: Db, write: ResponseWrite): Promise<number | undefined> {
  const submittedAt = write.status === 'submitted' ? write.now : null;
  const [row] = await writeResponseRow[write.status](
    db,
    write.invitationId,
    write.campaignId,
    write.customerId,
    write.contactId,
    write.language,
    write.answers,
    write.status,
    write.now,
    submittedAt,
  );
  if (!row && write.status === 'submitted') throw new Error(`response of invitation ${write.invitationId} was not written`);
  return row?.id;
}

/**
 * Replaces the normalized answer rows of a response. answer_value and problem_rating_answer
 * are rewritten. problem_mention rows are matched on question and identical text, so an
 * unchanged problem keeps its id, its coding (category_id set by a manager, coded_by not null)
 * and its coding history; only its rank is updated. A respondent's own catalogue pick always
 * wins over a manager's coding. Mentions no longer listed are deleted, new ones inserted.
 * Answers whether the response had answer_value or problem_mention rows before (what the ranking
 * totals count); on PostgreSQL this is read after the response's upsert, whose row lock keeps
 * other submissions of it out until commit.
 */
export async function replaceAnswerRows(
  db: Db,
  /** isNewResponse: the response did not exist when this transaction read it. */
  target: { responseId: number; campaignId: number; language: string; now: string; isNewResponse?: boolean },
  rows: AnswerRows,
): Promise<{ hadRows: boolean }> {
  const { responseId, campaignId, language, now } = target;
  // A response the caller found missing in this transaction and then inserted has no rows yet:
  // nothing to delete or match. Trusted on SQLite only, whose BEGIN IMMEDIATE keeps other writers
  // out from the read on; on PostgreSQL (read committed) a concurrent first submission of the same
  // link may have committed rows in between.
  const isEmpty = target.isNewResponse === true && !isPostgres(db);
  const deletedValues = isEmpty ? [] : await deleteAnswerValues(db, responseId);
  if (!isEmpty) await deleteRatingAnswers(db, responseId);
  if (rows.values.length) {
    await insertAnswerValues(db, rows.values.flatMap((v) => [v.question_id, v.value, v.choice, v.text, responseId, campaignId]));
  }
  if (rows.ratings.length) {
    await insertRatingAnswers(db, rows.ratings.flatMap((r) => [r.question_id, r.category_id, r.frequency, r.bother, r.is_frequent, r.is_bothersome, responseId, campaignId]));
  }

  const existing = isEmpty ? [] : await selectMentionsOfResponse(db, responseId);
  const unused = new Set(existing.map((e) => e.id));
  const added: ProblemMentionRow[] = [];
  for (const mention of rows.mentions) {
    const match = existing.find((e) => unused.has(e.id) && e.question_id === mention.question_id && e.text === mention.text);
    if (!match) {
      added.push(mention);
      continue;
    }
    unused.delete(match.id);
    const isCoded = match.coded_by !== null;
    const keepCoding = isCoded && (mention.category_id === null || mention.category_id === match.category_id);
    await db
      .updateTable('problem_mention')
      .set(
        keepCoding
          ? { rank: mention.rank, language }
          : { rank: mention.rank, language, category_id: mention.category_id, coded_by: null, coded_at: null },
      )
      .where('id', '=', match.id)
      .execute();
  }
  if (unused.size) await db.deleteFrom('problem_mention').where('id', 'in', [...unused]).execute();
  if (added.length) {
    await insertMentions(db, added.flatMap((m) => [m.question_id, m.rank, m.text, m.category_id, responseId, campaignId, language, now]));
  }
  return { hadRows: deletedValues.length > 0 || existing.length > 0 };
}

const insertAnswerValues = multiRowInsert('answer_value', ['question_id', 'value', 'choice', 'text', 'response_id', 'campaign_id']);
const insertRatingAnswers = multiRowInsert('problem_rating_answer', ['question_id', 'category_id', 'frequency', 'bother', 'is_frequent', 'is_bothersome', 'response_id', 'campaign_id']);
const insertMentions = multiRowInsert('problem_mention', ['question_id', 'rank', 'text', 'category_id', 'response_id', 'campaign_id', 'language', 'created_at']);

// Returning the ids tells whether there were any (see replaceAnswerRows).
const deleteAnswerValues = compiledOnce((db, responseId: number) => db.deleteFrom('answer_value').where('response_id', '=', responseId).returning('id'));
const deleteRatingAnswers = compiledOnce((db, responseId: number) => db.deleteFrom('problem_rating_answer').where('response_id', '=', responseId));
const selectMentionsOfResponse = compiledOnce((db, responseId: number) =>
  db.selectFrom('problem_mention').select(['id', 'question_id', 'text', 'category_id', 'coded_by']).where('response_id', '=', responseId).orderBy('rank'),
);
