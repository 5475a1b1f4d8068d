import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { showTokenPlaceholder, type OutboxStatus } from './mail';
import { canAdministerMail } from './mail.policy';
import { countOutboxByStatus, findOutboxMail, listOutbox, type OutboxListRow, type OutboxMail } from './outbox.repository';
import { deleteSuppression, listSuppressions, type Suppression } from './suppression.repository';

function requireMailAdmin(user: CurrentUser): void {
  if (!canAdministerMail(user)) throw new ForbiddenError('only admins see the outbox and suppressions');
}

/**
 * The latest outbox mails (of one status, if given) and how many mails each status has.
 * @throws ForbiddenError
 */
export async function getOutbox(db: Db, user: CurrentUser, status: OutboxStatus | undefined): Promise<{ mails: OutboxListRow[]; counts: Record<string, number> }> {
  requireMailAdmin(user);
  return { mails: await listOutbox(db, { status }), counts: await countOutboxByStatus(db) };
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
