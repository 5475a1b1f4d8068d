import { isDatabaseUnavailable, type Db, type Tx } from '../db/database';
import { storedHashOfToken } from '../shared/tokens';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';
import {
  answerRows,
  clampStep,
  parseRawAnswers,
  stepOfQuestion,
  readAnswerForm,
  validateAnswers,
  type Answers,
  type FieldError,
  type RawAnswers,
} from './answer';
import { knownLaunchedSnapshot, rememberLaunchedSnapshot, type CampaignSnapshot } from './snapshot';
import { isStepped } from './survey-definition';
import { resolveLanguage, type Language } from '../shared/languages';
import { addRankingTotalsOfResponse, refreshRankingTotals } from '../db/ranking-totals.repository';
import {
  findCampaignDefinition,
  findResponseByInvitation,
  findSurveyLinkByStoredHash,
  replaceAnswerRows,
  updateInvitationOpened,
  upsertResponse,
  type InvitationForSurvey,
  type ResponseWrite,
  type StoredResponse,
} from './response.repository';

/** Campaign statuses in which a launched campaign accepts answers (until closes_at). */
const OPEN_STATUSES = new Set(['running', 'paused']);

/** What a personal link leads to. None of the refusals says anything about the campaign or customer. */
export type SurveyAccess =
  | { kind: 'unknown' }
  | { kind: 'revoked' }
  | { kind: 'closed'; invitation: InvitationForSurvey; lang: Language; hasSubmitted: boolean; closedOn: string }
  | {
      kind: 'open';
      invitation: InvitationForSurvey;
      snapshot: CampaignSnapshot;
      response: StoredResponse | undefined;
      raw: RawAnswers;
      lang: Language;
    };

/** A link is open while its launched campaign runs (or is paused) and closes_at is in the future. */
export function isCampaignOpen(invitation: Pick<InvitationForSurvey, 'campaignStatus' | 'closesAt' | 'hasDefinition'>, now: Date): boolean {
  return OPEN_STATUSES.has(invitation.campaignStatus) && invitation.hasDefinition && now.getTime() < Date.parse(invitation.closesAt);
}

/** Looks a token up; tokens that cannot be ours are unknown without a database query. */
export async function findSurveyAccess(db: Db, token: string, requestedLang: unknown, now: Date): Promise<SurveyAccess> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return { kind: 'unknown' };
  const link = await findSurveyLinkByStoredHash(db, storedHashOfToken(token));
  if (!link) return { kind: 'unknown' };
  const { invitation, response } = link;
  if (invitation.isRevoked) return { kind: 'revoked' };
  // An explicit choice (?lang= or the form), else the saved response's, the contact's, the customer's language.
  const lang = resolveLanguage(requestedLang, response?.language, invitation.contactLanguage, invitation.customerLanguage);
  if (!isCampaignOpen(invitation, now)) {
    const closedOn = invitation.closedAt && invitation.closedAt < invitation.closesAt ? invitation.closedAt : invitation.closesAt;
    return { kind: 'closed', invitation, lang, hasSubmitted: response?.status === 'submitted', closedOn };
  }
  const snapshot = await snapshotOfCampaign(db, invitation);
  // The campaign went away between the two reads.
  if (!snapshot) return { kind: 'unknown' };
  return {
    kind: 'open',
    invitation,
    snapshot,
    response,
    raw: parseRawAnswers(response?.answers),
    lang,
  };
}

/** The campaign's launched snapshot, read from the database only the first time. */
async function snapshotOfCampaign(db: Db, invitation: InvitationForSurvey): Promise<CampaignSnapshot | undefined> {
  const launchedAt = invitation.launchedAt ?? '';
  const known = knownLaunchedSnapshot(db, invitation.campaignId, launchedAt);
  if (known) return known;
  const json = await findCampaignDefinition(db, invitation.campaignId);
  return json === null ? undefined : rememberLaunchedSnapshot(db, invitation.campaignId, launchedAt, json);
}

/**
 * What GET /s/<token> shows. Opening never consumes the link, submits or changes answers
 * (mail scanners open every link); it only records the first opening time.
 */
export async function openSurvey(
  db: Db,
  token: string,
  requestedLang: unknown,
  now: Date,
  onOpenedAtFailure: (error: unknown) => void = () => undefined,
): Promise<SurveyAccess> {
  const access = await findSurveyAccess(db, token, requestedLang, now);
  if (access.kind === 'open' && access.invitation.openedAt === null) {
    // Best effort: a database that cannot write (full disk, another writer) still shows the survey.
    try {
      await updateInvitationOpened(db, access.invitation.invitationId, now.toISOString());
    } catch (error) {
      onOpenedAtFailure(error);
    }
  }
  return access;
}

/** Passed to every submission hook, inside the transaction that stores the answers. */
export interface SubmittedResponse {
  responseId: number;
  invitationId: number;
  campaignId: number;
  customerId: number;
  contactId: number;
  language: Language;
  snapshot: CampaignSnapshot;
  answers: Answers;
  /** True when the respondent changed answers they had already submitted. */
  isResubmission: boolean;
  now: Date;
}
/**
 * Runs inside the submit transaction, after the response and its rows are written: write an
 * outbox row, an alert… A hook that throws rolls the submission back (the respondent sees a 500),
 * so keep hooks to local writes.
 */
export type SubmissionHook = (trx: Tx, submitted: SubmittedResponse) => Promise<void>;

export type SubmitOutcome =
  | { kind: 'refused'; access: Exclude<SurveyAccess, { kind: 'open' }> }
  | { kind: 'bad-form'; unknownFields: string[] }
  /** `step`: the step to show again (one section per page), with the errors of its questions. */
  | { kind: 'invalid'; access: Extract<SurveyAccess, { kind: 'open' }>; raw: RawAnswers; errors: FieldError[]; lang: Language; step: number }
  /** The database could not store the answers (busy beyond the retries, disk full): show them again to retry. */
  | { kind: 'unavailable'; access: Extract<SurveyAccess, { kind: 'open' }>; raw: RawAnswers; lang: Language; error: unknown; step: number }
  | { kind: 'saved'; responseId: number; step: number }
  /**
   * Moved to another step. `stored`: the answers are saved as a draft (else they were already
   * sent, and the changes travel with the page until sent again).
   */
  | { kind: 'step'; access: Extract<SurveyAccess, { kind: 'open' }>; raw: RawAnswers; lang: Language; step: number; stored: boolean }
  | { kind: 'submitted'; responseId: number };

/**
 * Saves or submits the answers posted through a personal link.
 *
 * - `save`: stores every entered value as a partial response, without validating it. A response
 *   that was already submitted is never turned back into a partial one: saving it validates and
 *   submits like `submit`.
 * - `submit`: validates everything against the campaign's snapshot; when valid, stores the
 *   response as submitted and replaces its answer_value, problem_mention and
 *   problem_rating_answer rows, then runs `hooks`, all in one transaction.
 *
 * Exactly one response per invitation, also under concurrent requests (upsert on the unique
 * invitation_id inside a transaction; a save never turns a submitted response back into a draft). Refuses unknown, revoked and closed links,
 * and forms with fields the survey does not have. When the database cannot store the answers
 * right now (busy beyond the retries, disk full) answers `unavailable` with every typed value,
 * so the form can be shown again. Throws only on other database errors.
 */
export type SurveyActionName = 'save' | 'submit' | 'next' | 'back';

export async function saveOrSubmitResponse(
  db: Db,
  input: { token: string; body: Record<string, unknown>; action: SurveyActionName | undefined; lang: unknown; step?: unknown },
  now: Date,
  hooks: readonly SubmissionHook[] = [],
): Promise<SubmitOutcome> {
  const access = await findSurveyAccess(db, input.token, input.lang, now);
  if (access.kind !== 'open') return { kind: 'refused', access };
  const { snapshot, invitation } = access;
  const read = readAnswerForm(snapshot.definition, input.body);
  if (!read.ok) return { kind: 'bad-form', unknownFields: read.unknownFields };
  const lang = access.lang;
  const raw = read.raw;
  const wasSubmitted = access.response?.status === 'submitted';
  const write = {
    invitationId: invitation.invitationId,
    campaignId: invitation.campaignId,
    customerId: invitation.customerId,
    contactId: invitation.contactId,
    language: lang,
    answers: JSON.stringify(raw),
    now: now.toISOString(),
  };

  const def = snapshot.definition;
  const stepped = isStepped(def);
  const step = stepped ? clampStep(def, input.step) : 1;
  // Enter in a text field posts no button: the next step, or sending on the last one.
  const action = input.action ?? (stepped && step < def.sections.length ? 'next' : 'submit');
  try {
    if (stepped && (action === 'next' || action === 'back')) {
      if (action === 'next') {
        const section = def.sections[step - 1];
        const result = validateAnswers(def, snapshot.catalogue, raw, lang);
        const errors = result.ok ? [] : result.errors.filter((e) => section?.questions.some((q) => q.id === e.questionId));
        if (errors.length) return { kind: 'invalid', access, raw, errors, lang, step };
      }
      const to = clampStep(def, action === 'next' ? step + 1 : step - 1);
      if (!wasSubmitted) await writeResponse(db, { access, raw, lang, write, action: 'save', wasSubmitted }, now, hooks);
      return { kind: 'step', access, raw, lang, step: to, stored: !wasSubmitted };
    }
    const outcome = await writeResponse(db, { access, raw, lang, write, action: action === 'save' ? 'save' : 'submit', wasSubmitted }, now, hooks);
    if (outcome.kind === 'saved') return { ...outcome, step };
    if (outcome.kind === 'invalid' && stepped) {
      // Sending from the last step: show the first step with an error, with its errors.
      const errorStep = stepOfQuestion(def, outcome.errors[0]?.questionId ?? '');
      return { ...outcome, step: errorStep };
    }
    return outcome;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { kind: 'unavailable', access, raw, lang, error, step };
    throw error;
  }
}

async function writeResponse(
  db: Db,
  input: {
    access: Extract<SurveyAccess, { kind: 'open' }>;
    raw: RawAnswers;
    lang: Language;
    write: Omit<ResponseWrite, 'status'>;
    action: 'save' | 'submit';
    wasSubmitted: boolean;
  },
  now: Date,
  hooks: readonly SubmissionHook[],
): Promise<Exclude<SubmitOutcome, { kind: 'step' }>> {
  const { access, raw, lang, write } = input;
  const { snapshot, invitation } = access;
  if (input.action === 'save' && !input.wasSubmitted) {
    return db.transaction().execute(async (trx) => {
      // A submit that won the race must not be turned back into a draft.
      // (checked by the conditional upsert too, for a submit committed after this read).
      const current = await findResponseByInvitation(trx, invitation.invitationId);
      if (current?.status === 'submitted') return { kind: 'saved', responseId: current.id, step: 1 } as const;
      const responseId = (await upsertResponse(trx, { ...write, status: 'partial' })) ?? (await findResponseByInvitation(trx, invitation.invitationId))?.id;
      if (responseId === undefined) throw new Error(`response of invitation ${invitation.invitationId} was not saved`);
      return { kind: 'saved', responseId, step: 1 } as const;
    });
  }

  const result = validateAnswers(snapshot.definition, snapshot.catalogue, raw, lang);
  if (!result.ok) return { kind: 'invalid', access, raw, errors: result.errors, lang, step: 1 };
  const rows = answerRows(snapshot.definition, result.answers);
  return db.transaction().execute(async (trx) => {
    const before = await findResponseByInvitation(trx, invitation.invitationId);
    const responseId = await upsertResponse(trx, { ...write, status: 'submitted' });
    const { hadRows } = await replaceAnswerRows(trx, { responseId, campaignId: invitation.campaignId, language: lang, now: write.now, isNewResponse: before === undefined }, rows);
    // A first submission counted nothing before: its counts are added, not its customer's recomputed.
    if (hadRows) await refreshRankingTotals(trx, invitation.campaignId, [write.customerId]);
    else await addRankingTotalsOfResponse(trx, responseId);
    const submitted: SubmittedResponse = {
      responseId,
      invitationId: invitation.invitationId,
      campaignId: invitation.campaignId,
      customerId: invitation.customerId,
      contactId: invitation.contactId,
      language: lang,
      snapshot,
      answers: result.answers,
      isResubmission: before?.status === 'submitted',
      now,
    };
    for (const hook of hooks) await hook(trx, submitted);
    await emitWebhookEvent(trx, 'response.submitted', { responseId, campaignId: invitation.campaignId, customerId: invitation.customerId, contactId: invitation.contactId, language: lang, submittedAt: write.now, isResubmission: submitted.isResubmission }, now);
    return { kind: 'submitted', responseId } as const;
  });
}
