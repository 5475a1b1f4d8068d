import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { showTokenPlaceholder } from './mail';
import { canAdministerMail } from './mail.policy';
import { countOutbox, countOutboxByStatus, findOutboxMail, listOutbox, type OutboxFilter, type OutboxListRow, type OutboxMail } from './outbox.repository';
import { clampPage } from '../shared/pager';
import { deleteSuppression, listSuppressions, type Suppression } from './suppression.repository';
import { findSendingPause, isPausedAt, type SendingPause } from './sending-pause.service';

function requireMailAdmin(user: CurrentUser): void {
  if (!canAdministerMail(user)) throw new ForbiddenError('only admins see the outbox and suppressions');
}

export const OUTBOX_PAGE_SIZE = 50;

/**
 * One page of the outbox (newest first) narrowed by the search and filters, how many mails each
 * status has, and the pause of all sending in force at `now` (a refusal of the sender or a lost
 * connection), if any. A page past the last shows the last.
 * @throws ForbiddenError
 */
export async function getOutbox(
  db: Db,
  user: CurrentUser,
  query: OutboxFilter & { page: number },
  now: Date,
): Promise<{ mails: OutboxListRow[]; total: number; page: number; counts: Record<string, number>; pause: SendingPause | undefined }> {
  requireMailAdmin(user);
  const filter: OutboxFilter = { q: query.q, status: query.status, kind: query.kind };
  const total = await countOutbox(db, filter);
  const page = clampPage(query.page, total, OUTBOX_PAGE_SIZE);
  const mails = await listOutbox(db, filter, { limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE });
  const pause = await findSendingPause(db);
  return { mails, total, page, counts: await countOutboxByStatus(db), pause: pause && isPausedAt(pause, now) ? pause : undefined };
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
