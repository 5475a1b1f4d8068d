import { sql } from 'kysely';
import { Client } from 'pg';
import { migrations } from '../../db/migrations';
import { flagNumber } from '../../src/db/columns';
import { isPostgres, migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { describePostgresOnly, testDatabaseUrl } from '../support/test-database';
import { eachTestGets } from '../support/per-test';

const NOW = '2026-03-01T10:00:00.000Z';

async function insertUser(db: Db, values: { email: string; role?: string; is_active?: number }) {
  return db
    .insertInto('user')
    .values({ name: 'A', role: 'admin', password_hash: 'x', created_at: NOW, updated_at: NOW, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describePostgresOnly('the PostgreSQL schema', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  it('is opened through the PostgreSQL dialect', () => {
    expect(isPostgres(db)).toBe(true);
  });

  it('numbers rows with identity keys', async () => {
    const first = await insertUser(db, { email: 'a@example.com' });
    const second = await insertUser(db, { email: 'b@example.com' });
    expect([first.id, second.id]).toEqual([1, 2]);
    const identities = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`.execute(db);
    expect(identities.rows.map((r) => r.table_name).sort()).toEqual(
      [
        'answer_value', 'api_key', 'audit_log', 'campaign', 'coding_event', 'contact', 'customer', 'followup', 'invitation',
        'guess_round', 'kam_alert', 'outbox', 'outbox_template', 'problem_category', 'problem_mention', 'problem_rating_answer', 'questionnaire', 'questionnaire_version', 'response', 'team', 'ticket',
        'ticket_activity', 'ticket_comment', 'user', 'user_invitation', 'webhook_delivery', 'webhook_endpoint',
      ].sort(),
    );
  });

  it('keeps numeric answers in double precision', async () => {
    const column = await sql<{ data_type: string }>`
      select data_type from information_schema.columns where table_name = 'answer_value' and column_name = 'value'`.execute(db);
    expect(column.rows[0]?.data_type).toBe('double precision');
  });

  it('keeps flags as boolean, times as timestamptz and JSON as jsonb (json for documents kept as written)', async () => {
    const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely%'`.execute(db);
    const typeOf = (table: string, column: string) => types.rows.find((r) => r.table_name === table && r.column_name === column)?.data_type;
    expect(typeOf('user', 'is_active')).toBe('boolean');
    expect(typeOf('invitation', 'is_revoked')).toBe('boolean');
    expect(typeOf('followup', 'is_helpful')).toBe('boolean');
    expect(typeOf('campaign', 'closes_at')).toBe('timestamp with time zone');
    expect(typeOf('audit_log', 'at')).toBe('timestamp with time zone');
    expect(typeOf('job_lock', 'locked_until')).toBe('timestamp with time zone');
    expect(typeOf('response', 'answers')).toBe('jsonb');
    expect(typeOf('questionnaire_version', 'definition')).toBe('json');
    // No text column is left that holds a time, and no integer column a flag.
    const leftovers = types.rows.filter((r) => r.data_type === 'text' && (r.column_name.endsWith('_at') || r.column_name === 'at'));
    expect(leftovers).toEqual([]);
    const flags = types.rows.filter((r) => r.data_type === 'integer' && /^(is|has)_/.test(r.column_name));
    expect(flags).toEqual([]);
  });

  it('gives the app back 0/1 flags, ISO-8601 UTC times and JSON text, as SQLite does', async () => {
    const { id } = await insertUser(db, { email: 'a@example.com', is_active: 0 });
    await db.insertInto('audit_log').values({ at: NOW, event: 'e', detail: JSON.stringify({ b: 1, a: [2] }) }).execute();
    const user = await db.selectFrom('user').select(['is_active', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(user).toEqual({ is_active: 0, created_at: NOW });
    const audit = await db.selectFrom('audit_log').select(['at', 'detail']).executeTakeFirstOrThrow();
    expect(audit.at).toBe(NOW);
    expect(JSON.parse(audit.detail!)).toEqual({ b: 1, a: [2] });
    const active = await db.selectFrom('user').select('id').where('is_active', '=', 0).execute();
    expect(active).toHaveLength(1);
  });

  it('refuses a role, a status or a flag outside its set', async () => {
    await expect(insertUser(db, { email: 'r@example.com', role: 'owner' })).rejects.toThrow(/check constraint/);
    await expect(insertUser(db, { email: 'f@example.com', is_active: 2 })).rejects.toThrow(/type boolean/);
    await expect(
      db.insertInto('campaign').values({ name: 'C', template: 't', status: 'live', closes_at: NOW, created_at: NOW, updated_at: NOW }).execute(),
    ).rejects.toThrow(/check constraint/);
    const campaign = await db
      .insertInto('campaign')
      .values({ name: 'C', template: 't', closes_at: NOW, created_at: NOW, updated_at: NOW })
      .returning('status')
      .executeTakeFirstOrThrow();
    expect(campaign.status).toBe('draft');
  });

  it('returns counts, sums and averages as numbers', async () => {
    await insertUser(db, { email: 'a@example.com' });
    await insertUser(db, { email: 'b@example.com', is_active: 0 });
    const row = await db
      .selectFrom('user')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum(flagNumber('is_active')).as('active'), eb.fn.avg('id').as('mean')])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 2, active: 1, mean: 1.5 });
  });

  it('migrates a new database, again without change, and rolls every migration back', async () => {
    const name = `pds_test_migrate_${process.pid}`;
    const admin = new Client({ connectionString: testDatabaseUrl('postgres') });
    await admin.connect();
    try {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
      const fresh = openDatabase({ kind: 'postgres', url: testDatabaseUrl(name) });
      try {
        await migrateToLatest(fresh);
        await migrateToLatest(fresh);
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(fresh);
        expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
        for (const migration of Object.keys(migrations).reverse()) await migrations[migration]!.down!(fresh);
        const tables = await sql<{ tablename: string }>`
          select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(fresh);
        expect(tables.rows).toEqual([]);
      } finally {
        await fresh.destroy();
      }
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
