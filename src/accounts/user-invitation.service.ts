import type { Db } from '../db/database';
import { insertAuditEntry } from '../audit/audit.repository';
import { canAdminister, isAllowed } from '../auth/user.policy';
import { actorUserId, isSystemActor, type Actor, type CurrentUser } from '../auth/user';
import { hashPassword } from '../auth/password';
import { deleteSessionsOfUser } from '../auth/session.repository';
import { enqueueMail } from '../mail/outbox.repository';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { addDays } from '../shared/time';
import { resolveLanguage } from '../shared/languages';
import { getMailSite } from '../organisation/organisation.service';
import { hashToken, newToken } from '../shared/tokens';
import { findCurrentUser, findUserByEmail, findUserById, insertUser, listUserIdsWithoutPassword, NO_PASSWORD, replaceTeamsOfUser, updateUser } from './user.repository';
import { claimUserInvitation, expireUserInvitations, findUserInvitationByTokenHash, insertUserInvitation } from './user-invitation.repository';
import { USER_INVITATION_DAYS, userInvitationLink, userInvitationMail } from './user-invitation-mail';
import type { InviteUserForm } from './account.schemas';
import { createUser } from './account.service';

const ADMINS_ONLY = 'only admins invite users';

/** Where invitation links point. */
export interface InvitationContext {
  baseUrl: string;
}

// A fresh token replaces any unused one; the mail leaves in the same transaction.
async function issueInvitation(trx: Db, actor: Actor, user: { id: number; name: string; email: string; language: string | null }, ctx: InvitationContext, now: Date): Promise<void> {
  await expireUserInvitations(trx, user.id, now);
  const token = newToken();
  const expiresAt = addDays(now, USER_INVITATION_DAYS);
  await insertUserInvitation(trx, { userId: user.id, tokenHash: hashToken(token), expiresAt, createdBy: actorUserId(actor) }, now);
  // In the language chosen for them, else the organisation's; the date in its zone.
  const site = await getMailSite(trx, ctx.baseUrl);
  const mail = userInvitationMail({
    name: user.name,
    invitedBy: isSystemActor(actor) ? null : actor.name,
    link: userInvitationLink(ctx.baseUrl, token),
    expiresAt: expiresAt.toISOString(),
    language: resolveLanguage(user.language, site.language),
    timeZone: site.timeZone,
  });
  await enqueueMail(trx, { kind: 'user_invitation', to: user.email, toName: user.name, ...mail, refType: 'user', refId: user.id }, now);
  await insertAuditEntry(trx, { event: 'user.invited', actorUserId: actorUserId(actor), subject: user.email }, now);
}

/**
 * Adds a user from the "add a user" page. Without a password (the usual way) the user gets a
 * mail with a one-time link, valid USER_INVITATION_DAYS, to set their own; with one, the admin
 * passes it on as before and no mail is sent. Returns whether an invitation was sent.
 * @throws ForbiddenError unless the actor is an admin; ValidationError on a taken email.
 */
export async function addUser(db: Db, actor: Actor, form: InviteUserForm, ctx: InvitationContext, now: Date): Promise<{ id: number; invited: boolean }> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  if (form.password) return { id: await createUser(db, actor, { ...form, password: form.password }, now), invited: false };
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, form.email)) throw new ValidationError('email taken', { email: ['admin.errors.emailTaken'] });
    const language = form.language ?? null;
    const id = await insertUser(trx, { email: form.email, name: form.name, role: form.role, passwordHash: NO_PASSWORD, language }, now);
    await replaceTeamsOfUser(trx, id, form.teamIds);
    await insertAuditEntry(trx, { event: 'user.created', actorUserId: actorUserId(actor), subject: form.email, detail: { role: form.role } }, now);
    await issueInvitation(trx, actor, { id, name: form.name, email: form.email, language }, ctx, now);
    return { id, invited: true };
  });
}

/**
 * Sends a user a new invitation link (the old ones stop working). Also a way to let a user who
 * forgot their password choose a new one: their password stays until they use the link.
 * @throws ForbiddenError, NotFoundError, ConflictError (a deactivated user)
 */
export async function resendUserInvitation(db: Db, actor: Actor, userId: number, ctx: InvitationContext, now: Date): Promise<{ email: string }> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new NotFoundError(`user ${userId}`);
    if (!user.isActive) throw new ConflictError('admin.errors.inviteDeactivated');
    await issueInvitation(trx, actor, user, ctx, now);
    return { email: user.email };
  });
}

/** The users still waiting to set their password. @throws ForbiddenError */
export async function listUsersAwaitingPassword(db: Db, actor: Actor): Promise<Set<number>> {
  if (!isAllowed(actor, canAdminister)) throw new ForbiddenError(ADMINS_ONLY);
  return listUserIdsWithoutPassword(db);
}

export type InvitationAccess = { kind: 'open'; name: string; email: string } | { kind: 'used' } | { kind: 'expired' } | { kind: 'unknown' };

async function invitationAccess(db: Db, token: string, now: Date) {
  const invitation = await findUserInvitationByTokenHash(db, hashToken(token));
  if (!invitation || !invitation.isActive) return { access: { kind: 'unknown' } as const };
  if (invitation.usedAt) return { access: { kind: 'used' } as const };
  if (invitation.expiresAt <= now.toISOString()) return { access: { kind: 'expired' } as const };
  return { access: { kind: 'open', name: invitation.name, email: invitation.email } as const, invitation };
}

/** What an invitation link shows; opening it changes nothing (mail scanners open links too). */
export async function openUserInvitation(db: Db, token: string, now: Date): Promise<InvitationAccess> {
  return (await invitationAccess(db, token, now)).access;
}

/**
 * Sets the password from an invitation link and returns the user to sign in. The link works
 * once: the claim is a conditional update, so of two concurrent posts one wins. Every other
 * session of the user ends (a reset must lock out whoever knew the old password).
 */
export async function acceptUserInvitation(
  db: Db,
  token: string,
  password: string,
  now: Date,
): Promise<{ kind: 'accepted'; user: CurrentUser } | { kind: 'refused'; access: Exclude<InvitationAccess, { kind: 'open' }> }> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const { access, invitation } = await invitationAccess(trx, token, now);
    if (access.kind !== 'open' || !invitation) return { kind: 'refused', access: access.kind === 'open' ? { kind: 'used' } : access } as const;
    if (!(await claimUserInvitation(trx, invitation.id, now))) return { kind: 'refused', access: { kind: 'used' } } as const;
    await updateUser(trx, invitation.userId, { passwordHash }, now);
    await expireUserInvitations(trx, invitation.userId, now);
    await deleteSessionsOfUser(trx, invitation.userId);
    await insertAuditEntry(trx, { event: 'user.invitation_accepted', actorUserId: invitation.userId, subject: invitation.email }, now);
    const user = await findCurrentUser(trx, invitation.userId);
    if (!user) return { kind: 'refused', access: { kind: 'unknown' } } as const;
    return { kind: 'accepted', user } as const;
  });
}
