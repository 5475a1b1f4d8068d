import { sql, type RawBuilder } from 'kysely';

/**
 * The columns of an update that were given: a field left `undefined` is not touched, while
 * `null` clears the column. Repositories use it for "update only the fields given".
 */
export function givenColumns<T extends Record<string, unknown>>(columns: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** The timestamps of a new row: created and last changed now. */
export function createdColumns(now: Date): { created_at: string; updated_at: string } {
  const at = now.toISOString();
  return { created_at: at, updated_at: at };
}

/**
 * A 0/1 flag as a number inside SQL, for sums and coalesce: PostgreSQL keeps flags as boolean,
 * SQLite as 0/1 integers, and the cast gives 0/1 (or null) on both.
 */
export function flagNumber(column: string): RawBuilder<number | null> {
  return sql<number | null>`cast(${sql.ref(column)} as integer)`;
}

/** The row a select query built by `query(db, …)` returns, for its row-mapping function's parameter. */
export type RowOf<Query extends (...args: never[]) => { executeTakeFirstOrThrow(): Promise<unknown> }> = Awaited<
  ReturnType<ReturnType<Query>['executeTakeFirstOrThrow']>
>;
