import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { Logger } from '../shared/logger';
import { addSeconds } from '../shared/time';
import { hashToken } from '../shared/tokens';
import { invitationToken } from '../campaigns/invitation-token';
import { findInvitationTokenParts } from '../campaigns/invitation.repository';
import { findFollowupTokenSalt, updateFollowupTokenHash } from '../tickets/followup.repository';
import { followupToken } from '../tickets/followup-token';
import { classifyFailure, MAX_ATTEMPTS, oneLine, retryDelaySeconds, TOKEN_MARKER } from '../mail/mail';
import { claimDueMails, findBlockReason, markFailed, markRetry, markSent, type ClaimedMail } from '../mail/delivery.repository';
import type { MailTransport, OutgoingMail } from '../mail/transport';

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  /** The server secret invitation tokens are derived from. */
  secret: string;
  from: { name: string; address: string };
  /** At most this many mails per second. */
  rate: number;
  /** First retry delay after a temporary failure; doubles with each attempt. */
  retrySeconds: number;
  logger?: Logger;
  workerId?: string;
}

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/** Spaces sends so no more than `rate` start in any second (wall time). */
class Pacer {
  private next = 0;
  constructor(private readonly intervalMs: number) {}
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/**
 * Sends due outbox mails. Several workers (in one process or several) may run at once:
 * each claims its mails in a BEGIN IMMEDIATE transaction, so a mail is sent by one of them;
 * a worker that dies leaves a lease that expires, after which another retries the mail.
 */
export class MailWorker {
  readonly id: string;
  private readonly pacer: Pacer;
  private readonly batchSize: number;
  private readonly domain: string;

  constructor(private readonly options: MailWorkerOptions) {
    this.id = options.workerId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    this.pacer = new Pacer(1000 / options.rate);
    this.batchSize = Math.max(1, Math.min(100, Math.ceil(options.rate)));
    this.domain = options.from.address.split('@')[1] ?? 'localhost';
  }

  /** Claims one batch of due mails and sends them. `now` decides what is due and when retries happen. */
  async runOnce(now: Date): Promise<RunResult> {
    const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    const mails = await claimDueMails(this.options.db, this.id, now, this.batchSize);
    result.claimed = mails.length;
    const sends: Promise<void>[] = [];
    const sent: { id: number; messageId: string; invitationId: number | null }[] = [];
    for (const mail of mails) {
      await this.pacer.take();
      sends.push(this.deliver(mail, now, result, sent));
    }
    await Promise.all(sends);
    // One commit for the batch: a crash before it only means these mails are sent again (at least once).
    await markSent(this.options.db, sent, this.id, now);
    return result;
  }

  /** Runs batches until nothing is due at `now` (tests and the bench). */
  async drain(now: Date): Promise<RunResult> {
    const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    for (;;) {
      const r = await this.runOnce(now);
      for (const key of Object.keys(total) as (keyof RunResult)[]) total[key] += r[key];
      if (r.claimed === 0) return total;
    }
  }

  private async deliver(mail: ClaimedMail, now: Date, result: RunResult, sent: { id: number; messageId: string; invitationId: number | null }[]): Promise<void> {
    const { db, logger } = this.options;
    try {
      const blocked = await findBlockReason(db, mail);
      if (blocked) {
        await markFailed(db, mail.id, this.id, blocked, null, now, 'cancelled');
        result.cancelled++;
        return;
      }
      const outgoing = await this.compose(mail);
      await this.options.transport.send(outgoing);
      sent.push({ id: mail.id, messageId: outgoing.messageId, invitationId: mail.invitationId });
      result.sent++;
    } catch (error) {
      if (error instanceof ComposeError) {
        await markFailed(db, mail.id, this.id, error.message, null, now);
        result.failed++;
        return;
      }
      const failure = classifyFailure(error);
      if (failure.permanent) {
        await markFailed(db, mail.id, this.id, failure.message, failure.suppress ? { email: mail.toEmail } : null, now);
        result.failed++;
      } else if (mail.attempts >= MAX_ATTEMPTS) {
        await markFailed(db, mail.id, this.id, `gave up after ${mail.attempts} attempts: ${failure.message}`, null, now);
        result.failed++;
      } else {
        await markRetry(db, mail.id, this.id, failure.message, addSeconds(now, retryDelaySeconds(this.options.retrySeconds, mail.attempts)));
        result.retried++;
      }
      logger?.warn({ outboxId: mail.id, attempt: mail.attempts, error: failure.message }, 'mail not delivered');
    }
  }

  private async compose(mail: ClaimedMail): Promise<OutgoingMail> {
    let { textBody: text, htmlBody: html } = mail;
    const headers = { ...mail.headers };
    const needsToken = [text, html, ...Object.values(headers)].some((s) => s.includes(TOKEN_MARKER));
    if (needsToken) {
      const token = await this.tokenOf(mail);
      text = text.split(TOKEN_MARKER).join(token);
      html = html.split(TOKEN_MARKER).join(token);
      for (const key of Object.keys(headers)) headers[key] = headers[key]!.split(TOKEN_MARKER).join(token);
    }
    return {
      from: { name: oneLine(this.options.from.name), address: this.options.from.address },
      to: { name: oneLine(mail.toName ?? ''), address: mail.toEmail },
      subject: oneLine(mail.subject),
      text,
      html,
      headers,
      // Stable across retries, so a receiver can recognise a repeated delivery.
      messageId: `<outbox-${mail.id}@${this.domain}>`,
    };
  }

  private async tokenOf(mail: ClaimedMail): Promise<string> {
    if (mail.refType === 'followup' && mail.refId !== null) return this.followupTokenOf(mail.refId);
    const { invitationId } = mail;
    if (invitationId === null) throw new ComposeError('mail has a link placeholder but no invitation');
    const row = await findInvitationTokenParts(this.options.db, invitationId);
    if (!row) throw new ComposeError('invitation no longer exists');
    const token = invitationToken(this.options.secret, row.salt);
    // A changed server secret would mail links that lead nowhere: refuse rather than send them.
    if (hashToken(token) !== row.tokenHash) throw new ComposeError('server secret changed since launch; the personal link cannot be rebuilt');
    return token;
  }

  // Derived from the follow-up's salt, so a retry mails the same link; its hash is stored before
  // the mail goes, so the link opens as soon as the contact can click it.
  private async followupTokenOf(followupId: number): Promise<string> {
    const salt = await findFollowupTokenSalt(this.options.db, followupId);
    if (!salt) throw new ComposeError('follow-up no longer exists or has no link salt');
    const token = followupToken(this.options.secret, salt);
    await updateFollowupTokenHash(this.options.db, followupId, hashToken(token));
    return token;
  }
}

class ComposeError extends Error {}
