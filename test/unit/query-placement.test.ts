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

// Tables with one owner: other features call the owner's functions. A join to show a name or to
// filter is fine; reading or writing the table itself is the owner's job.
const OWNERS: Record<string, (relative: string) => boolean> = {
  user: (file) => /^accounts\/[^/]+\.repository\.ts$/.test(file),
  team: (file) => /^accounts\/[^/]+\.repository\.ts$/.test(file),
  team_member: (file) => /^accounts\/[^/]+\.repository\.ts$/.test(file),
  setting: (file) => file.startsWith('settings/'),
  organisation_logo: (file) => file === 'organisation/organisation.repository.ts',
};
const TABLE_QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"`]([a-z_]+)(?:\s+as\s+\w+)?['"`]/g;

/** `file:line: method('table')` for every query on an owned table outside its owner. */
function tableOffenders(relative: string, source: string): string[] {
  return [...source.matchAll(TABLE_QUERY)]
    .filter((match) => OWNERS[match[2]!] && !OWNERS[match[2]!]!(relative))
    .map((match) => `${relative}:${source.slice(0, match.index).split('\n').length}: ${match[1]}('${match[2]}')`);
}

describe('who queries the shared tables', () => {
  it('reads and writes user, team and team_member only in src/accounts, and setting only in src/settings', () => {
    const offenders = sourceFiles(SRC).flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      return tableOffenders(relative, fs.readFileSync(file, 'utf8'));
    });
    expect(offenders).toEqual([]);
  });

  it('recognises a query on an owned table outside its owner, and allows joins (the check itself works)', () => {
    expect(tableOffenders('tickets/ticket.repository.ts', "db\n  .selectFrom('user as kam')\n  .select('id')")).toEqual([
      "tickets/ticket.repository.ts:2: selectFrom('user')",
    ]);
    expect(tableOffenders('campaigns/campaign.repository.ts', "await db.insertInto('setting').values(row)")).toHaveLength(1);
    expect(tableOffenders('tickets/ticket.repository.ts', "db.selectFrom('ticket').innerJoin('user', 'user.id', 'ticket.assignee_id')")).toEqual([]);
    expect(tableOffenders('accounts/user.repository.ts', "db.selectFrom('team_member')")).toEqual([]);
    expect(tableOffenders('settings/setting.repository.ts', "db.selectFrom('setting')")).toEqual([]);
  });
});
