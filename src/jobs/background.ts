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

const TICK_EVERY_MS = 10_000;

/**
 * The background worker of `npm start` and `pds-loop worker`: every pass runs the scheduler tick
 * (at most every 10 s) and sends one batch of due mails. Returns a handle to stop it cleanly.
 */
export function startBackgroundWorker(deps: BackgroundDeps): { worker: MailWorker; stop(): Promise<void> } {
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
  let lastTick = 0;
  const loop = runLoop(
    async () => {
      const now = clock();
      if (now.getTime() - lastTick >= TICK_EVERY_MS) {
        lastTick = now.getTime();
        await runSchedulerTick(deps.db, ctx, now, deps.logger);
      }
      const result = await worker.runOnce(now);
      return result.claimed > 0;
    },
    1000,
    deps.logger,
  );
  return {
    worker,
    async stop() {
      await loop.stop();
      transport.close();
    },
  };
}
