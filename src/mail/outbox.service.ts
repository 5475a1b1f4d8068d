import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { showTokenPlaceholder, type OutboxStatus } from './mail';
import { canAdministerMail } from './mail.policy';
import { countOutboxByStatus, findOutboxMail, listOutbox, type OutboxListRow, type OutboxMail } from './outbox.repository';
import { deleteSuppression, listSuppressions, type Suppression } from './suppression.repository';
import { findSendingPause, isPausedAt, type SendingPause } from './sending-pause.service';

function requireMailAdmin(user: CurrentUser): void {
  if (!canAdministerMail(user)) throw new ForbiddenError('only admins see the outbox and suppressions');
}

/**
 * The latest outbox mails (of one status, if given), how many mails each status has, and the
 * pause of all sending in force at `now` (a refusal of the sender or a lost connection), if any.
 * @throws ForbiddenError
 */
export async function getOutbox(
  db: Db,
  user: CurrentUser,
  status: OutboxStatus | undefined,
  now: Date,
): Promise<{ mails: OutboxListRow[]; counts: Record<string, number>; pause: SendingPause | undefined }> {
  requireMailAdmin(user);
  const pause = await findSendingPause(db);
  return { mails: await listOutbox(db, { status }), counts: await countOutboxByStatus(db), pause: pause && isPausedAt(pause, now) ? pause : undefined };
}

/**
 * One stored mail, with a placeholder where the worker puts the personal token.
 * @throws ForbiddenError, NotFoundError
 */
export async function getOutboxMail(db: Db, user: CurrentUser, id: number): Promise<OutboxMail> {
  requireMailAdmin(user);
  const mail = await findOutboxMail(db, id);
  if (!mail) throw new NotFoundError(`mail ${id}`);
  return {
    ...mail,
    textBody: showTokenPlaceholder(mail.textBody),
    htmlBody: showTokenPlaceholder(mail.htmlBody),
    headers: Object.fromEntries(Object.entries(mail.headers).map(([name, value]) => [name, showTokenPlaceholder(value)])),
  };
}

/** @throws ForbiddenError */
export async function listSuppressedAddresses(db: Db, user: CurrentUser): Promise<Suppression[]> {
  requireMailAdmin(user);
  return listSuppressions(db);
}

/** Lets the address be mailed again. @throws ForbiddenError */
export async function removeSuppression(db: Db, user: CurrentUser, email: string): Promise<void> {
  requireMailAdmin(user);
  await deleteSuppression(db, email);
}
