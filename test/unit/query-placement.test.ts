import fs from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '../../src');
// Query builders: only repositories (and the database module) build queries.
const QUERY_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql\.(raw|ref|id|table|lit|join)\(/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function isAllowed(file: string): boolean {
  const relative = path.relative(SRC, file).split(path.sep).join('/');
  return relative.endsWith('.repository.ts') || relative.startsWith('db/');
}

describe('where queries live', () => {
  it('builds every query in a repository or in src/db', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !isAllowed(file))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => QUERY_CALL.test(line))
          .map(({ index, line }) => `${path.relative(SRC, file)}:${index + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('recognises a query outside a repository (the check itself works)', () => {
    expect(QUERY_CALL.test("await db.selectFrom('user').selectAll().execute();")).toBe(true);
    expect(QUERY_CALL.test('await sql`select 1`.execute(db);')).toBe(true);
    expect(QUERY_CALL.test('const rows = await listUsers(db);')).toBe(false);
    expect(isAllowed(path.join(SRC, 'tickets/ticket.repository.ts'))).toBe(true);
    expect(isAllowed(path.join(SRC, 'tickets/ticket.service.ts'))).toBe(false);
  });
});
