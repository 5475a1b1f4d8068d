import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { insertAuditEntry } from '../audit/audit.repository';
import { deleteSetting, findSettings, upsertSetting } from '../settings/setting.repository';
import { ForbiddenError, ValidationError } from '../shared/errors';
import { isTimeZone } from '../shared/format';
import { logoProblem, ORGANISATION_SETTING_KEYS, organisationFrom, sniffLogoType, type Organisation } from './organisation';
import { canManageOrganisation } from './organisation.policy';
import { deleteLogo, findLogo, findLogoVersion, upsertLogo, type StoredLogo } from './organisation.repository';
import type { OrganisationForm } from './organisation.schemas';
import type { MailSite } from '../mail/mail-layout';
import { LOGO_SRC } from '../mail/mail';

/**
 * Every page and mail shows the organisation, so it is read at most once per CACHE_MS per
 * process; a change made here is seen at once by this process and within CACHE_MS by others.
 */
const CACHE_MS = 5000;
const cache = new WeakMap<Db, { at: number; value: Promise<Organisation> }>();

async function readOrganisation(db: Db): Promise<Organisation> {
  const [values, logo] = await Promise.all([findSettings(db, Object.values(ORGANISATION_SETTING_KEYS)), findLogoVersion(db)]);
  return organisationFrom(values, logo ?? null, isTimeZone);
}

/** The organisation as respondents meet it: for every page and mail, nobody signed in needed. */
export function getOrganisation(db: Db): Promise<Organisation> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const value = readOrganisation(db);
  value.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), value });
  return value;
}

/** The organisation for its settings page, read fresh. @throws ForbiddenError */
export async function getOrganisationSettings(db: Db, user: CurrentUser): Promise<Organisation> {
  if (!canManageOrganisation(user)) throw new ForbiddenError('only admins change the organisation');
  return readOrganisation(db);
}

export interface UploadedLogo {
  data: Buffer;
}

/**
 * Saves the organisation's settings and, when a file is given, its logo (checked by its bytes:
 * PNG, JPEG or GIF, at most 500 KB); `removeLogo` without a file removes it. Audited.
 * @throws ForbiddenError, ValidationError (the logo, with the message beside the field)
 */
export async function updateOrganisation(db: Db, user: CurrentUser, form: OrganisationForm, logo: UploadedLogo | undefined, now: Date): Promise<void> {
  if (!canManageOrganisation(user)) throw new ForbiddenError('only admins change the organisation');
  let stored: StoredLogo | undefined;
  if (logo) {
    const problem = logoProblem(logo.data);
    if (problem) throw new ValidationError('organisation.errors.invalidLogo', { logo: [problem.key] }, problem.vars);
    stored = {
      contentType: sniffLogoType(logo.data)!,
      data: logo.data,
      version: crypto.createHash('sha256').update(logo.data).digest('hex').slice(0, 16),
      updatedAt: now.toISOString(),
    };
  }
  await db.transaction().execute(async (trx) => {
    const values: Record<keyof typeof ORGANISATION_SETTING_KEYS, string | null> = {
      name: form.name,
      senderName: form.senderName,
      senderAddress: form.senderAddress,
      replyTo: form.replyTo,
      brandColour: form.brandColour.toLowerCase(),
      timeZone: form.timeZone,
      language: form.language,
      postalAddress: form.postalAddress,
    };
    for (const [field, key] of Object.entries(ORGANISATION_SETTING_KEYS) as [keyof typeof ORGANISATION_SETTING_KEYS, string][]) {
      const value = values[field];
      if (value === null) await deleteSetting(trx, key);
      else await upsertSetting(trx, key, value);
    }
    if (stored) await upsertLogo(trx, stored);
    else if (form.removeLogo) await deleteLogo(trx);
    await insertAuditEntry(trx, { event: 'organisation.updated', actorUserId: user.id, detail: { logo: stored ? 'replaced' : form.removeLogo ? 'removed' : 'kept' } }, now);
  });
  cache.delete(db);
}

/** The logo's bytes, for anyone (mails and personal pages show it). */
export async function getLogo(db: Db): Promise<StoredLogo | undefined> {
  return findLogo(db);
}

/** The organisation as mails show it: name, logo (inside the mail, as `cid:`; the worker attaches it), colour, address and zone. */
export async function getMailSite(db: Db, baseUrl: string): Promise<MailSite> {
  const org = await getOrganisation(db);
  return {
    baseUrl,
    timeZone: org.timeZone,
    language: org.language,
    brand: { name: org.name, logoUrl: org.logo ? LOGO_SRC : null, colour: org.brandColour, postalAddress: org.postalAddress },
  };
}
