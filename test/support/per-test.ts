import type { Express } from 'express';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { tempDatabaseFile } from './test-db';
import { createTestApp, createTestDb } from './test-app';
import { startSmtpSink, type SinkReply, type SmtpSink } from './smtp-sink';

// The set-up most test files repeat: before each test a fresh database, and when asked an app on
// it and a running SMTP sink; after each test the sink stopped and the database dropped.

type TestAppOptions = NonNullable<Parameters<typeof createTestApp>[1]>;
interface SinkOptions {
  decide?: (to: string, attempt: number) => SinkReply;
  keepRaw?: boolean;
}
interface Wanted {
  /** An app on the test's database (`true`: the default options). */
  app?: TestAppOptions | true;
  /** An SMTP sink (`true`: accepting every message). */
  sink?: SinkOptions | true;
}
export type PerTestWorld<W extends Wanted> = { db: Db } & (W extends { app: object | true } ? { app: Express } : unknown) &
  (W extends { sink: object | true } ? { sink: SmtpSink } : unknown);

/**
 * Registers the set-up for each test of the enclosing describe block (or file); `assign` hands the
 * new database, app and sink to the block's variables: `eachTestGets({ app: true }, (w) => ({ db, app } = w))`.
 */
export function eachTestGets<W extends Wanted>(wanted: W, assign: (world: PerTestWorld<W>) => void): void {
  let db: Db | undefined;
  let sink: SmtpSink | undefined;
  beforeEach(async () => {
    db = await createTestDb();
    const world: { db: Db; app?: Express; sink?: SmtpSink } = { db };
    if (wanted.app) world.app = createTestApp(db, wanted.app === true ? {} : wanted.app);
    if (wanted.sink) {
      const options = wanted.sink === true ? {} : wanted.sink;
      sink = world.sink = await startSmtpSink(options.decide, { keepRaw: options.keepRaw });
    }
    assign(world as PerTestWorld<W>);
  });
  afterEach(async () => {
    await sink?.close();
    await db?.destroy();
    sink = db = undefined;
  });
}

/**
 * Before each test a migrated SQLite file of its own, opened as the app opens it (`prepare` may set
 * the empty file up first, e.g. its page size); after each test the database closed and the file removed.
 */
export function eachTestGetsSqliteFile(
  options: { prefix: string; prepare?: (file: string) => void },
  assign: (world: { db: Db; file: string }) => void,
): void {
  let db: Db | undefined;
  let cleanup: (() => void) | undefined;
  beforeEach(async () => {
    const temp = tempDatabaseFile(options.prefix);
    cleanup = temp.cleanup;
    options.prepare?.(temp.file);
    db = openDatabase(temp.file);
    await migrateToLatest(db);
    assign({ db, file: temp.file });
  });
  afterEach(async () => {
    await db?.destroy();
    cleanup?.();
    db = cleanup = undefined;
  });
}
