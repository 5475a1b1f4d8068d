import type { Db } from '../db/database';
import { insertAuditEntry } from '../audit/audit.repository';
import type { CurrentUser } from '../auth/user';
import { hashPassword, verifyPassword } from '../auth/password';
import { deleteSessionsOfUser } from '../auth/session.repository';
import { ValidationError } from '../shared/errors';
import { hashToken } from '../shared/tokens';
import { findPasswordHash, findUserByEmail, updateUser, updateUserEmail } from './user.repository';
import type { ChangePasswordForm, ProfileForm } from './account.schemas';

// Everyone manages their own profile: the only rule is that it is their own (the signed-in user).

async function requireCurrentPassword(db: Db, user: CurrentUser, typed: string): Promise<void> {
  const hash = await findPasswordHash(db, user.id);
  if (!typed || !hash || !(await verifyPassword(hash, typed))) {
    throw new ValidationError('wrong current password', { currentPassword: [typed ? 'account.errors.notCurrentPassword' : 'account.errors.currentPasswordForEmail'] });
  }
}

/**
 * Changes the signed-in user's name and email. A new email needs the current password (whoever
 * finds a signed-in screen must not take the account over) and must be free.
 * @throws ValidationError (wrong password, email taken)
 */
export async function updateOwnProfile(db: Db, user: CurrentUser, form: ProfileForm, now: Date): Promise<{ emailChanged: boolean; language: string | null }> {
  const emailChanged = form.email !== user.email.toLowerCase();
  if (emailChanged) await requireCurrentPassword(db, user, form.currentPassword);
  return db.transaction().execute(async (trx) => {
    if (emailChanged) {
      const other = await findUserByEmail(trx, form.email);
      if (other && other.id !== user.id) throw new ValidationError('email taken', { email: ['account.errors.emailTaken'] });
      await updateUserEmail(trx, user.id, form.email, now);
      await insertAuditEntry(trx, { event: 'user.email_changed', actorUserId: user.id, subject: form.email, detail: { from: user.email } }, now);
    }
    const nameChanged = form.name !== user.name;
    const languageChanged = form.language !== (user.language ?? null);
    if (nameChanged || languageChanged) {
      await updateUser(trx, user.id, { name: nameChanged ? form.name : undefined, language: languageChanged ? form.language : undefined }, now);
    }
    if (nameChanged) await insertAuditEntry(trx, { event: 'user.updated', actorUserId: user.id, subject: form.email, detail: { name: form.name } }, now);
    if (languageChanged) await insertAuditEntry(trx, { event: 'user.language_changed', actorUserId: user.id, subject: form.email, detail: { language: form.language } }, now);
    return { emailChanged, language: form.language };
  });
}

/**
 * Changes the signed-in user's password after checking the current one, and signs them out
 * everywhere except in this session.
 * @throws ValidationError (wrong current password)
 */
export async function changeOwnPassword(db: Db, user: CurrentUser, form: ChangePasswordForm, now: Date, currentSessionId: string): Promise<void> {
  const hash = await findPasswordHash(db, user.id);
  if (!form.oldPassword || !hash || !(await verifyPassword(hash, form.oldPassword))) {
    throw new ValidationError('wrong current password', { oldPassword: [form.oldPassword ? 'account.errors.notCurrentPassword' : 'account.errors.enterCurrentPassword'] });
  }
  const passwordHash = await hashPassword(form.password);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { passwordHash }, now);
    await deleteSessionsOfUser(trx, user.id, hashToken(currentSessionId));
    await insertAuditEntry(trx, { event: 'user.password_changed', actorUserId: user.id, subject: user.email }, now);
  });
}
