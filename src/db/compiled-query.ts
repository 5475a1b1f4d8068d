import type { CompiledQuery, Compilable, DialectAdapter, InsertQueryBuilder, InsertResult } from 'kysely';
import type { Db, Tx } from './database';
import type { Database } from './schema';

/**
 * A query for hot paths, built and compiled once per database engine instead of on every call
 * (building and compiling cost Kysely more than SQLite needs to run a small indexed query).
 * `build` receives a marker in place of each parameter; the markers must reach the query only as
 * values (in where, set or values), never shape it. Each call runs the compiled SQL with its own
 * values, on the database or inside a transaction.
 */
export function compiledOnce<P extends unknown[], R>(build: (db: Db | Tx, ...params: P) => Compilable<R>): (db: Db | Tx, ...params: P) => Promise<R[]> {
  // The SQL depends only on the engine's compiler, which every handle of a database (and each
  // of its transactions) shares with its adapter.
  const compiled = new WeakMap<DialectAdapter, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db, ...params) => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (entry === undefined) {
      const markers = params.map((_, i) => `\u0000parameter ${i}\u0000`);
      const query = build(db, ...(markers as P)).compile();
      // A map, not indexOf: a bulk insert has thousands of markers.
      const positions = new Map(markers.map((marker, i) => [marker, i]));
      const slots = query.parameters.map((value) => positions.get(value as string) ?? -1);
      const reached = new Set(slots);
      markers.forEach((_, i) => {
        if (!reached.has(i)) throw new Error(`compiledOnce: parameter ${i} does not reach the query as a value`);
      });
      entry = { query, slots };
      compiled.set(adapter, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, i) => (slots[i]! >= 0 ? params[slots[i]!] : value));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * A multi-row insert compiled once per number of rows (a submission has as many rows as its
 * questionnaire asks, an import full chunks and one shorter last one): building and compiling an
 * insert of many rows costs Kysely more than the database needs to store them. `values` holds
 * `columns` per row, in that order; `returning` adds a RETURNING clause where the caller needs
 * one. At most `maxShapes` row counts are kept, so an unusual input cannot grow the cache.
 */
export function multiRowInsert<T extends keyof Database & string, R = unknown>(
  table: T,
  columns: readonly string[],
  returning: (query: InsertQueryBuilder<Database, T, InsertResult>) => Compilable<R> = (query) => query as unknown as Compilable<R>,
  maxShapes = 50,
): (db: Db | Tx, values: unknown[]) => Promise<R[]> {
  const byCount = new Map<number, (db: Db | Tx, ...values: unknown[]) => Promise<R[]>>();
  return async (db, values) => {
    const count = values.length / columns.length;
    let insert = byCount.get(count);
    if (insert === undefined) {
      insert = compiledOnce((trx, ...params: unknown[]) =>
        // The rows are typed where the callers flatten them; here they are markers only.
        returning(trx.insertInto(table).values(Array.from({ length: count }, (_, row) => Object.fromEntries(columns.map((c, i) => [c, params[row * columns.length + i]]))) as never)),
      );
      if (byCount.size < maxShapes) byCount.set(count, insert);
    }
    return insert(db, ...values);
  };
}
