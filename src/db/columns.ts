/**
 * The columns of an update that were given: a field left `undefined` is not touched, while
 * `null` clears the column. Repositories use it for "update only the fields given".
 */
export function givenColumns<T extends Record<string, unknown>>(columns: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
