// pds-loop db:copy between engines: SQLite → the suite's engine (PostgreSQL with
// TEST_DATABASE_URL, else another SQLite file) → SQLite, on the demo company.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { runCliCapturing } from '../support/run-cli';
import { isPostgres, migrateToLatest, type Db } from '../../src/db/database';
import { copyDatabase, CopyError } from '../../src/db/copy';
import { rankProblemsFor } from '../../src/analysis/analysis.service';
import type { CurrentUser } from '../../src/auth/user';
import { seedDemo } from '../../src/demo/seed';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { openDatabaseAt } from '../support/open-database-at';

const NOW = new Date('2026-05-20T12:00:00Z');
const manager: CurrentUser = { id: 0, email: 'qm@example.com', name: 'QM', role: 'manager', teamIds: [] };

/** A SQLite file, whatever engine the suite runs on. */
async function sqliteFile(migrated: boolean): Promise<SharedTestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-copy-'));
  const file = path.join(dir, 'copy.sqlite');
  if (migrated) {
    const db = openDatabaseAt(file);
    await migrateToLatest(db);
    await db.destroy();
  }
  return { url: file, open: () => openDatabaseAt(file), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('kysely_migration'));
  const counts: Record<string, number> = {};
  for (const table of tables.sort()) {
    counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  }
  return counts;
}

async function rankedLists(db: Db) {
  const campaigns = await db.selectFrom('campaign').select('id').where('definition', 'is not', null).orderBy('id').execute();
  const lists = [];
  for (const { id } of campaigns) lists.push(await rankProblemsFor(db, manager, id, {}));
  return lists;
}

const cli = (argv: string[], databaseUrl: string) => runCliCapturing(argv, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });

describe('pds-loop db:copy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A migrated SQLite source holding one team, and a migrated target on the suite's engine; both closed after `use`. */
  async function withSourceAndTarget(use: (from: Db, to: Db) => Promise<void>) {
    const source = await sqliteFile(true);
    const target = await createSharedTestDatabase({ migrated: true, prefix: 'pds-copy-' });
    cleanups.push(source.cleanup, target.cleanup);
    const [from, to] = [source.open(), target.open()];
    try {
      await from.insertInto('team').values({ name: 'Logistics', email: 'l@example.com', is_active: 1, created_at: NOW.toISOString() }).execute();
      await use(from, to);
    } finally {
      await Promise.all([from.destroy(), to.destroy()]);
    }
  }

  it('copies SQLite into an empty database of the other engine and back with the same rows, ids and ranked problems', async () => {
    const original = await sqliteFile(true);
    const middle = await createSharedTestDatabase({ migrated: false, prefix: 'pds-copy-' });
    const back = await sqliteFile(false);
    cleanups.push(original.cleanup, middle.cleanup, back.cleanup);
    const seeded = original.open();
    await seedDemo(seeded, { templates: loadSurveyTemplates(SURVEYS_DIR), secret: 'copy-test-secret-copy-test-secret-0123', baseUrl: 'http://localhost:3000', now: NOW });
    const [counts, ranked] = [await rowCounts(seeded), await rankedLists(seeded)];
    await seeded.destroy();
    // Lists with problems in them, so that "the same lists" says something.
    expect(ranked.filter((list) => list.length > 0).length).toBeGreaterThan(0);

    const there = await cli(['db:copy', '--to', middle.url], original.url);
    expect(there).toMatchObject({ code: 0, out: expect.stringMatching(/^Copied \d+ rows in \d+ tables; the row counts match\.$/) });
    const returned = await cli(['db:copy', '--from', middle.url], back.url);
    expect(returned.code).toBe(0);

    for (const copy of [middle, back]) {
      const db = copy.open();
      try {
        expect(await rowCounts(db)).toEqual(counts);
        expect(await rankedLists(db)).toEqual(ranked);
      } finally {
        await db.destroy();
      }
    }
    // Identities continue after the copied ids.
    const db = middle.open();
    try {
      const max = await db.selectFrom('customer').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
      const next = await db
        .insertInto('customer')
        .values({ name: 'After the copy', language: 'en', created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(next.id).toBeGreaterThan(Number(max.id));
    } finally {
      await db.destroy();
    }
  }, 240_000);

  it('refuses a target that holds rows and writes nothing into it', async () => {
    await withSourceAndTarget(async (from, to) => {
      await to.insertInto('team').values({ name: 'Already here', email: 'a@example.com', is_active: 1, created_at: NOW.toISOString() }).execute();
      await expect(copyDatabase(from, to)).rejects.toThrow(CopyError);
      await expect(copyDatabase(from, to)).rejects.toThrow(/the target is not empty \(rows in team\)/);
      expect((await to.selectFrom('team').select('name').execute()).map((t) => t.name)).toEqual(['Already here']);
    });
  });

  it('rolls the whole copy back when a table fails half-way', async () => {
    await withSourceAndTarget(async (from, to) => {
      // A customer whose name the target refuses (a check added to the target only).
      await from.insertInto('customer').values({ name: 'x'.repeat(50), language: 'en', created_at: NOW.toISOString(), updated_at: NOW.toISOString() }).execute();
      if (isPostgres(to)) {
        await sql.raw(`create function refuse_long() returns trigger language plpgsql as $$ begin if length(new.name) > 40 then raise exception 'name too long'; end if; return new; end $$`).execute(to);
        await sql.raw('create trigger refuse_long_names before insert on customer for each row execute function refuse_long()').execute(to);
      } else {
        await sql.raw(`create trigger refuse_long_names before insert on customer when length(new.name) > 40 begin select raise(abort, 'name too long'); end`).execute(to);
      }
      // SQLite's error may come from outside Jest's realm, where rejects.toThrow does not see an Error.
      const outcome = await copyDatabase(from, to).then(
        () => 'copied',
        (error: { message?: unknown }) => String(error.message),
      );
      expect(outcome).toMatch(/name too long/);
      expect(await to.selectFrom('team').select('id').execute()).toEqual([]);
    });
  });
});
