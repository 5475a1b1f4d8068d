import type { Config } from '../config';
import type { Db } from '../db/database';
import { createLogger } from '../shared/logger';
import { resolveSessionSecret } from '../settings/session-secret.service';
import { loadSurveyTemplates } from '../surveys/template-loader';
import { startBackgroundWorker } from './background';

/** What the command line gives a command; the same shape as cli.ts's Command, so jobs need not import the CLI. */
interface JobCommand {
  summary: string;
  options: Record<string, never>;
  run: (ctx: { config: Config; db: Db; out: (line: string) => void }) => Promise<void>;
}

/** `pds-loop worker`: the scheduler and mail worker alone, until SIGINT or SIGTERM. */
export const workerCommand: JobCommand = {
  summary: 'Run the mail worker, webhook deliveries and campaign scheduler alone (until stopped)',
  options: {},
  run: async ({ config, db, out }) => {
    const templates = loadSurveyTemplates(config.surveysDir);
    const secret = await resolveSessionSecret(db, config);
    const background = startBackgroundWorker({ config, db, logger: createLogger(config.logLevel), secret, templates });
    out(`Mail worker running (${config.smtpUrl ? 'SMTP' : `files in ${config.mailDir}`}, at most ${config.mailRate} mails/s). Stop with Ctrl+C.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await background.stop();
    out('Mail worker stopped.');
  },
};
