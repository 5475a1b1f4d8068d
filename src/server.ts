import type { Server } from 'node:http';
import { ConfigError, configWarnings, loadConfig, type Config } from './config';
import { migrateToLatest, openDatabase, refreshPlannerStatistics, type Db } from './db/database';
import { createApp } from './app';
import { createLogger, type Logger } from './shared/logger';
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

/** How often the server refreshes the query planner's statistics (SQLite's advice: hourly). */
const STATISTICS_EVERY_MS = 60 * 60 * 1000;

/** openDatabase → migrateToLatest → first admin → createApp → listen, with the background worker and clean shutdown. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Server> {
  const fileTemplates = options.templates ?? loadTemplatesOrExit(config);
  const logger = createLogger(config.logLevel);
  for (const warning of configWarnings(config)) logger.warn(warning);
  const db = options.db ?? openDatabase(config.database);
  await migrateToLatest(db);
  await refreshPlannerStatistics(db, 'all tables');
  const statistics = setInterval(() => void refreshPlannerStatistics(db, 'tables in use').catch((error: unknown) => logger.warn({ err: error }, 'refreshing planner statistics failed')), STATISTICS_EVERY_MS);
  statistics.unref();

  const firstAdmin = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword }, new Date());
  if (firstAdmin?.generatedPassword) {
    // Printed once, on the console only, never to the structured log.
    console.log(`\nFirst admin created: ${firstAdmin.email}\nPassword (shown once): ${firstAdmin.generatedPassword}\n`);
  } else if (firstAdmin) {
    console.log(`First admin created: ${firstAdmin.email}`);
  }

  const sessionSecret = await resolveSessionSecret(db, config);
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

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(statistics);
    logger.info({ signal }, 'shutting down');
    void stopGracefully({ server, stopBackground: () => Promise.resolve(background?.stop()), db, logger }).then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return server;
}

/** In-flight requests get this long to finish before their connections are closed. */
const REQUEST_GRACE_MS = 2500;
/** The background worker gets this long to finish or release what it holds. */
const WORKER_GRACE_MS = 1500;

/**
 * Stops within about four seconds: no new connections, idle keep-alive connections closed now,
 * busy ones after REQUEST_GRACE_MS (their requests abandoned), then the background worker, then
 * the database. Never rejects: a step that fails is logged and the next one runs.
 */
export async function stopGracefully(parts: { server: Server; stopBackground: () => Promise<void>; db: Db; logger: Logger }): Promise<void> {
  const { server, logger } = parts;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection that turns idle after its response is closed too.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const grace = setTimeout(() => server.closeAllConnections(), REQUEST_GRACE_MS);
  await closed;
  clearInterval(idleSweep);
  clearTimeout(grace);
  const step = async (name: string, work: () => Promise<void>, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(() => (logger.warn({ step: name }, 'shutdown step timed out'), resolve()), ms)));
    try {
      await Promise.race([work(), timeout]);
    } catch (error) {
      logger.error({ err: error, step: name }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  };
  await step('background worker', parts.stopBackground, WORKER_GRACE_MS);
  await step('database', () => parts.db.destroy(), 500);
}

if (require.main === module) {
  const config = loadConfigOrExit();
  startServer(config, { templates: loadTemplatesOrExit(config) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
