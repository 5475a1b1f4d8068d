import type { Db } from '../db/database';
import { runExclusively } from '../db/job-lock.repository';
import { systemActor } from '../auth/user';
import { ConflictError } from '../shared/errors';
import { enqueueTemplatedMails } from '../mail/outbox.repository';
import type { CampaignContext } from './campaign-context';
import { invitationOutboxMails } from './campaign-mail';
import { getMailSite } from '../organisation/organisation.service';
import { findCampaignForUpdate, listDueClosingCampaignIds, listDueScheduledCampaignIds, listRunningCampaigns } from './campaign.repository';
import { closeCampaignPastItsDate, finishInterruptedLaunches, launchCampaign } from './campaign.service';
import { listReminderCandidates, markReminderQueued } from './invitation.repository';

/** What the campaigns' dates ask for, run by the scheduler: launches, closes and reminders. */

/** Queues the reminders that are due, each campaign in the transaction that counts its reminders. Returns how many. */
export async function queueDueReminders(db: Db, ctx: CampaignContext, now: Date): Promise<number> {
  let queued = 0;
  for (const c of await listRunningCampaigns(db)) {
    if (c.reminderMax === 0) continue;
    queued += await db.transaction().execute(async (trx) => {
      // Re-read under the row lock: a pause or close since the list wins, and a second
      // instance waits here and then finds the reminders already marked as queued.
      const campaign = await findCampaignForUpdate(trx, c.id);
      if (!campaign || campaign.status !== 'running') return 0;
      const due = await listReminderCandidates(trx, campaign, now);
      await markReminderQueued(trx, due.map((d) => d.invitationId), now);
      const mailFor = invitationOutboxMails(campaign, ctx, true, await getMailSite(trx, ctx.baseUrl));
      await enqueueTemplatedMails(trx, due.map((d) => mailFor(d, d.invitationId)), now);
      return due.length;
    });
  }
  return queued;
}

/**
 * Closes campaigns whose close date has passed, launches scheduled campaigns whose start has
 * come, finishes launches that were interrupted, and queues due reminders, in one instance at a time (the job 'campaign-schedule' is
 * claimed in job_lock); `skipped` when another instance is running it. Every step re-checks
 * the status in its transaction under the campaign's row lock as well (SQLite: BEGIN IMMEDIATE).
 */
export async function runCampaignSchedule(
  db: Db,
  ctx: CampaignContext,
  now: Date,
): Promise<{ launched: number; closed: number; reminders: number; skipped: boolean }> {
  const done = await runExclusively(db, 'campaign-schedule', now, () => runCampaignScheduleSteps(db, ctx, now));
  return done ? { ...done, skipped: false } : { launched: 0, closed: 0, reminders: 0, skipped: true };
}

async function runCampaignScheduleSteps(db: Db, ctx: CampaignContext, now: Date): Promise<{ launched: number; closed: number; reminders: number }> {
  let launched = 0;
  let closed = 0;
  for (const id of await listDueClosingCampaignIds(db, now)) {
    if (await closeCampaignPastItsDate(db, id, now)) closed++;
  }
  const scheduler = systemActor('scheduled start');
  for (const id of await listDueScheduledCampaignIds(db, now)) {
    try {
      await launchCampaign(db, scheduler, id, ctx, now);
      launched++;
    } catch (error) {
      // Launched by hand in the meantime.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  await finishInterruptedLaunches(db, ctx, now);
  const reminders = await queueDueReminders(db, ctx, now);
  return { launched, closed, reminders };
}
