import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config';
import { migrateToLatest, openDatabase, type Db } from './db/database';
import { createApp } from './app';
import { createLogger } from './shared/logger';
import { resolveSessionSecret } from './settings/session-secret.service';
import { ensureFirstAdmin } from './accounts/account.service';
import { loadSurveyTemplates, SurveyTemplateError } from './surveys/template-loader';
import type { SurveyDefinition } from './surveys/survey-definition';
import { startBackgroundWorker } from './jobs/background';
import { systemActor } from './auth/user';
import { startingTemplates } from './questionnaires/questionnaire-import.service';

export interface StartOptions {
  /** An already opened and migrated database (the demo seeds it first); else config.database is opened. */
  db?: Db;
  /** Templates already loaded; else read from config.surveysDir (exits on an invalid template). */
  templates?: ReadonlyMap<string, SurveyDefinition>;
  /** Called once the server listens, after the "is running" line. */
  onListening?: () => void;
}

/** Reads the survey templates or stops the process with a message naming the bad template. */
export function loadTemplatesOrExit(config: Config): ReadonlyMap<string, SurveyDefinition> {
  try {
    return loadSurveyTemplates(config.surveysDir);
  } catch (error) {
    if (error instanceof SurveyTemplateError) {
      console.error(`Invalid survey template:\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/** Parses the environment or stops the process with one line naming each bad variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** openDatabase → migrateToLatest → first admin → createApp → listen, with the background worker and clean shutdown. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Server> {
  const fileTemplates = options.templates ?? loadTemplatesOrExit(config);
  const logger = createLogger(config.logLevel);
  const db = options.db ?? openDatabase(config.database);
  await migrateToLatest(db);

  const firstAdmin = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword }, new Date());
  if (firstAdmin?.generatedPassword) {
    // Printed once, on the console only, never to the structured log.
    console.log(`\nFirst admin created: ${firstAdmin.email}\nPassword (shown once): ${firstAdmin.generatedPassword}\n`);
  } else if (firstAdmin) {
    console.log(`First admin created: ${firstAdmin.email}`);
  }

  const sessionSecret = await resolveSessionSecret(db, config.sessionSecret);
  // The first start imports surveys/ as questionnaires; from then on campaigns use the published ones.
  const templates = await startingTemplates(db, systemActor('first start'), config.surveysDir, fileTemplates, new Date());
  const app = createApp({ config, db, logger, sessionSecret, templates });
  const background = config.runMailWorker ? startBackgroundWorker({ config, db, logger, secret: sessionSecret, templates }) : undefined;
  const server: Server = app.listen(config.port, () => {
    logger.info({ port: config.port, baseUrl: config.baseUrl }, 'PDS Loop is listening');
    console.log(`PDS Loop is running at http://localhost:${config.port}`);
    options.onListening?.();
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
  return server;
}

if (require.main === module) {
  const config = loadConfigOrExit();
  startServer(config, { templates: loadTemplatesOrExit(config) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
