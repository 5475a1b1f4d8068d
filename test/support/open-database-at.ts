import { openDatabase, type Db } from '../../src/db/database';

// Apart from test-database.ts so that a child process (test/mail/child-process.ts) can use it
// without Jest's globals.

/** Opens a database by what DATABASE_URL holds: a postgres:// URL or a SQLite file path. */
export function openDatabaseAt(url: string): Db {
  return openDatabase(/^postgres(ql)?:\/\//.test(url) ? { kind: 'postgres', url } : { kind: 'sqlite', file: url });
}
