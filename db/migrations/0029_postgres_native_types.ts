import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// On PostgreSQL, the columns get the engine's own types: flags become boolean, timestamps
// timestamptz and JSON columns jsonb. The app still sees 0/1, ISO-8601 UTC strings and JSON text
// on both engines: the driver converts on the way out (src/db/database.ts), and PostgreSQL reads
// the app's '1', ISO strings and JSON text as booleans, timestamps and jsonb on the way in.
// SQLite keeps its schema unchanged (test/db/sqlite-schema.test.ts).
//
// The columns are found by what earlier migrations built, so every flag made with
// portable.flag() and every timestamp named *_at (or a lease's end) is converted, whichever
// migration added it. Migrations after this one use portable's boolean, timestamp and json types.

/**
 * JSON columns, by table. Records that must come back exactly as written (a questionnaire's
 * definition, a campaign's snapshot of what respondents saw, a signed webhook body, the audit
 * log) are json, which keeps the text; the rest is jsonb, which keeps the value.
 */
const JSON_COLUMNS: Record<string, Record<string, 'json' | 'jsonb'>> = {
  audit_log: { detail: 'json' },
  campaign: { audience: 'jsonb', mail: 'jsonb', definition: 'json' },
  guess_round: { revealed_ranking: 'jsonb' },
  outbox: { headers: 'jsonb' },
  outbox_template: { fields: 'jsonb' },
  questionnaire: { retired_ids: 'jsonb' },
  questionnaire_version: { definition: 'json' },
  response: { answers: 'jsonb' },
  session: { data: 'jsonb' },
  ticket: { evidence: 'jsonb', resolution_note: 'jsonb' },
  webhook_delivery: { payload: 'json' },
  webhook_endpoint: { events: 'jsonb' },
};

/** Timestamp columns not named *_at. */
const OTHER_TIMESTAMPS = ['at', 'lease_until', 'locked_until', 'window_start'];

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface Column {
  table: string;
  column: string;
  columnDefault: string | null;
}

async function columnsOfType(db: Kysely<any>, dataType: string): Promise<Column[]> {
  const rows = await sql<{ table_name: string; column_name: string; column_default: string | null }>`
    select c.table_name, c.column_name, c.column_default
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.data_type = ${dataType} and c.table_name not like 'kysely\\_%'
    order by c.table_name, c.column_name`.execute(db);
  return rows.rows.map((r) => ({ table: r.table_name, column: r.column_name, columnDefault: r.column_default }));
}

/** Integer columns with a check that they are 0 or 1 (portable.flag), and the check's name. */
async function flagColumns(db: Kysely<any>): Promise<(Column & { constraint: string })[]> {
  const rows = await sql<{ table_name: string; column_name: string; column_default: string | null; constraint_name: string }>`
    select cl.relname as table_name, a.attname as column_name, pg_get_expr(d.adbin, d.adrelid) as column_default, con.conname as constraint_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = current_schema()
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where con.contype = 'c' and cardinality(con.conkey) = 1 and a.atttypid = 'integer'::regtype
      and pg_get_constraintdef(con.oid) ~ '= ANY \\(ARRAY\\[0, 1\\]\\)'
    order by cl.relname, a.attname`.execute(db);
  return rows.rows.map((r) => ({ table: r.table_name, column: r.column_name, columnDefault: r.column_default, constraint: r.constraint_name }));
}

const ref = (name: string) => sql.id(name);

export async function up(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;

  for (const flag of await flagColumns(db)) {
    const t = ref(flag.table);
    const c = ref(flag.column);
    await sql`alter table ${t} drop constraint ${ref(flag.constraint)}`.execute(db);
    await sql`alter table ${t} alter column ${c} drop default`.execute(db);
    await sql`alter table ${t} alter column ${c} type boolean using ${c} <> 0`.execute(db);
    if (flag.columnDefault !== null) {
      await sql`alter table ${t} alter column ${c} set default ${sql.raw(flag.columnDefault === '0' ? 'false' : 'true')}`.execute(db);
    }
  }

  for (const text of await columnsOfType(db, 'text')) {
    if (!text.column.endsWith('_at') && !OTHER_TIMESTAMPS.includes(text.column)) continue;
    await sql`alter table ${ref(text.table)} alter column ${ref(text.column)} type timestamptz using ${ref(text.column)}::timestamptz`.execute(db);
  }

  const texts = await columnsOfType(db, 'text');
  for (const [table, columns] of Object.entries(JSON_COLUMNS)) {
    for (const [column, type] of Object.entries(columns)) {
      const current = texts.find((x) => x.table === table && x.column === column);
      if (!current) continue;
      const t = ref(table);
      const c = ref(column);
      await sql`alter table ${t} alter column ${c} drop default`.execute(db);
      await sql`alter table ${t} alter column ${c} type ${sql.raw(type)} using ${c}::${sql.raw(type)}`.execute(db);
      if (current.columnDefault !== null) {
        await sql`alter table ${t} alter column ${c} set default ${sql.raw(current.columnDefault.replace(/::text$/, ''))}::${sql.raw(type)}`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!columnShapes(db).isPostgres) return;

  for (const json of [...(await columnsOfType(db, 'json')), ...(await columnsOfType(db, 'jsonb'))]) {
    const t = ref(json.table);
    const c = ref(json.column);
    await sql`alter table ${t} alter column ${c} drop default`.execute(db);
    await sql`alter table ${t} alter column ${c} type text using ${c}::text`.execute(db);
    if (json.columnDefault !== null) {
      await sql`alter table ${t} alter column ${c} set default ${sql.raw(json.columnDefault.replace(/::jsonb?$/, ''))}`.execute(db);
    }
  }

  for (const stamp of await columnsOfType(db, 'timestamp with time zone')) {
    const c = ref(stamp.column);
    await sql`alter table ${ref(stamp.table)} alter column ${c} type text using to_char(${c} at time zone 'UTC', ${sql.raw(ISO_UTC)})`.execute(db);
  }

  for (const flag of await columnsOfType(db, 'boolean')) {
    const t = ref(flag.table);
    const c = ref(flag.column);
    await sql`alter table ${t} alter column ${c} drop default`.execute(db);
    await sql`alter table ${t} alter column ${c} type integer using case when ${c} then 1 else 0 end`.execute(db);
    if (flag.columnDefault !== null) {
      await sql`alter table ${t} alter column ${c} set default ${sql.raw(flag.columnDefault === 'false' ? '0' : '1')}`.execute(db);
    }
    await sql`alter table ${t} add check (${c} in (0, 1))`.execute(db);
  }
}
