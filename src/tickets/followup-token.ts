import crypto from 'node:crypto';

/**
 * A follow-up link's token: base64url(HMAC-SHA256(server secret, "followup:" + salt)). The
 * database keeps the salt and, once the mail is sent, sha256(token); the outbox keeps only a
 * placeholder, so neither a copy of the database nor the admin's outbox page holds a link.
 */
export function followupToken(secret: string, salt: string): string {
  return crypto.createHmac('sha256', secret).update(`followup:${salt}`).digest('base64url');
}

export function newFollowupSalt(): string {
  return crypto.randomBytes(16).toString('base64url');
}
