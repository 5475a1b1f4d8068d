import { runCliCapturing } from '../support/run-cli';
import { migrateToLatest } from '../../src/db/database';
import { verifyPassword } from '../../src/auth/password';
import { tempDatabase } from '../support/test-db';

async function tempDbEnv() {
  const target = await tempDatabase('pds-cli-');
  return { open: target.open, cleanup: target.cleanup, env: { DATABASE_URL: target.url, LOG_LEVEL: 'silent' } };
}

const run = runCliCapturing;

describe('pds-loop CLI', () => {
  it('migrates, adds a team and a member of it, and changes a password', async () => {
    const { open, cleanup, env } = await tempDbEnv();
    expect((await run(['migrate'], env)).code).toBe(0);
    expect((await run(['team:add', '--name', 'Logistics', '--email', 'logistics@example.com'], env)).code).toBe(0);
    const added = await run(['user:add', '--email', 'Lena@Example.com', '--role', 'member', '--name', 'Lena', '--team', 'Logistics'], env);
    expect(added.code).toBe(0);
    const generated = /Password \(shown once\): (\S+)/.exec(added.out)?.[1];
    expect(generated).toBeDefined();

    expect((await run(['user:password', '--email', 'lena@example.com', '--password', 'a brand new password'], env)).code).toBe(0);

    const db = open();
    await migrateToLatest(db);
    const user = await db.selectFrom('user').selectAll().where('email', '=', 'lena@example.com').executeTakeFirstOrThrow();
    expect(user.role).toBe('member');
    expect(await verifyPassword(user.password_hash, 'a brand new password')).toBe(true);
    expect(await verifyPassword(user.password_hash, generated!)).toBe(false);
    const membership = await db.selectFrom('team_member').innerJoin('team', 'team.id', 'team_member.team_id').select('team.name').execute();
    expect(membership).toEqual([{ name: 'Logistics' }]);
    await db.destroy();
    await cleanup();
  });

  it('exits non-zero with a clear message on bad arguments', async () => {
    const { cleanup, env } = await tempDbEnv();
    expect(await run(['user:add', '--email', 'x@example.com'], env)).toMatchObject({ code: 2, err: 'user:add: --role is required' });
    expect(await run(['user:add', '--email', 'x@example.com', '--role', 'boss'], env)).toMatchObject({
      code: 2,
      err: 'user:add: --role must be one of admin, manager, member, kam',
    });
    expect(await run(['user:add', '--email', 'nope', '--role', 'admin'], env)).toMatchObject({ code: 2, err: 'user:add: --email must be an email address' });
    expect((await run(['team:add', '--name', 'X', '--email', 'x@example.com', '--colour', 'red'], env)).err).toMatch(/team:add: Unknown option '--colour'/);
    expect((await run(['frobnicate'], env)).code).toBe(2);
    expect(await run(['user:add', '--email', 'x@example.com', '--role', 'member', '--team', 'Nope'], env)).toMatchObject({
      code: 2,
      err: 'user:add: --team: no team named "Nope"',
    });
    await run(['team:add', '--name', 'Support', '--email', 's@example.com'], env);
    expect(await run(['team:add', '--name', 'Support', '--email', 's@example.com'], env)).toMatchObject({
      code: 1,
      err: 'team:add: A team with this name already exists',
    });
    expect(await run(['user:password', '--email', 'ghost@example.com'], env)).toMatchObject({ code: 1 });
    await cleanup();
  });

  it('stops with exit code 1 naming a bad environment variable', async () => {
    expect(await run(['migrate'], { DATABASE_URL: 'mysql://x/y' })).toMatchObject({ code: 1, err: expect.stringContaining('DATABASE_URL') });
  });
});
