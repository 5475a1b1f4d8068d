import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { findSetting, upsertSetting } from '../settings/setting.repository';
import { CONTACT_FREQUENCY_SETTING, contactFrequencyDaysFrom } from './campaign';
import { canChangeCampaignSettings } from './campaign.policy';

/** The contact-frequency window in days: a contact gets at most one invitation in it, across campaigns. */
export async function findContactFrequencyDays(db: Db): Promise<number> {
  return contactFrequencyDaysFrom(await findSetting(db, CONTACT_FREQUENCY_SETTING));
}

/** The settings page. @throws ForbiddenError (not an admin) */
export async function getCampaignSettings(db: Db, user: CurrentUser): Promise<{ contactFrequencyDays: number }> {
  if (!canChangeCampaignSettings(user)) throw new ForbiddenError('only admins see the settings');
  return { contactFrequencyDays: await findContactFrequencyDays(db) };
}

/** Only admins change the contact-frequency window. @throws ForbiddenError */
export async function setContactFrequencyDays(db: Db, user: CurrentUser, days: number): Promise<void> {
  if (!canChangeCampaignSettings(user)) throw new ForbiddenError('only admins change settings');
  await upsertSetting(db, CONTACT_FREQUENCY_SETTING, String(days));
}
