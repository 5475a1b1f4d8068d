import { sql, type Kysely } from 'kysely';
import { parseDatabaseUrl, type DatabaseTarget } from '../config';
import { isPostgres, migrateToLatest, openDatabase, type Db } from './database';

// `pds-loop db:copy`: one installation's data into an empty database on the other engine (or
// the same one). The target is written in one transaction: any error, or a row count that does
// not match at the end, rolls it all back. Ids are kept, so identities (PostgreSQL) are moved
// past the highest id copied; SQLite's AUTOINCREMENT follows explicit ids by itself.

/** Tables of the migration tool: each side keeps its own (both are migrated to the same list). */
const MIGRATION_TABLE = /^kysely_migration/;

/** Under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 per statement. */
const PARAMETERS_PER_INSERT = 30000;

interface TableInfo {
  name: string;
  columns: string[];
  /** Tables it references (other than itself). */
  parents: string[];
  /** Its columns that reference its own table (problem_category.merged_into_id). */
  selfReferences: string[];
}

export interface CopyReport {
  /** Rows copied per table, in the order they were copied. */
  tables: { name: string; rows: number }[];
}

export class CopyError extends Error {}

/**
 * Copies every row of `source` into `target`, which must be empty (migrated here if it is not
 * yet), table by table in dependency order, inside one transaction on the target and one
 * consistent read of the source. Refuses a target holding any row and two schemas that differ.
 * @throws CopyError (target not empty, schemas differ, counts differ), or the database's error
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport> {
  await migrateToLatest(target);
  const [sourceTables, targetTables] = await Promise.all([describeTables(source), describeTables(target)]);
  const targetByName = new Map(targetTables.map((t) => [t.name, t]));
  const missing = sourceTables.filter((t) => !targetByName.has(t.name) || !sameColumns(t, targetByName.get(t.name)!));
  if (missing.length || sourceTables.length !== targetTables.length) {
    throw new CopyError(`the two schemas differ (${missing.map((t) => t.name).join(', ') || 'tables'}): run pds-loop migrate on both with the same version`);
  }
  const ordered = dependencyOrder(sourceTables);

  return readConsistently(source, async (from) =>
    target.transaction().execute(async (to) => {
      // SQLite checks foreign keys at the commit instead of per statement (self-references).
      if (!isPostgres(to)) await sql`pragma defer_foreign_keys = on`.execute(to);
      const nonEmpty = [];
      for (const table of ordered) if ((await countRows(to, table.name)) > 0) nonEmpty.push(table.name);
      if (nonEmpty.length) throw new CopyError(`the target is not empty (rows in ${nonEmpty.join(', ')}): copy only into a new, empty database`);

      const report: CopyReport = { tables: [] };
      for (const table of ordered) report.tables.push({ name: table.name, rows: await copyTable(from, to, table) });
      if (isPostgres(to)) await moveIdentitiesPastCopiedIds(to);
      for (const { name, rows } of report.tables) {
        const [expected, copied] = [await countRows(from, name), await countRows(to, name)];
        if (expected !== rows || copied !== rows) throw new CopyError(`${name}: ${expected} rows in the source, ${copied} in the target after copying ${rows}`);
      }
      return report;
    }),
  );
}

/**
 * Opens both ends by their targets, copies, and closes them. `pds-loop db:copy --to URL` copies
 * the configured database into URL; `--from URL` copies URL into the configured database.
 */
export async function copyBetween(source: DatabaseTarget, target: DatabaseTarget): Promise<CopyReport> {
  if (JSON.stringify(source) === JSON.stringify(target)) throw new CopyError('the source and the target are the same database');
  const [from, to] = [openDatabase(source), openDatabase(target)];
  try {
    return await copyDatabase(from, to);
  } finally {
    await Promise.all([from.destroy(), to.destroy()]);
  }
}

// The source is read in one transaction so the copy is one moment of it: PostgreSQL's
// repeatable read is a snapshot; SQLite's transaction (BEGIN IMMEDIATE) holds off writers.
function readConsistently<T>(source: Db, work: (from: Db) => Promise<T>): Promise<T> {
  const transaction = source.transaction();
  return (isPostgres(source) ? transaction.setIsolationLevel('repeatable read') : transaction).execute(work);
}

function sameColumns(a: TableInfo, b: TableInfo): boolean {
  return a.columns.length === b.columns.length && a.columns.every((c) => b.columns.includes(c));
}

async function describeTables(db: Db): Promise<TableInfo[]> {
  const tables = (await db.introspection.getTables()).filter((t) => !MIGRATION_TABLE.test(t.name) && !t.isView);
  const references = await foreignKeys(db);
  return tables.map((t) => {
    const own = references.filter((r) => r.child === t.name);
    return {
      name: t.name,
      columns: t.columns.map((c) => c.name),
      parents: [...new Set(own.filter((r) => r.parent !== t.name).map((r) => r.parent))],
      selfReferences: own.filter((r) => r.parent === t.name).map((r) => r.column),
    };
  });
}

async function foreignKeys(db: Db): Promise<{ child: string; column: string; parent: string }[]> {
  if (isPostgres(db)) {
    const rows = await sql<{ child: string; column: string; parent: string }>`
      select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
    // regclass quotes names that need it ("user").
    return rows.rows.map((r) => ({ child: unquote(r.child), column: r.column, parent: unquote(r.parent) }));
  }
  const rows = await sql<{ child: string; column: string; parent: string }>`
    select m.name as child, f."from" as "column", f."table" as parent
    from sqlite_master m, pragma_foreign_key_list(m.name) f
    where m.type = 'table'`.execute(db);
  return rows.rows;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

/** Parents before children; throws on a cycle between tables (none in this schema). */
function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const visiting = new Set<string>();
  const visit = (table: TableInfo) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table.name)) throw new CopyError(`tables reference each other in a cycle through ${table.name}`);
    visiting.add(table.name);
    for (const parent of table.parents) {
      const found = byName.get(parent);
      if (found) visit(found);
    }
    visiting.delete(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}

async function countRows(db: Db, table: string): Promise<number> {
  const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

// Rows in the source's key order, in pages; PostgreSQL checks each foreign key per statement,
// so a self-reference (only in tables with an id) is written as null first and set once every
// row of the table is in.
async function copyTable(from: Db, to: Db, table: TableInfo): Promise<number> {
  const source = from as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const target = to as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const hasId = table.columns.includes('id');
  const pageSize = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length));
  const later: Record<string, unknown>[] = [];
  let copied = 0;
  let lastId: unknown;
  for (let offset = 0; ; offset += pageSize) {
    // By id from the last one read (keyset); the few tables without one by all their columns.
    let page = source.selectFrom(table.name).select(table.columns).limit(pageSize);
    if (hasId) page = (lastId === undefined ? page : page.where('id', '>', lastId)).orderBy('id');
    else page = table.columns.reduce((q, column) => q.orderBy(column), page).offset(offset);
    const rows = await page.execute();
    if (!rows.length) break;
    lastId = rows.at(-1)!.id;
    const values = rows.map((row) => {
      if (!table.selfReferences.some((c) => row[c] !== null)) return row;
      later.push(row);
      return { ...row, ...Object.fromEntries(table.selfReferences.map((c) => [c, null])) };
    });
    await target.insertInto(table.name).values(values).execute();
    copied += rows.length;
    if (rows.length < pageSize) break;
  }
  for (const row of later) {
    const references = Object.fromEntries(table.selfReferences.map((c) => [c, row[c]]));
    await target.updateTable(table.name).set(references).where('id', '=', row.id).execute();
  }
  return copied;
}

async function moveIdentitiesPastCopiedIds(to: Db): Promise<void> {
  const identities = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(to);
  for (const { table_name: table, column_name: column } of identities.rows) {
    await sql`select setval(pg_get_serial_sequence(${sql.lit(`"${table.replace(/"/g, '""')}"`)}, ${sql.lit(column)}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(to);
  }
}

/** What the command line gives a command; the same shape as cli.ts's Command (no import of the CLI). */
interface CopyCommand {
  summary: string;
  options: Record<'to' | 'from', { type: 'string'; help: string }>;
  run: (ctx: { config: { database: DatabaseTarget }; out: (line: string) => void }, args: Record<string, string | boolean | undefined>) => Promise<void>;
}

/** `pds-loop db:copy --to URL | --from URL`: between the configured database (DATABASE_URL) and another, empty one. */
export const dbCopyCommand: CopyCommand = {
  summary: 'Copy every row between DATABASE_URL and an empty database (SQLite file or postgres://…)',
  options: {
    to: { type: 'string', help: 'copy DATABASE_URL into this empty database' },
    from: { type: 'string', help: 'copy this database into DATABASE_URL, which must be empty' },
  },
  run: async ({ config, out }, args) => {
    const [to, from] = [args.to, args.from];
    if (typeof to === 'string' === (typeof from === 'string')) throw new CopyError('give exactly one of --to URL and --from URL');
    const other = parseDatabaseUrl(String(to ?? from), to !== undefined ? '--to' : '--from');
    const report = to !== undefined ? await copyBetween(config.database, other) : await copyBetween(other, config.database);
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    out(`Copied ${rows} rows in ${report.tables.length} tables; the row counts match.`);
  },
};
