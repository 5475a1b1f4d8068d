import type { CompiledQuery, Compilable, DialectAdapter } from 'kysely';
import type { Db, Tx } from './database';

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
