import type { Translate } from '../shared/languages';

// The staff catalogue's key for each event's name (locales/<lang>/staff.json, labels.auditEvent).
const AUDIT_EVENT_LABELS: Record<string, string> = {
  'api_key.created': 'labels.auditEvent.api_key.created',
  'api_key.revoked': 'labels.auditEvent.api_key.revoked',
  'organisation.updated': 'labels.auditEvent.organisation.updated',
  'sign_in.failed': 'labels.auditEvent.sign_in.failed',
  'sign_in.succeeded': 'labels.auditEvent.sign_in.succeeded',
  'sign_in.throttled': 'labels.auditEvent.sign_in.throttled',
  sign_out: 'labels.auditEvent.sign_out',
  'team.created': 'labels.auditEvent.team.created',
  'team.updated': 'labels.auditEvent.team.updated',
  'user.created': 'labels.auditEvent.user.created',
  'user.email_changed': 'labels.auditEvent.user.email_changed',
  'user.invitation_accepted': 'labels.auditEvent.user.invitation_accepted',
  'user.invited': 'labels.auditEvent.user.invited',
  'user.password_changed': 'labels.auditEvent.user.password_changed',
  'user.role_changed': 'labels.auditEvent.user.role_changed',
  'user.updated': 'labels.auditEvent.user.updated',
  'user.deactivated': 'admin.auditEvent.userDeactivated',
  'user.reactivated': 'admin.auditEvent.userReactivated',
  'user.language_changed': 'labels.auditEvent.user.language_changed',
  'webhook.created': 'labels.auditEvent.webhook.created',
  'webhook.disabled': 'labels.auditEvent.webhook.disabled',
  'webhook.secret_rotated': 'labels.auditEvent.webhook.secret_rotated',
  'webhook.updated': 'labels.auditEvent.webhook.updated',
};

/** Every event the audit log records, for its filter. */
export const AUDIT_EVENTS: readonly string[] = Object.freeze(Object.keys(AUDIT_EVENT_LABELS));

/** What a person calls an audit event, in the reader's language; an event added later without a label still reads as words. */
export function auditEventLabel(event: string, t: Translate): string {
  const key = AUDIT_EVENT_LABELS[event];
  if (key) return t(key);
  const words = event.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An entry's detail as a person reads it: "role: manager, events: ticket.created" from the
 * stored JSON, without the internal ids (keys "id", "…Id", "…Ids"); text that is no JSON object
 * as it is.
 */
export function auditDetailText(detail: string | null): string {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([key]) => key !== 'id' && !/Ids?$/.test(key))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}
