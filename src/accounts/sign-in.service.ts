import { isEmailAddress } from '../shared/email';
import type { Db } from '../db/database';
import { insertAuditEntry } from '../audit/audit.repository';
import { hashToken } from '../shared/tokens';
import { SIGN_IN_THROTTLES, takeHits } from '../throttle/throttle.service';
import { findCurrentUser, findPasswordHash, findUserByEmail } from './user.repository';
import type { CurrentUser } from '../auth/user';
import { verifyAgainstDummy, verifyPassword } from '../auth/password';

export type SignInOutcome =
  | { kind: 'signed_in'; user: CurrentUser }
  | { kind: 'refused' }
  /** Too many recent failures for the account or the address; the message says how long to wait. */
  | { kind: 'throttled'; message: string };

/** What the audit log keeps of a typed email: a password typed into the email field is never kept. */
export const NOT_AN_EMAIL = '(not an email address)';
const isEmail = isEmailAddress;

// The counters' keys are hashed: what was typed as email is not stored in the rate_limit table.
const bucket = (kind: string, value: string) => `sign-in:${kind}:${hashToken(value)}`;

/** The three throttle buckets an attempt counts in, each with its throttle. */
export function signInBuckets(email: string, ip: string) {
  return {
    accountAtAddress: { key: bucket('account-at-address', `${email}\n${ip}`), throttle: SIGN_IN_THROTTLES.accountAtAddress },
    account: { key: bucket('account', email), throttle: SIGN_IN_THROTTLES.account },
    address: { key: bucket('address', ip), throttle: SIGN_IN_THROTTLES.address },
  };
}

/**
 * Checks an email and password. Unknown emails, inactive users and wrong passwords give the
 * same answer and take the same time. Every attempt first takes a hit from three throttles
 * (SIGN_IN_THROTTLES: the account at this address, the account, the address), atomically, so
 * concurrent attempts cannot check more passwords than the limits allow; a right password
 * gives its hits back. When a throttle is full, even the right password is throttled; a
 * stranger elsewhere fills only the account's slower limit, never the user's own address's.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const subject = isEmail(email) ? email : NOT_AN_EMAIL;
  const buckets = signInBuckets(email, input.ip);
  const hits = await takeHits(db, [buckets.accountAtAddress, buckets.account, buckets.address], now);
  if (!hits) {
    await insertAuditEntry(db, { event: 'sign_in.throttled', subject, ip: input.ip }, now);
    return { kind: 'throttled', message: 'auth.errors.throttled' };
  }

  const user = await findUserByEmail(db, email);
  const hash = user?.isActive ? await findPasswordHash(db, user.id) : undefined;
  const isValid = hash ? await verifyPassword(hash, input.password) : await verifyAgainstDummy(input.password);
  const current = isValid && user ? await findCurrentUser(db, user.id) : undefined;
  if (!current) {
    await insertAuditEntry(db, { event: 'sign_in.failed', subject, ip: input.ip }, now);
    return { kind: 'refused' };
  }
  await hits.giveBack();
  await insertAuditEntry(db, { event: 'sign_in.succeeded', actorUserId: current.id, subject: email, ip: input.ip }, now);
  return { kind: 'signed_in', user: current };
}

/** Records that the user signed out (the session itself is destroyed by the route). */
export async function recordSignOut(db: Db, userId: number, ip: string | undefined, now: Date): Promise<void> {
  await insertAuditEntry(db, { event: 'sign_out', actorUserId: userId, ip }, now);
}
