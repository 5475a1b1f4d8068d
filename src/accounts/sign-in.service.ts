import type { Db } from '../db/database';
import { countAuditEvents, insertAuditEntry } from '../audit/audit.repository';
import { findCurrentUser, findPasswordHash, findUserByEmail } from './user.repository';
import type { CurrentUser } from '../auth/user';
import { verifyAgainstDummy, verifyPassword } from '../auth/password';

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type SignInOutcome =
  | { kind: 'signed_in'; user: CurrentUser }
  | { kind: 'refused' }
  /** Too many recent failures for the account or the address; the message says how long to wait. */
  | { kind: 'throttled'; message: string };

/**
 * Checks an email and password. Unknown emails, inactive users and wrong passwords give the
 * same answer and take the same time. After too many recent failures for the account or the
 * address, even the right password is throttled.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [accountFailures, ipFailures] = await Promise.all([
    countAuditEvents(db, { event: 'sign_in.failed', subject: email, since }),
    countAuditEvents(db, { event: 'sign_in.failed', ip: input.ip, since }),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    await insertAuditEntry(db, { event: 'sign_in.throttled', subject: email, ip: input.ip }, now);
    return { kind: 'throttled', message: `Too many failed sign-in attempts. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again.` };
  }

  const user = await findUserByEmail(db, email);
  const hash = user?.isActive ? await findPasswordHash(db, user.id) : undefined;
  const isValid = hash ? await verifyPassword(hash, input.password) : await verifyAgainstDummy(input.password);
  const current = isValid && user ? await findCurrentUser(db, user.id) : undefined;
  if (!current) {
    await insertAuditEntry(db, { event: 'sign_in.failed', subject: email, ip: input.ip }, now);
    return { kind: 'refused' };
  }
  await insertAuditEntry(db, { event: 'sign_in.succeeded', actorUserId: current.id, subject: email, ip: input.ip }, now);
  return { kind: 'signed_in', user: current };
}

/** Records that the user signed out (the session itself is destroyed by the route). */
export async function recordSignOut(db: Db, userId: number, ip: string | undefined, now: Date): Promise<void> {
  await insertAuditEntry(db, { event: 'sign_out', actorUserId: userId, ip }, now);
}
