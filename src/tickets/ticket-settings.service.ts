import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { canAdminister } from '../auth/user.policy';
import { findSetting, upsertSetting } from '../settings/setting.repository';
import { DUE_DAYS_SETTING, dueDaysFrom } from './ticket';

/** Days from routing to a new ticket's due date (the setting, else the default). */
export async function readDueDays(db: Db): Promise<number> {
  return dueDaysFrom(await findSetting(db, DUE_DAYS_SETTING));
}

/**
 * Days from routing to a new ticket's due date; settings belong to admins.
 * @throws ForbiddenError
 */
export async function getDueDays(db: Db, user: CurrentUser): Promise<number> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  return readDueDays(db);
}

/**
 * Sets the days from routing to a new ticket's due date; tickets already created keep theirs.
 * @throws ForbiddenError
 */
export async function setDueDays(db: Db, user: CurrentUser, days: number): Promise<void> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  await upsertSetting(db, DUE_DAYS_SETTING, String(days));
}
