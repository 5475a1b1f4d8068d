import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { accountKamScope } from '../auth/user.policy';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { DEFAULT_LANGUAGE, resolveLanguage, textIn, type Language } from '../shared/languages';
import { runExclusively } from '../db/job-lock.repository';
import { findAlertMailOfUser, updateAlertMailOfUser } from '../accounts/user.repository';
import { getMailSite } from '../organisation/organisation.service';
import { enqueueMail } from '../mail/outbox.repository';
import { campaignQuestions } from '../analysis/campaign-questions';
import type { SubmissionHook } from '../surveys/response.service';
import {
  countOpenKamAlerts,
  findAlertSubject,
  findKamAlertById,
  hasKamAlert,
  insertKamAlert,
  listKamsWithUnmailedAlerts,
  listNumericAnswers,
  listOpenKamAlerts,
  listUnmailedAlertsOfKam,
  updateKamAlertHandled,
  updateKamAlertsMailed,
  type AlertMail,
  type KamAlert,
} from './kam-alert.repository';
import { alertsIn } from './kam-alert-texts';
import { kamAlertDigestMail, kamAlertMail, type AlertAnswer } from './kam-alert-mail';
import { canChooseAlertMail, canHandleKamAlert, canSeeKamAlerts } from './ticket.policy';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';

/** Very negative: NPS 0–6, or a rating of 1–2. */
export function isAlarming(type: 'nps' | 'rating', value: number): boolean {
  return type === 'nps' ? value <= 6 : value <= 2;
}

/**
 * The inner loop: when a submitted response has an NPS of 0–6 or any rating of 1–2, an alert
 * is stored for the account's KAM (shown on their overview until handled) and the KAM gets a
 * mail at once (through the outbox, in the caller's transaction) with those answers and a link
 * to the account, or, when they chose the daily digest, in the next digest. Once per response;
 * nothing when the account has no active KAM. Returns whether an alert was raised.
 */
export async function alertKamOnNegativeAnswers(trx: Db, responseId: number, now: Date, options: { baseUrl?: string } = {}): Promise<boolean> {
  const subject = await findAlertSubject(trx, responseId);
  if (!subject || !subject.kam.isActive) return false;
  if (await hasKamAlert(trx, responseId)) return false;

  const questions = campaignQuestions(subject.definition).all;
  const site = await getMailSite(trx, options.baseUrl ?? '');
  // The mail names the questions in the KAM's language; the stored alert keeps their ids (each
  // page names them in its reader's language) and, for the API and as a fallback, their English text.
  const kamLanguage = resolveLanguage(subject.kam.language, site.language);
  const answers: AlertAnswer[] = [];
  const mailed: AlertAnswer[] = [];
  const raised: { questionId: string; value: number }[] = [];
  for (const { questionId, value } of await listNumericAnswers(trx, responseId)) {
    const q = questions.find((x) => x.id === questionId);
    if (!q || (q.type !== 'nps' && q.type !== 'rating')) continue;
    if (!isAlarming(q.type, value)) continue;
    const scale = q.type === 'nps' ? '0–10' : `1–${q.scale}`;
    answers.push({ questionId, question: q.text.en || q.id, value, scale });
    mailed.push({ question: textIn(q.text, kamLanguage) || q.id, value, scale });
    raised.push({ questionId, value });
  }
  if (!answers.length) return false;
  const isMailedNow = subject.kam.alertMail === 'each';
  await insertKamAlert(
    trx,
    { responseId, campaignId: subject.campaignId, customerId: subject.customerId, contactId: subject.contactId, kamUserId: subject.kam.id, answers },
    now,
    isMailedNow ? now : null,
  );
  if (isMailedNow) await enqueueMail(
    trx,
    kamAlertMail(
      {
        responseId,
        customerId: subject.customerId,
        customerName: subject.customerName,
        contactName: subject.contactName,
        contactEmail: subject.contactEmail,
        campaignName: subject.campaignName,
        answers: mailed,
      },
      subject.kam,
      site,
    ),
    now,
  );
  await emitWebhookEvent(
    trx,
    'kam_alert.raised',
    { responseId, campaignId: subject.campaignId, customerId: subject.customerId, contactId: subject.contactId, kamUserId: subject.kam.id, answers: raised, raisedAt: now.toISOString() },
    now,
  );
  return true;
}

/** The submission hook the respondent pages run inside their submit transaction. */
export function kamAlertHook(baseUrl: string): SubmissionHook {
  return async (trx, submitted) => {
    // Most responses have no alarming answer: then no alert, and no query inside the submission.
    const hasAlarming = Object.values(submitted.answers).some((a) => (a.type === 'nps' || a.type === 'rating') && a.value !== null && isAlarming(a.type, a.value));
    if (hasAlarming) await alertKamOnNegativeAnswers(trx, submitted.responseId, submitted.now, { baseUrl });
  };
}

/** The hour (UTC) from which each day's digest goes out; it lists the alerts raised before it. */
export const DIGEST_HOUR_UTC = 6;

/** The latest digest time at or before `now`. */
export function digestCutoff(now: Date): Date {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  return cutoff.getTime() > now.getTime() ? new Date(cutoff.getTime() - 24 * 3600 * 1000) : cutoff;
}

/**
 * The daily digest: every active KAM with alerts not yet mailed that were raised before today's
 * digest time gets one mail listing them, and they count as mailed. Alerts raised later wait for
 * tomorrow's, so a KAM gets at most one digest a day. Each KAM's mail and marks are one
 * transaction that re-checks what is unmailed; the job runs in one instance at a time ('kam-alert-digest'
 * in job_lock). Returns how many digests were queued.
 */
export async function sendKamAlertDigests(db: Db, now: Date, options: { baseUrl?: string } = {}): Promise<number> {
  return (await runExclusively(db, 'kam-alert-digest', now, () => sendEachDigest(db, now, options.baseUrl ?? ''))) ?? 0;
}

async function sendEachDigest(db: Db, now: Date, baseUrl: string): Promise<number> {
  const cutoff = digestCutoff(now);
  let sent = 0;
  for (const kam of await listKamsWithUnmailedAlerts(db, cutoff)) {
    const isSent = await db.transaction().execute(async (trx) => {
      const alerts = await listUnmailedAlertsOfKam(trx, kam.id, cutoff);
      if (!alerts.length) return false;
      if ((await updateKamAlertsMailed(trx, alerts.map((a) => a.id), now)) !== alerts.length) return false;
      const site = await getMailSite(trx, baseUrl);
      await enqueueMail(trx, kamAlertDigestMail(alertsIn(alerts, resolveLanguage(kam.language, site.language)), kam, site), now);
      return true;
    });
    if (isSent) sent += 1;
  }
  return sent;
}

/**
 * The alerts not yet handled that the user sees: a KAM those of the accounts they are KAM of
 * now, quality managers and admins every account's; the questions named in `lang` (the reader's);
 * the newest `limit` of them (the repository's default when not given).
 * @throws ForbiddenError (team members)
 */
export async function listOpenAlerts(db: Db, user: CurrentUser, lang: Language = DEFAULT_LANGUAGE, limit?: number): Promise<{ alerts: KamAlert[]; total: number }> {
  if (!canSeeKamAlerts(user)) throw new ForbiddenError('KAM alerts are for KAMs and quality managers');
  const scope = accountKamScope(user);
  const [alerts, total] = await Promise.all([listOpenKamAlerts(db, scope, limit), countOpenKamAlerts(db, scope)]);
  return { alerts: alertsIn(alerts, lang), total };
}

/**
 * Marks an alert handled, recording by whom and when; handling it again changes nothing.
 * @throws ForbiddenError (team members), NotFoundError (missing, or another KAM's account)
 */
export async function markAlertHandled(db: Db, user: CurrentUser, id: number, now: Date): Promise<KamAlert> {
  if (!canSeeKamAlerts(user)) throw new ForbiddenError('KAM alerts are for KAMs and quality managers');
  return db.transaction().execute(async (trx) => {
    const alert = await findKamAlertById(trx, id);
    if (!alert || !canHandleKamAlert(user, alert)) throw new NotFoundError(`alert ${id}`);
    await updateKamAlertHandled(trx, id, user.id, now);
    return alert;
  });
}

/** How the user wants KAM alerts mailed. */
export async function getAlertMail(db: Db, user: CurrentUser): Promise<AlertMail> {
  return findAlertMailOfUser(db, user.id);
}

/**
 * Sets how the KAM's own alerts are mailed: one mail each, or a daily digest. Returns the choice.
 * @throws ForbiddenError (not a KAM: nobody else is alerted)
 */
export async function setAlertMail(db: Db, user: CurrentUser, alertMail: AlertMail, now: Date): Promise<AlertMail> {
  if (!canChooseAlertMail(user)) throw new ForbiddenError('only KAMs receive alerts');
  await updateAlertMailOfUser(db, user.id, alertMail, now);
  return alertMail;
}
