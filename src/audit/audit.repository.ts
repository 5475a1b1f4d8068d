import { sql } from 'kysely';
import type { Db } from '../db/database';

export type AuditEvent =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.throttled'
  | 'sign_out'
  | 'user.created'
  | 'user.updated'
  | 'user.role_changed'
  | 'user.language_changed'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.password_changed'
  | 'user.email_changed'
  | 'user.invited'
  | 'user.invitation_accepted'
  | 'team.created'
  | 'team.updated'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.secret_rotated'
  | 'webhook.disabled'

  | 'organisation.updated';

export interface AuditEntry {
  event: AuditEvent;
  actorUserId?: number | null;
  /** What the event is about, e.g. the email that tried to sign in. */
  subject?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function insertAuditEntry(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      event: entry.event,
      actor_user_id: entry.actorUserId ?? null,
      subject: entry.subject ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/** What the audit log is narrowed to: a text in the actor, event, subject or detail; one event or a group ("user."); a time range [from, to]. */
export interface AuditFilter {
  q?: string;
  event?: string;
  from?: string;
  to?: string;
}

function filteredAudit(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').leftJoin('user', 'user.id', 'audit_log.actor_user_id');
  if (filter.event) {
    // A group ("user.") is a prefix of letters, "_" and "."; "_" is a LIKE wildcard, so escape it.
    query = filter.event.endsWith('.')
      ? query.where(sql<boolean>`audit_log.event like ${`${filter.event.replace(/_/g, '\\_')}%`} escape '\\'`)
      : query.where('audit_log.event', '=', filter.event);
  }
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<=', filter.to);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The detail is json on PostgreSQL: compared as its text.
    const contains = (column: string) => sql<boolean>`lower(cast(${sql.ref(column)} as text)) like ${like} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        contains('user.email'),
        contains('user.name'),
        contains('audit_log.event'),
        contains('audit_log.subject'),
        contains('audit_log.detail'),
        contains('audit_log.ip'),
      ]),
    );
  }
  return query;
}

export async function countAuditEntries(db: Db, filter: AuditFilter): Promise<number> {
  const row = await filteredAudit(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listAuditEntries(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  return filteredAudit(db, filter)
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.event',
      'audit_log.subject',
      'audit_log.ip',
      'audit_log.detail',
      'user.email as actorEmail',
      'user.name as actorName',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
