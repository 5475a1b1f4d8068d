import { z } from 'zod';
import { isLanguage } from '../shared/languages';
import { ROLES } from '../auth/user';
import { emailAddress } from '../shared/email';

const email = emailAddress();
const name = z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters');
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());
const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()),
);

/** A user's language for pages and staff mails; empty or absent: the organisation's (null). */
const userLanguage = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || isLanguage(v), 'languageChoice.unknown')
  .transform((v) => v || null);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const PASSWORD_MIN = 10;
export const password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, 'Use at most 200 characters');

export const NewUserForm = z.object({
  email,
  name,
  role: z.enum(ROLES, 'Choose a role'),
  password,
  teamIds: idList,
  language: userLanguage.optional(),
});
export type NewUserForm = z.infer<typeof NewUserForm>;

/**
 * The "add a user" page: by default the user is invited by mail and sets their own password;
 * an admin who must (no mail in this installation) may set one instead.
 */
export const InviteUserForm = z.object({
  email,
  name,
  role: z.enum(ROLES, 'Choose a role'),
  teamIds: idList,
  password: z.preprocess((v) => (v === '' ? undefined : v), password.optional()),
  /** The language the invitation and later the pages and staff mails are in; empty: the organisation's. */
  language: userLanguage.optional(),
});
export type InviteUserForm = z.infer<typeof InviteUserForm>;

/** An invitation or password-reset token as it arrives in the link; whether it exists is the service's answer. */
export const InvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** Setting the password from an invitation link: typed twice. */
export const SetPasswordForm = z
  .object({ password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'The two passwords differ' });
export type SetPasswordForm = z.infer<typeof SetPasswordForm>;

/** One's own name and email; the current password is asked for an email change. */
export const ProfileForm = z.object({
  name,
  email,
  currentPassword: z.string().max(200).default(''),
  /** Empty: the organisation's language. */
  language: userLanguage,
});
export type ProfileForm = z.infer<typeof ProfileForm>;

export const ChangePasswordForm = z
  .object({ oldPassword: z.string().max(200).default(''), password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'The two passwords differ' });
export type ChangePasswordForm = z.infer<typeof ChangePasswordForm>;

export const EditUserForm = z.object({
  name,
  role: z.enum(ROLES, 'Choose a role'),
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
