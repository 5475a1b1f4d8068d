import { z } from 'zod';
import { isLanguage } from '../shared/languages';
import { ROLES } from '../auth/user';
import { emailAddress } from '../shared/email';

const email = emailAddress();
const name = z.string().trim().min(1, 'admin.errors.nameRequired').max(200, 'admin.errors.max200');
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());
/** A language of the list, or empty (or absent) for the organisation's. */
const languageChoice = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || isLanguage(v), 'languageChoice.unknown')
  .transform((v) => v || null);
const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()),
);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const PASSWORD_MIN = 10;
export const password = z
  .string()
  // The catalogue's text says PASSWORD_MIN (10) in words.
  .min(PASSWORD_MIN, 'auth.errors.passwordTooShort')
  .max(200, 'admin.errors.max200');

export const NewUserForm = z.object({
  email,
  name,
  role: z.enum(ROLES, 'admin.errors.role'),
  password,
  teamIds: idList,
  /** The language the user reads pages and mails in; null: the organisation's. */
  language: languageChoice.optional(),
});
export type NewUserForm = z.infer<typeof NewUserForm>;

/**
 * The "add a user" page: by default the user is invited by mail and sets their own password;
 * an admin who must (no mail in this installation) may set one instead.
 */
export const InviteUserForm = z.object({
  email,
  name,
  role: z.enum(ROLES, 'admin.errors.role'),
  teamIds: idList,
  password: z.preprocess((v) => (v === '' ? undefined : v), password.optional()),
  /** The language of the user's pages and of their mails, the invitation first; the form offers the organisation's. */
  language: languageChoice,
});
export type InviteUserForm = z.infer<typeof InviteUserForm>;

/** An invitation or password-reset token as it arrives in the link; whether it exists is the service's answer. */
export const InvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** Setting the password from an invitation link: typed twice. */
export const SetPasswordForm = z
  .object({ password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'auth.errors.passwordsDiffer' });
export type SetPasswordForm = z.infer<typeof SetPasswordForm>;

/** One's own name and email; the current password is asked for an email change. */
export const ProfileForm = z.object({
  name,
  email,
  currentPassword: z.string().max(200).default(''),
  /** Empty: the organisation's language. */
  language: languageChoice,
});
export type ProfileForm = z.infer<typeof ProfileForm>;

export const ChangePasswordForm = z
  .object({ oldPassword: z.string().max(200).default(''), password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'auth.errors.passwordsDiffer' });
export type ChangePasswordForm = z.infer<typeof ChangePasswordForm>;

export const EditUserForm = z.object({
  name,
  role: z.enum(ROLES, 'admin.errors.role'),
  isActive: checkbox,
  teamIds: idList,
  password: z.preprocess((v) => (v === '' ? undefined : v), password.optional()),
});
export type EditUserForm = z.infer<typeof EditUserForm>;

export const TeamForm = z.object({
  name: name,
  email,
  isActive: checkbox.optional().default(true),
});
export type TeamForm = z.infer<typeof TeamForm>;

export const SignInForm = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(200),
});
