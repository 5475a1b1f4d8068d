import { sql, type RawBuilder, type Selectable } from 'kysely';
import { isPostgres, type Db } from './database';
import type { Database } from './schema';

// Set-based inserts for many rows (a launch's invitations, skips and outbox mails): the rows go in
// as one JSON array parameter, read back by SQLite's json_each or PostgreSQL's
// json_array_elements, so thousands of rows are one statement with two or three parameters,
// far below either engine's bound-parameter limit.

/** How a row's JSON value becomes the column's value; `bytes` are hex text in the JSON. */
export type JsonValueType = 'integer' | 'text' | 'bytes' | 'timestamp';

/** Rows per statement (one JSON parameter each). */
export const JSON_INSERT_CHUNK = 5000;

type Column<T extends keyof Database> = keyof Database[T] & string;
type Returned<T extends keyof Database> = keyof Selectable<Database[T]> & string;

export interface JsonRowsInsert<T extends keyof Database, R extends Returned<T>> {
  table: T;
  /** The columns each row's array fills, in its order. */
  columns: readonly (readonly [Column<T>, JsonValueType])[];
  /** Columns with one value for every row. */
  constants?: readonly (readonly [Column<T>, JsonValueType, string | number | null])[];
  rows: readonly (readonly unknown[])[];
  /** A unique key: a row that conflicts on it is left out and the stored row kept. */
  skipConflictsOn?: readonly Column<T>[];
  /** Columns of the inserted rows to give back (rows left out by skipConflictsOn are not). */
  returning?: readonly R[];
}

function fromJson(postgres: boolean, value: RawBuilder<unknown>, type: JsonValueType): RawBuilder<unknown> {
  if (type === 'bytes') return postgres ? sql`decode(${value}, 'hex')` : sql`unhex(${value})`;
  if (!postgres || type === 'text') return value;
  return type === 'integer' ? sql`(${value})::integer` : sql`(${value})::timestamptz`;
}

function constant(postgres: boolean, value: string | number | null, type: JsonValueType): RawBuilder<unknown> {
  if (type === 'bytes') return postgres ? sql`decode(${value}, 'hex')` : sql`unhex(${value})`;
  if (!postgres) return sql`${value}`;
  return type === 'integer' ? sql`${value}::integer` : type === 'timestamp' ? sql`${value}::timestamptz` : sql`${value}::text`;
}

/** Inserts `rows` (arrays in the order of `columns`), JSON_INSERT_CHUNK per statement; returns the `returning` columns of the rows inserted. */
export async function insertJsonRows<T extends keyof Database, R extends Returned<T> = never>(db: Db, insert: JsonRowsInsert<T, R>): Promise<Pick<Selectable<Database[T]>, R>[]> {
  const postgres = isPostgres(db);
  const constants = insert.constants ?? [];
  const names = sql.join([...insert.columns, ...constants].map(([name]) => sql.ref(name)));
  const values = [
    ...insert.columns.map(([, type], i) => fromJson(postgres, sql`r.value ->> ${sql.raw(String(i))}`, type)),
    ...constants.map(([, type, value]) => constant(postgres, value, type)),
  ];
  const onConflict = insert.skipConflictsOn ? sql`on conflict (${sql.join(insert.skipConflictsOn.map((c) => sql.ref(c)))}) do nothing` : sql``;
  const returning = insert.returning?.length ? sql`returning ${sql.join(insert.returning.map((c) => sql.ref(c)))}` : sql``;
  const out: Pick<Selectable<Database[T]>, R>[] = [];
  for (let i = 0; i < insert.rows.length; i += JSON_INSERT_CHUNK) {
    const json = JSON.stringify(insert.rows.slice(i, i + JSON_INSERT_CHUNK));
    const source = postgres ? sql`json_array_elements(${json}::json) as r(value)` : sql`json_each(${json}) as r`;
    // SQLite needs the WHERE to tell the SELECT's end from an upsert's ON.
    const result = await sql<Pick<Selectable<Database[T]>, R>>`
      insert into ${sql.table(insert.table)} (${names})
      select ${sql.join(values)} from ${source} where true
      ${onConflict} ${returning}`.execute(db);
    out.push(...result.rows);
  }
  return out;
}
