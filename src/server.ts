import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest, openDatabase } from './db/database';
import { createApp } from './app';
import { createLogger } from './shared/logger';
import { resolveSessionSecret } from './shared/secrets';
import { ensureFirstAdmin } from './accounts/account.service';
import { loadSurveyTemplates, SurveyTemplateError } from './surveys/template-loader';
import { startBackgroundWorker } from './campaigns/background';

/** loadConfig → openDatabase → migrateToLatest → createApp → listen */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let templates;
  try {
    templates = loadSurveyTemplates(config.surveysDir);
  } catch (error) {
    if (error instanceof SurveyTemplateError) {
      console.error(`Invalid survey template:\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.database);
  await migrateToLatest(db);

  const firstAdmin = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword }, new Date());
  if (firstAdmin?.generatedPassword) {
    // Printed once, on the console only, never to the structured log.
    console.log(`\nFirst admin created: ${firstAdmin.email}\nPassword (shown once): ${firstAdmin.generatedPassword}\n`);
  } else if (firstAdmin) {
    console.log(`First admin created: ${firstAdmin.email}`);
  }

  const sessionSecret = await resolveSessionSecret(db, config.sessionSecret);
  const app = createApp({ config, db, logger, sessionSecret, templates });
  const background = config.runMailWorker ? startBackgroundWorker({ config, db, logger, secret: sessionSecret, templates }) : undefined;
  const server: Server = app.listen(config.port, () => {
    logger.info({ port: config.port, baseUrl: config.baseUrl }, 'PDS Loop is listening');
    console.log(`PDS Loop is running at http://localhost:${config.port}`);
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `PORT ${config.port} is already in use` : error.message);
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void Promise.resolve(background?.stop())
        .then(() => db.destroy())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
