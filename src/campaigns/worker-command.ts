import type { Command } from '../cli';
import { createLogger } from '../shared/logger';
import { resolveSessionSecret } from '../settings/session-secret.service';
import { loadSurveyTemplates } from '../surveys/template-loader';
import { startBackgroundWorker } from './background';

/** `pds-loop worker`: the scheduler and mail worker alone, until SIGINT or SIGTERM. */
export const workerCommand: Command = {
  summary: 'Run the mail worker and campaign scheduler alone (until stopped)',
  options: {},
  run: async ({ config, db, out }) => {
    const templates = loadSurveyTemplates(config.surveysDir);
    const secret = await resolveSessionSecret(db, config.sessionSecret);
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
