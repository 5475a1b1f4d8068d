const AUDIT_EVENT_LABELS: Record<string, string> = {
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'organisation.updated': 'Organisation changed',
  'sign_in.failed': 'Sign-in failed',
  'sign_in.succeeded': 'Signed in',
  'sign_in.throttled': 'Sign-in refused (too many tries)',
  sign_out: 'Signed out',
  'team.created': 'Team created',
  'team.updated': 'Team changed',
  'user.created': 'User created',
  'user.email_changed': 'Email address changed',
  'user.invitation_accepted': 'Invitation accepted',
  'user.invited': 'User invited',
  'user.password_changed': 'Password changed',
  'user.role_changed': 'Role changed',
  'user.updated': 'User changed',
  'webhook.created': 'Webhook created',
  'webhook.disabled': 'Webhook turned off',
  'webhook.secret_rotated': 'Webhook secret replaced',
  'webhook.updated': 'Webhook changed',
};

/** What a person calls an audit event; an event added later without a label still reads as words. */
export function auditEventLabel(event: string): string {
  const words = event.replace(/[._]/g, ' ');
  return AUDIT_EVENT_LABELS[event] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
