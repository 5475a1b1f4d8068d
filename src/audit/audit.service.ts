import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { ForbiddenError } from '../shared/errors';
import { endOfLocalDay, zonedTimeToUtc } from '../shared/format';
import { clampPage } from '../shared/pager';
import { auditDetailText } from './audit-event';
import { countAuditEntries, listAuditEntries, type AuditFilter } from './audit.repository';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogQuery {
  page: number;
  q?: string;
  event?: string;
  /** First and last day shown ("2026-03-01"), days of `timeZone`. */
  from?: string;
  to?: string;
}

/**
 * One page of the audit log, newest first, narrowed by the search, the event and the days from
 * and to (both included, in the organisation's time zone). A page past the last shows the last.
 * @throws ForbiddenError unless the actor is an admin.
 */
export async function getAuditLog(db: Db, actor: Actor, query: AuditLogQuery, timeZone: string) {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError('only admins read the audit log');
  const filter: AuditFilter = {
    q: query.q,
    event: query.event,
    from: query.from ? zonedTimeToUtc(query.from, timeZone)?.toISOString() : undefined,
    to: query.to ? endOfLocalDay(query.to, timeZone)?.toISOString() : undefined,
  };
  const total = await countAuditEntries(db, filter);
  const page = clampPage(query.page, total, AUDIT_PAGE_SIZE);
  const rows = await listAuditEntries(db, filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  return { entries: rows.map((r) => ({ ...r, detail: auditDetailText(r.detail) })), total, page };
}
