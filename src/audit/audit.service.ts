import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { ForbiddenError } from '../shared/errors';
import { listAuditEntries } from './audit.repository';

export const AUDIT_PAGE_SIZE = 100;

/**
 * One page of the audit log, newest first, optionally only events starting with `event`.
 * @throws ForbiddenError unless the actor is an admin.
 */
export async function getAuditLog(db: Db, actor: Actor, query: { page: number; event?: string }) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError('only admins read the audit log');
  // One entry more than a page tells whether there is an older page.
  const entries = await listAuditEntries(db, { limit: AUDIT_PAGE_SIZE + 1, offset: (query.page - 1) * AUDIT_PAGE_SIZE, event: query.event });
  return { entries: entries.slice(0, AUDIT_PAGE_SIZE), hasNext: entries.length > AUDIT_PAGE_SIZE };
}
