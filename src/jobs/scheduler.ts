import type { Db } from '../db/database';
import type { Logger } from '../shared/logger';
import type { CampaignContext } from '../campaigns/campaign-context';
import { runCampaignSchedule } from '../campaigns/campaign-schedule.service';
import { escalateOverdueTickets } from '../tickets/escalation.service';
import { sendKamAlertDigests } from '../tickets/kam-alert.service';
import { pruneRateLimits } from '../throttle/throttle.service';

/**
 * One scheduler tick: what the campaigns' dates ask for (launch, close, remind), then the
 * escalation of overdue tickets, the KAMs' daily alert digests, then dropping old throttle counters. Every step re-checks inside its own transaction, so ticks may
 * run in several processes at once.
 */
export async function runSchedulerTick(db: Db, ctx: CampaignContext, now: Date, logger?: Logger): Promise<void> {
  const campaigns = await runCampaignSchedule(db, ctx, now);
  if (campaigns.launched || campaigns.closed || campaigns.reminders) logger?.info(campaigns, 'scheduler tick');
  await escalateOverdueTickets(db, now, { baseUrl: ctx.baseUrl });
  await sendKamAlertDigests(db, now, { baseUrl: ctx.baseUrl });
  await pruneRateLimits(db, now);
}
