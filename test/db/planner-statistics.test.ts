import SqliteDatabase from 'better-sqlite3';
import { refreshPlannerStatistics, sqliteHandle, type Db } from '../../src/db/database';
import { createTestDbFile } from '../support/test-db';
import { describeSqliteOnly, type SharedTestDatabase } from '../support/test-database';
import { createCustomer } from '../support/analysis-factories';

// Without statistics SQLite planned the ranked list's account query in minutes at 100,000
// responses (docs/performance.md); the server refreshes them at start-up and hourly.
describeSqliteOnly('the query planner statistics', () => {
  let file: SharedTestDatabase;
  let db: Db;
  beforeEach(async () => {
    file = await createTestDbFile('pds-stats-');
    db = file.open();
  });
  afterEach(async () => {
    await db.destroy();
    await file.cleanup();
  });

  const analysedTables = () => {
    const sqlite = sqliteHandle(db)!;
    const hasStats = sqlite.prepare(`select 1 from sqlite_master where name = 'sqlite_stat1'`).get();
    return hasStats ? (sqlite.prepare('select distinct tbl from sqlite_stat1 order by tbl').all() as { tbl: string }[]).map((r) => r.tbl) : [];
  };

  it('are gathered at start-up for tables that hold rows', async () => {
    for (let i = 0; i < 50; i++) await createCustomer(db, { name: `Customer ${i}` });
    expect(analysedTables()).not.toContain('customer');

    await refreshPlannerStatistics(db, 'all tables');

    expect(analysedTables()).toContain('customer');
  });

  it('are left for later, without an error, while another process holds the write lock', async () => {
    for (let i = 0; i < 50; i++) await createCustomer(db, { name: `Customer ${i}` });
    const other = new SqliteDatabase(file.url);
    other.exec('begin immediate');
    try {
      await expect(refreshPlannerStatistics(db, 'all tables')).resolves.toBeUndefined();
    } finally {
      other.exec('rollback');
      other.close();
    }
    await refreshPlannerStatistics(db, 'all tables');
    expect(analysedTables()).toContain('customer');
  });
});
