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

export async function listAuditEntries(db: Db, options: { limit: number; offset: number; event?: string }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('user', 'user.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.event',
      'audit_log.subject',
      'audit_log.ip',
      'audit_log.detail',
      'user.email as actorEmail',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit)
    .offset(options.offset);
  if (options.event) query = query.where('audit_log.event', 'like', `${options.event}%`);
  return query.execute();
}
