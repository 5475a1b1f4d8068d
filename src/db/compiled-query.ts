import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './database';

/**
 * A query for hot paths, built and compiled once per database handle instead of on every call
 * (Kysely's building and compiling cost more than SQLite's lookup for a small indexed query).
 * `build` receives a marker in place of each parameter; the markers must reach the query only as
 * values (where, set), never shape it. Each call runs the compiled SQL with its own values.
 * Handles made per transaction compile again, so this pays off on the long-lived database handle.
 */
export function compiledOnce<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>): (db: Db, ...params: P) => Promise<R[]> {
  const compiled = new WeakMap<Db, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db, ...params) => {
    let entry = compiled.get(db);
    if (entry === undefined) {
      const markers = params.map((_, i) => `\u0000parameter ${i}\u0000`);
      const query = build(db, ...(markers as P)).compile();
      const slots = query.parameters.map((value) => markers.indexOf(value as string));
      markers.forEach((_, i) => {
        if (!slots.includes(i)) throw new Error(`compiledOnce: parameter ${i} does not reach the query as a value`);
      });
      entry = { query, slots };
      compiled.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, i) => (slots[i]! >= 0 ? params[slots[i]!] : value));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
