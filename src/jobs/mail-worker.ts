import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { Logger } from '../shared/logger';
import { addSeconds, type Clock } from '../shared/time';
import { hashToken, matchesStoredTokenHash } from '../shared/tokens';
import { invitationToken, saltFromStore, tokenHashFromStore } from '../campaigns/invitation-token';
import { findFollowupTokenSalt, updateFollowupTokenHash } from '../tickets/followup.repository';
import { followupToken } from '../tickets/followup-token';
import { classifyFailure, isValidAddress, LEASE_SECONDS, logoAttachments, MAX_ATTEMPTS, MAX_PAUSED_ATTEMPTS, oneLine, prepareParts, retryDelaySeconds, SENDER_NAME_HEADER, type PreparedParts } from '../mail/mail';
import { getLogo, getOrganisation } from '../organisation/organisation.service';
import { claimDueMails, markFailed, markRetry, markSent, releaseMails, renewLeases, type ClaimedMail, type SentMail } from '../mail/delivery.repository';
import { findTemplates } from '../mail/outbox.repository';
import { clearSendingPause, findSendingPause, isPausedAt, pauseSending } from '../mail/sending-pause.service';
import type { MailTransport, OutgoingMail } from '../mail/transport';
import { SinglePass } from './run-loop';

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  /** The server secret invitation tokens are derived from. */
  secret: string;
  /** MAIL_FROM_NAME and MAIL_FROM: the sender when the organisation has set none. */
  from: { name: string; address: string };
  /** At most this many mails per second. */
  rate: number;
  /** First retry delay after a temporary failure; doubles with each attempt. */
  retrySeconds: number;
  /** First pause of all sending after a sender-side refusal; doubles while they go on. Default: retrySeconds. */
  pauseSeconds?: number;
  /** Mails handed to the transport at once (default 20: four times the SMTP pool, so no connection waits while the worker commits). */
  concurrency?: number;
  /** How long a claim lasts without renewal (default LEASE_SECONDS); renewed every quarter of it. */
  leaseSeconds?: number;
  logger?: Logger;
  workerId?: string;
}

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  /** Mails given back untried or deferred because sending was paused (or the worker stopped). */
  paused: number;
}

function emptyResult(): RunResult {
  return { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, paused: 0 };
}

/**
 * Spaces sends so no more than `rate` start in any second (wall time). A wait shorter than a
 * millisecond is not taken (a timer cannot wait less, so at a high rate every send would lose a
 * millisecond): its time still counts, so later sends wait for it and the rate holds.
 */
class Pacer {
  private next = 0;
  constructor(private readonly intervalMs: number) {}
  async take(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at - now >= 1) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/**
 * Records delivered mails in as few commits as possible (each commit waits for the disk, and so
 * does every connection meanwhile): the sends that finish within GROUP_COMMIT_MS, or while the
 * previous commit runs, share one; once nothing more is in flight, hurry() commits at once. A
 * failed commit is tried again: a delivered mail left unrecorded would be sent again once its
 * lease ran out.
 */
class SentRecorder {
  private waiting: { mail: SentMail; done: () => void }[] = [];
  private running: Promise<void> | undefined;
  /** Ends the current wait for more mails early. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly at: () => Date,
    private readonly logger?: Logger,
  ) {}

  record(mail: SentMail): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push({ mail, done: resolve });
      this.running ??= this.flush().finally(() => (this.running = undefined));
      if (this.waiting.length >= GROUP_COMMIT_MAX) this.hurry();
    });
  }

  /** Commits what waits now instead of waiting for more (the pass is ending, or the group is full). */
  hurry(): void {
    this.wake?.();
  }

  private async flush(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, GROUP_COMMIT_MS);
    });
    clearTimeout(timer);
    this.wake = undefined;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      for (let attempt = 1; ; attempt++) {
        try {
          await markSent(this.db, batch.map((b) => b.mail), this.at());
          break;
        } catch (error) {
          this.logger?.error({ err: error, attempt, mails: batch.length }, 'could not record delivered mails');
          if (attempt >= 5) break;
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
        }
      }
      for (const b of batch) b.done();
    }
  }
}

/**
 * How long a delivered mail may wait for others to share its commit, and how many share one at
 * most. Long enough that a slow pass (a loaded machine) does not turn into one commit per few mails.
 */
const GROUP_COMMIT_MS = 500;
const GROUP_COMMIT_MAX = 1000;
const IDLE_POLL_MS = 500;

/**
 * Wakes the pump when a send ends. One waiter at a time; a wake with nobody waiting is kept for
 * the next wait. (A Promise.race over every send in flight added a handler to each of them on
 * every turn of the loop, and a slow send kept them all for as long as it waited.)
 */
class Wakeup {
  private wake: (() => void) | undefined;
  private isPending = false;

  notify(): void {
    if (this.wake) this.wake();
    else this.isPending = true;
  }

  /** Resolves at the next notify (or at once if one came since the last wait), or after `ms` if given. */
  async wait(ms?: number): Promise<void> {
    if (this.isPending) {
      this.isPending = false;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (ms !== undefined) timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = undefined;
    this.isPending = false;
  }
}

/**
 * Sends due outbox mails. Several workers (in one process or several) may run at once: a claim
 * is a conditional update, so each mail has one holder, whose lease the worker renews while it
 * holds the mail; a worker that dies leaves leases that run out, after which another retries the
 * mail. At most `concurrency` mails are in flight, each recorded as soon as it is done, so a slow
 * server answer delays only its own mail. Delivery is at least once: a mail sent just before its
 * worker died is sent again, with the same Message-ID.
 */
export class MailWorker {
  readonly id: string;
  private readonly pacer: Pacer;
  private readonly concurrency: number;
  private readonly leaseSeconds: number;
  private readonly pauseSeconds: number;
  private readonly domain: string;
  private readonly templates = new Map<number, Promise<PreparedParts>>();
  /** The server secret as a key, prepared once for every invitation token. */
  private readonly tokenKey: crypto.KeyObject;
  private stopping = false;
  private readonly pass = new SinglePass<RunResult>('mail worker');
  /** Claimed and not yet recorded, by id (for lease renewal and release on stop). */
  private readonly held = new Set<number>();
  /** Held mails the server accepted, whose "sent" is not committed yet: never given back. */
  private readonly delivered = new Set<number>();
  /** Commits of "sent" under way. */
  private readonly recording = new Set<Promise<void>>();
  /** Whether a pause was seen since the last delivery (a delivery then clears it). */
  private pauseSeen = false;

  constructor(private readonly options: MailWorkerOptions) {
    this.id = options.workerId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    this.pacer = new Pacer(1000 / options.rate);
    this.concurrency = Math.max(1, options.concurrency ?? 20);
    this.leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
    this.pauseSeconds = options.pauseSeconds ?? options.retrySeconds;
    this.domain = options.from.address.split('@')[1] ?? 'localhost';
    this.tokenKey = crypto.createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  /**
   * Claims and sends due mails until none is due and none is in flight. `now` decides what is due
   * and when retries happen: a fixed time (tests) or a clock (the background worker).
   */
  async runOnce(now: Date | Clock): Promise<RunResult> {
    return this.pass.run(now, (clock) => this.pump(clock));
  }

  /** Runs until nothing is due at `now` (tests and the bench). */
  async drain(now: Date | Clock): Promise<RunResult> {
    const total = emptyResult();
    for (;;) {
      const r = await this.runOnce(now);
      for (const key of Object.keys(total) as (keyof RunResult)[]) total[key] += r[key];
      if (r.claimed === 0) return total;
    }
  }

  /**
   * Stops claiming and starting sends, gives back the mails not yet started, and waits up to
   * `graceMs` for those in flight; mails still in flight then are given back too (another worker
   * may send them again: at least once). Mails the server already accepted are recorded as sent.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const running = this.pass.current;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([running.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer);
    if (finished) return;
    const unsent = [...this.held].filter((id) => !this.delivered.has(id));
    if (unsent.length > 0) await releaseMails(this.options.db, this.id, unsent, undefined, 'worker stopped while sending');
    for (const id of unsent) this.held.delete(id);
    await Promise.all(this.recording);
  }

  private async pump(clock: Clock): Promise<RunResult> {
    const { db, logger } = this.options;
    const result = emptyResult();
    const queue: ClaimedMail[] = [];
    const sends = new Set<Promise<void>>();
    const sendEnded = new Wakeup();
    const recorder = new SentRecorder(db, clock, logger);
    const sender = await this.senderNow();
    // Claims come in batches (each is a commit, during which every connection waits for the
    // disk): when fewer than twice `concurrency` mails wait, up to `prefetch` are held.
    const prefetch = Math.max(4 * this.concurrency, 500);
    let paused = false;
    let nothingDue = false;
    const leaseUntil = () => addSeconds(clock(), this.leaseSeconds);
    const renew = setInterval(() => void this.renew(queue, leaseUntil()), (this.leaseSeconds * 1000) / 4);
    renew.unref();
    try {
      for (;;) {
        if (!this.stopping && !paused && queue.length < 2 * this.concurrency) {
          const pause = await findSendingPause(db);
          this.pauseSeen ||= pause !== undefined;
          if (isPausedAt(pause, clock())) {
            paused = true;
          } else {
            const claimed = await claimDueMails(db, this.id, clock(), leaseUntil(), prefetch - queue.length - sends.size);
            for (const mail of claimed) this.held.add(mail.id);
            queue.push(...claimed);
            result.claimed += claimed.length;
            nothingDue = claimed.length === 0;
          }
        }
        while (!this.stopping && !paused && sends.size < this.concurrency && queue.length > 0) {
          const mail = queue.shift()!;
          const send: Promise<void> = this.deliver(mail, clock, result, recorder, sender)
            .then((outcome) => {
              if (outcome === 'paused') paused = true;
            })
            .catch((error: unknown) => logger?.error({ err: error, outboxId: mail.id }, 'mail worker could not record a delivery'))
            .finally(() => {
              sends.delete(send);
              sendEnded.notify();
            });
          sends.add(send);
        }
        const idle = this.stopping || paused || (queue.length === 0 && nothingDue);
        if (sends.size === 0 && idle) {
          recorder.hurry();
          break;
        }
        // Wait for a send to finish; while only slow ones are out, look for newly due mails now and then.
        await sendEnded.wait(sends.size === 0 ? 0 : nothingDue ? IDLE_POLL_MS : undefined);
      }
      await Promise.all(this.recording);
      if (queue.length > 0) {
        await releaseMails(db, this.id, queue.map((m) => m.id));
        for (const mail of queue) this.held.delete(mail.id);
        result.paused += queue.length;
      }
      return result;
    } finally {
      clearInterval(renew);
    }
  }

  /** Extends the leases of every mail held; drops queued mails whose lease another worker took. */
  private async renew(queue: ClaimedMail[], until: Date): Promise<void> {
    if (this.held.size === 0) return;
    try {
      const still = await renewLeases(this.options.db, this.id, [...this.held], until);
      for (let i = queue.length - 1; i >= 0; i--) {
        if (!still.has(queue[i]!.id)) {
          this.held.delete(queue[i]!.id);
          queue.splice(i, 1);
        }
      }
    } catch (error) {
      this.options.logger?.error({ err: error }, 'could not renew mail leases');
    }
  }

  /**
   * Sends one mail and records the outcome. A delivery's slot is free as soon as the server said
   * yes; the mail stays held (its lease renewed) until its "sent" is committed.
   */
  private async deliver(mail: ClaimedMail, clock: Clock, result: RunResult, recorder: SentRecorder, sender: Sender): Promise<'done' | 'paused'> {
    const { db } = this.options;
    let keepHeld = false;
    try {
      if (mail.blockReason) {
        await markFailed(db, mail.id, this.id, mail.blockReason, null, clock(), 'cancelled');
        result.cancelled++;
        return 'done';
      }
      let outgoing: OutgoingMail;
      try {
        outgoing = await this.compose(mail, sender);
      } catch (error) {
        if (!(error instanceof ComposeError)) throw error;
        await markFailed(db, mail.id, this.id, error.message, null, clock());
        result.failed++;
        return 'done';
      }
      await this.pacer.take();
      if (this.stopping) {
        await releaseMails(db, this.id, [mail.id]);
        result.paused++;
        return 'done';
      }
      try {
        await this.options.transport.send(outgoing);
      } catch (error) {
        return await this.recordFailure(mail, error, clock, result);
      }
      result.sent++;
      keepHeld = true;
      this.delivered.add(mail.id);
      const recorded: Promise<void> = recorder.record({ id: mail.id, messageId: outgoing.messageId, invitationId: mail.invitationId }).finally(() => {
        this.held.delete(mail.id);
        this.delivered.delete(mail.id);
        this.recording.delete(recorded);
      });
      this.recording.add(recorded);
      if (this.pauseSeen) {
        this.pauseSeen = false;
        await clearSendingPause(db);
      }
      return 'done';
    } finally {
      if (!keepHeld) this.held.delete(mail.id);
    }
  }

  private async recordFailure(mail: ClaimedMail, error: unknown, clock: Clock, result: RunResult): Promise<'done' | 'paused'> {
    const { db, logger } = this.options;
    const now = clock();
    if (this.stopping) {
      // The transport closed under the send: a stop, not the server's answer.
      await releaseMails(db, this.id, [mail.id], undefined, 'worker stopped while sending');
      result.paused++;
      return 'done';
    }
    const failure = classifyFailure(error);
    logger?.warn({ outboxId: mail.id, attempt: mail.attempts, action: failure.action, error: failure.message }, 'mail not delivered');
    switch (failure.action) {
      case 'suppress':
        await markFailed(db, mail.id, this.id, failure.message, { email: mail.toEmail }, now);
        result.failed++;
        return 'done';
      case 'fail':
        await markFailed(db, mail.id, this.id, failure.message, null, now);
        result.failed++;
        return 'done';
      case 'retry':
        if (mail.attempts >= MAX_ATTEMPTS) {
          await markFailed(db, mail.id, this.id, `gave up after ${mail.attempts} attempts: ${failure.message}`, null, now);
          result.failed++;
        } else {
          await markRetry(db, mail.id, this.id, failure.message, addSeconds(now, retryDelaySeconds(this.options.retrySeconds, mail.attempts)));
          result.retried++;
        }
        return 'done';
      case 'pause': {
        if (mail.attempts >= MAX_PAUSED_ATTEMPTS) {
          await markFailed(db, mail.id, this.id, `gave up after ${mail.attempts} attempts: ${failure.message}`, null, now);
          result.failed++;
          return 'done';
        }
        const pause = await pauseSending(db, failure.message, now, this.pauseSeconds);
        this.pauseSeen = true;
        await markRetry(db, mail.id, this.id, `sending paused: ${failure.message}`, new Date(pause.until));
        result.paused++;
        logger?.warn({ until: pause.until, reason: pause.reason }, 'mail sending paused');
        return 'paused';
      }
    }
  }

  /**
   * Who mails come from in this pass: the organisation's sender name (else its name) and address,
   * else MAIL_FROM_NAME and MAIL_FROM; and its reply-to. Read once per pass, so a change applies
   * to the next mails.
   */
  private async senderNow(): Promise<Sender> {
    const { from } = this.options;
    try {
      const [org, logo] = await Promise.all([getOrganisation(this.options.db), getLogo(this.options.db)]);
      return { name: org.senderName ?? org.name ?? from.name, address: org.senderAddress ?? from.address, replyTo: org.replyTo, logo: logo ?? null };
    } catch (error) {
      this.options.logger?.error({ err: error }, 'could not read the organisation; sending as MAIL_FROM');
      return { name: from.name, address: from.address, replyTo: null, logo: null };
    }
  }

  private async compose(mail: ClaimedMail, sender: Sender): Promise<OutgoingMail> {
    const prepared = mail.templateId !== null ? await this.templateOf(mail.templateId) : prepareParts({ subject: mail.subject, text: mail.textBody, html: mail.htmlBody, headers: mail.headers }, false);
    // The token and a recipient's values go in in one pass: a value can never become a token.
    const parts = prepared.fill(prepared.needsToken ? await this.tokenOf(mail) : '', mail.fields);
    // The mail's own sender name and reply-to (a campaign's) go into From and Reply-To, never out as headers of their own.
    const { [SENDER_NAME_HEADER]: ownName, 'Reply-To': ownReplyTo, ...headers } = parts.headers;
    const replyTo = [ownReplyTo, sender.replyTo].map((a) => a?.trim().toLowerCase()).find((a): a is string => !!a && isValidAddress(a));
    return {
      from: { name: oneLine(ownName?.trim() || sender.name), address: sender.address },
      to: { name: oneLine(mail.toName ?? ''), address: mail.toEmail },
      ...(replyTo ? { replyTo } : {}),
      subject: oneLine(parts.subject).slice(0, 400),
      text: parts.text,
      html: parts.html,
      headers,
      attachments: logoAttachments(parts.html, sender.logo),
      // Stable across retries, so a receiver can recognise a repeated delivery.
      messageId: `<outbox-${mail.id}@${this.domain}>`,
    };
  }

  /** Shared texts never change once stored, so each is read and prepared once per worker (also by mails composed at the same time). */
  private templateOf(id: number): Promise<PreparedParts> {
    let prepared = this.templates.get(id);
    if (!prepared) {
      prepared = findTemplates(this.options.db, [id]).then((found) => {
        const text = found.get(id);
        if (!text) throw new ComposeError(`mail text ${id} no longer exists`);
        return prepareParts(text, true);
      });
      prepared.catch(() => this.templates.delete(id));
      if (this.templates.size >= 1000) this.templates.clear();
      this.templates.set(id, prepared);
    }
    return prepared;
  }

  private async tokenOf(mail: ClaimedMail): Promise<string> {
    if (mail.refType === 'followup' && mail.refId !== null) return this.followupTokenOf(mail.refId);
    const { invitationId } = mail;
    if (invitationId === null) throw new ComposeError('mail has a link placeholder but no invitation');
    const stored = mail.invitationCredentials;
    if (!stored) throw new ComposeError('invitation no longer exists');
    const token = invitationToken(this.tokenKey, saltFromStore(stored.salt));
    // A changed server secret would mail links that lead nowhere: refuse rather than send them.
    if (!matchesStoredTokenHash(hashToken(token), tokenHashFromStore(stored.tokenHash))) throw new ComposeError('server secret changed since launch; the personal link cannot be rebuilt');
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

interface Sender {
  name: string;
  address: string;
  replyTo: string | null;
  /** The organisation's logo, attached to mails whose HTML shows it. */
  logo: { contentType: string; data: Buffer } | null;
}
