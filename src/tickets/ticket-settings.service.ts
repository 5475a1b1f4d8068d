import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import { canAdminister } from '../auth/user.policy';
import { findSetting, upsertSetting } from '../settings/setting.repository';
import { DUE_DAYS_SETTING, dueDaysFrom } from './ticket';
import { APPROVAL_SETTING, isApprovalRequiredFrom } from './followup';

export interface TicketSettings {
  /** Days from routing to a new ticket's due date. */
  dueDays: number;
  /** Follow-ups wait for a quality manager's or the account's KAM's approval before they are sent. */
  isApprovalRequired: boolean;
}

/** Days from routing to a new ticket's due date (the setting, else the default). */
export async function readDueDays(db: Db): Promise<number> {
  return dueDaysFrom(await findSetting(db, DUE_DAYS_SETTING));
}

/** Whether follow-ups wait for approval (off unless an admin turned it on). */
export async function readApprovalRequired(db: Db): Promise<boolean> {
  return isApprovalRequiredFrom(await findSetting(db, APPROVAL_SETTING));
}

/**
 * The ticket settings; settings belong to admins.
 * @throws ForbiddenError
 */
export async function getTicketSettings(db: Db, user: CurrentUser): Promise<TicketSettings> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  const [dueDays, isApprovalRequired] = await Promise.all([readDueDays(db), readApprovalRequired(db)]);
  return { dueDays, isApprovalRequired };
}

/**
 * Saves the ticket settings: tickets already created keep their due date, and follow-ups
 * already waiting keep waiting for approval when the approval is turned off.
 * @throws ForbiddenError
 */
export async function setTicketSettings(db: Db, user: CurrentUser, settings: TicketSettings): Promise<void> {
  if (!canAdminister(user)) throw new ForbiddenError('only admins change settings');
  await db.transaction().execute(async (trx) => {
    await upsertSetting(trx, DUE_DAYS_SETTING, String(settings.dueDays));
    await upsertSetting(trx, APPROVAL_SETTING, settings.isApprovalRequired ? '1' : '0');
  });
}
