import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// The column shapes that differ between SQLite and PostgreSQL, for migrations (which never
// import from src/). On SQLite each one builds exactly what the migrations built before
// PostgreSQL was supported, so installations keep the schema they have
// (test/db/sqlite-schema.test.ts holds that schema).
//
// Migrations 0001–0028 built timestamps as ISO-8601 UTC text, JSON as text and flags as 0/1
// integers on both engines; 0029 gives PostgreSQL its native types for all of them. A later
// migration asks for the native type directly: `col.timestamp`, `col.json`, and `col.boolean`
// with `col.flagValue()` for its default. The app sees the same values on both engines
// (src/db/database.ts). See docs/postgres.md.

type Column = ColumnDefinitionBuilder;

export interface ColumnShapes {
  readonly isPostgres: boolean;
  /** The surrogate key: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
  id(c: Column): Column;
  /** A floating-point number: SQLite's REAL has 8 bytes; PostgreSQL's has 4, so double precision there. */
  readonly double: 'real' | 'double precision';
  /** A 0/1 flag, checked to be 0 or 1 on PostgreSQL (migrations before 0029; 0029 makes it boolean). */
  flag(column: string, c: Column): Column;
  /** Column types for migrations after 0029: native on PostgreSQL, what SQLite always had there. */
  readonly timestamp: 'text' | 'timestamptz';
  readonly json: 'text' | 'jsonb';
  readonly boolean: 'integer' | 'boolean';
  /** A default for a `boolean` column. */
  flagValue(value: 0 | 1): number | boolean;
  /** A text column holding one of a fixed set of values, checked on PostgreSQL. */
  oneOf(column: string, values: readonly string[], c: Column): Column;
}

export function columnShapes(db: Kysely<any>): ColumnShapes {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const check = (c: Column, condition: ReturnType<typeof sql>) => (isPostgres ? c.check(condition) : c);
  return {
    isPostgres,
    // By default rather than always: a copy between engines (db:copy) keeps the ids it copies.
    id: (c) => (isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()),
    double: isPostgres ? 'double precision' : 'real',
    timestamp: isPostgres ? 'timestamptz' : 'text',
    json: isPostgres ? 'jsonb' : 'text',
    boolean: isPostgres ? 'boolean' : 'integer',
    flagValue: (value) => (isPostgres ? value === 1 : value),
    flag: (column, c) => check(c, sql`${sql.ref(column)} in (0, 1)`),
    oneOf: (column, values, c) => check(c, sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`),
  };
}
