import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../shared/logger';
import { systemClock, type Clock } from '../shared/time';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { transportFor, type MailTransport } from '../mail/transport';
import { campaignContext } from '../campaigns/campaign-context';
import { MailWorker } from './mail-worker';
import { runLoop } from './run-loop';
import { runSchedulerTick } from './scheduler';
import { WebhookWorker } from './webhook-worker';

export interface BackgroundDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** The server secret (SESSION_SECRET or the one kept in the database). */
  secret: string;
  templates: ReadonlyMap<string, SurveyDefinition>;
  clock?: Clock;
  transport?: MailTransport;
}

/** How long stop() waits for mails in flight before it gives them back. */
const STOP_GRACE_MS = 3000;

/**
 * The background worker of `npm start` and `pds-loop worker`: every pass runs the scheduler tick
 * (at most every SCHEDULER_TICK_SECONDS) and sends the due mails; a second loop sends the due
 * webhook deliveries. Runs until stop(), which
 * finishes the mails in flight (or gives them back after a few seconds) and closes the transport.
 */
export function startBackgroundWorker(deps: BackgroundDeps): { worker: MailWorker; webhooks: WebhookWorker; stop(): Promise<void> } {
  const clock = deps.clock ?? systemClock;
  const transport = deps.transport ?? transportFor(deps.config);
  const worker = new MailWorker({
    db: deps.db,
    transport,
    secret: deps.secret,
    from: { name: deps.config.mailFromName, address: deps.config.mailFrom },
    rate: deps.config.mailRate,
    retrySeconds: deps.config.mailRetrySeconds,
    logger: deps.logger,
  });
  const ctx = campaignContext(deps.config, deps.secret, deps.templates);
  const tickEveryMs = deps.config.schedulerTickSeconds * 1000;
  let lastTick = 0;
  const loop = runLoop(
    async () => {
      const now = clock();
      if (now.getTime() - lastTick >= tickEveryMs) {
        lastTick = now.getTime();
        await runSchedulerTick(deps.db, ctx, now, deps.logger);
      }
      const result = await worker.runOnce(clock);
      return result.claimed > 0;
    },
    Math.min(1000, tickEveryMs),
    deps.logger,
  );
  // Webhooks in a loop of their own, so a long mail run (a launch) does not hold events back.
  const webhooks = new WebhookWorker({
    db: deps.db,
    secret: deps.secret,
    allowLoopback: deps.config.webhookAllowLoopback,
    baseUrl: deps.config.baseUrl,
    logger: deps.logger,
  });
  const webhookLoop = runLoop(async () => (await webhooks.runOnce(clock)).claimed > 0, 1000, deps.logger);
  return {
    worker,
    webhooks,
    async stop() {
      const webhooksStopped = webhooks.stop().then(() => webhookLoop.stop());
      const looping = loop.stop();
      await worker.stop(STOP_GRACE_MS);
      // A send stuck past the grace ends when the transport closes; its mail was given back.
      await Promise.race([looping, new Promise((resolve) => setTimeout(resolve, 500))]);
      transport.close();
      await Promise.race([Promise.all([looping, webhooksStopped]), new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}
