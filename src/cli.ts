import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { migrateToLatest, openDatabase, type Db } from './db/database';
import { createTeam, createUser, setPassword } from './accounts/account.service';
import { PASSWORD_MIN } from './accounts/account.schemas';
import { findTeamByName } from './accounts/team.repository';
import { isRole, ROLES, systemActor } from './auth/user';
import { generatePassword } from './auth/password';
import { AppError, ValidationError } from './shared/errors';
import { DEFAULT_LANGUAGE, translate } from './shared/languages';
import { createApiKey, resolveKeyUser } from './api/api-key.service';
import { emailAddress } from './shared/email';
import { workerCommand } from './jobs/worker-command';
import { BackupError, backupSqlite, restoreSqlite } from './db/sqlite-backup';
import path from 'node:path';
import { importQuestionnaireFiles } from './questionnaires/questionnaire-import.service';
import { dbCopyCommand } from './db/copy';

export class UsageError extends Error {}

/** Commands act as the system: whoever may run them administers the installation. */
const CLI = systemActor('cli');

export interface CliContext {
  config: Config;
  db: Db;
  out: (line: string) => void;
}

type Options = Record<string, { type: 'string' | 'boolean'; required?: boolean; help: string }>;

export interface Command {
  summary: string;
  options: Options;
  /** One required positional argument (a file), stored in args under this name. */
  argument?: { name: string; help: string };
  /** False for commands that must not open (and migrate) the database first, e.g. restore. */
  opensDatabase?: false;
  run: (ctx: CliContext, args: Record<string, string | boolean | undefined>) => Promise<void>;
}

const emailSchema = emailAddress();

function requireEmail(value: unknown, flag = '--email'): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} must be an email address`);
  return parsed.data;
}

export const COMMANDS: Record<string, Command> = {
  worker: workerCommand,
  'db:copy': dbCopyCommand,
  migrate: {
    summary: 'Create or update the database schema',
    options: {},
    run: async ({ out }) => out('Database is up to date.'),
  },
  backup: {
    summary: 'Write a consistent copy of the live SQLite database to FILE and check it (safe while the app runs)',
    options: {},
    argument: { name: 'file', help: 'the new backup file' },
    run: async ({ config, db, out }, args) => {
      if (config.database.kind !== 'sqlite') throw new UsageError('PostgreSQL is backed up with pg_dump (see the README)');
      const { bytes } = await backupSqlite(db, path.resolve(String(args.file)));
      out(`Backup written to ${String(args.file)} (${bytes} bytes); integrity check ok.`);
    },
  },
  restore: {
    summary: 'Replace the SQLite database with the backup FILE (stop the app first; the old file is kept as <name>.before-restore)',
    options: {},
    argument: { name: 'file', help: 'a file written by pds-loop backup' },
    opensDatabase: false,
    run: async ({ config, out }, args) => {
      if (config.database.kind !== 'sqlite' || config.database.file === ':memory:') throw new UsageError('restore works on a SQLite database file; PostgreSQL is restored with pg_restore or psql');
      const { kept } = restoreSqlite(config.database.file, path.resolve(String(args.file)));
      out(`Restored ${config.database.file} from ${String(args.file)}.${kept ? ` The previous database is kept as ${kept}.` : ''}`);
    },
  },
  'questionnaires:import': {
    summary: 'Import questionnaire files (surveys/*.json format) as published versions',
    options: { from: { type: 'string', help: 'a folder of *.json files or one file (default: SURVEYS_DIR)' } },
    run: async ({ config, db, out }, args) => {
      const report = await importQuestionnaireFiles(db, CLI, args.from === undefined ? config.surveysDir : String(args.from), new Date());
      report.lines.forEach((line) => out(line));
      if (report.failed) throw new Error(`${report.failed} file(s) not imported`);
    },
  },
  'team:add': {
    summary: 'Add a team that owns problem categories and receives tickets',
    options: {
      name: { type: 'string', required: true, help: 'team name' },
      email: { type: 'string', required: true, help: 'team mail address' },
    },
    run: async ({ db, out }, args) => {
      const id = await createTeam(db, CLI, { name: String(args.name).trim(), email: requireEmail(args.email), isActive: true }, new Date());
      out(`Team ${String(args.name)} added (id ${id}).`);
    },
  },
  'user:add': {
    summary: 'Add a user',
    options: {
      email: { type: 'string', required: true, help: 'sign-in email' },
      role: { type: 'string', required: true, help: ROLES.join(' | ') },
      name: { type: 'string', help: 'display name (default: the email)' },
      password: { type: 'string', help: `at least ${PASSWORD_MIN} characters (default: generated and printed)` },
      team: { type: 'string', help: 'name of a team the user belongs to' },
    },
    run: async ({ db, out }, args) => {
      const email = requireEmail(args.email);
      const role = String(args.role);
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const given = args.password === undefined ? undefined : String(args.password);
      if (given !== undefined && given.length < PASSWORD_MIN) throw new UsageError(`--password must have at least ${PASSWORD_MIN} characters`);
      const teamIds: number[] = [];
      if (args.team !== undefined) {
        const team = await findTeamByName(db, String(args.team));
        if (!team) throw new UsageError(`--team: no team named "${String(args.team)}"`);
        teamIds.push(team.id);
      }
      const password = given ?? generatePassword();
      const name = args.name === undefined ? email : String(args.name);
      const id = await createUser(db, CLI, { email, role, name, password, teamIds }, new Date());
      out(`User ${email} added as ${role} (id ${id}).`);
      if (given === undefined) out(`Password (shown once): ${password}`);
    },
  },
  'apikey:create': {
    summary: 'Create an API key; prints the key (shown once) alone on the last line',
    options: {
      name: { type: 'string', required: true, help: 'what the key is for' },
      user: { type: 'string', help: 'email of the user the key acts as (default: the first active admin)' },
    },
    run: async ({ db, out }, args) => {
      const name = String(args.name).trim();
      if (name.length === 0 || name.length > 100) throw new UsageError('--name must have 1 to 100 characters');
      const userId = await resolveKeyUser(db, args.user === undefined ? undefined : requireEmail(args.user, '--user'));
      const created = await createApiKey(db, CLI, { name, userId }, new Date());
      out(`API key "${name}" created (id ${created.id}). Shown once:`);
      out(created.key);
    },
  },
  'user:password': {
    summary: 'Set a new password for a user',
    options: {
      email: { type: 'string', required: true, help: 'the user' },
      password: { type: 'string', help: `new password (default: generated and printed)` },
    },
    run: async ({ db, out }, args) => {
      const email = requireEmail(args.email);
      const given = args.password === undefined ? undefined : String(args.password);
      if (given !== undefined && given.length < PASSWORD_MIN) throw new UsageError(`--password must have at least ${PASSWORD_MIN} characters`);
      const password = given ?? generatePassword();
      await setPassword(db, CLI, email, password, new Date());
      out(`Password changed for ${email}.`);
      if (given === undefined) out(`Password (shown once): ${password}`);
    },
  },
};

function usage(): string {
  const lines = ['Usage: pds-loop <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`  ${`${name}${command.argument ? ` ${command.argument.name.toUpperCase()}` : ''}`.padEnd(16)} ${command.summary}`);
    for (const [flag, option] of Object.entries(command.options)) {
      lines.push(`      --${flag}${option.type === 'string' ? ' VALUE' : ''}${option.required ? '' : ' (optional)'}  ${option.help}`);
    }
  }
  return lines.join('\n');
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(
  argv: string[],
  io: { out: (line: string) => void; err: (line: string) => void },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  let args: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([flag, o]) => [flag, { type: o.type }]));
    const parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.argument !== undefined });
    args = parsed.values as typeof args;
    if (command.argument) {
      if (parsed.positionals.length !== 1) throw new UsageError(`give one ${command.argument.name.toUpperCase()}: ${command.argument.help}`);
      args[command.argument.name] = parsed.positionals[0];
    }
    for (const [flag, option] of Object.entries(command.options)) {
      if (option.required && (args[flag] === undefined || args[flag] === '')) throw new UsageError(`--${flag} is required`);
    }
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}`);
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  const db = command.opensDatabase === false ? undefined : openDatabase(config.database);
  try {
    if (db) await migrateToLatest(db);
    // Commands with opensDatabase: false never touch ctx.db.
    await command.run({ config, db: db as Db, out: io.out }, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof BackupError) {
      io.err(`${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof ValidationError) {
      // A message may be a key of the staff catalogue: the terminal reads English.
      const english = translate(DEFAULT_LANGUAGE, 'staff');
      io.err(`${name}: ${Object.values(error.fields).flat().map((m) => english(m)).join('; ') || english(error.message, error.vars)}`);
      return 1;
    }
    if (error instanceof AppError) {
      io.err(`${name}: ${translate(DEFAULT_LANGUAGE, 'staff')(error.message, error.vars)}`);
      return 1;
    }
    io.err(`${name}: ${(error as Error).message}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
