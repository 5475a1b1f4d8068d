// Issue 16: two web instances, each its own `src/server.ts` process with MAIL_WORKER=off, on one
// database (a SQLite file, or a PostgreSQL database with TEST_DATABASE_URL), as behind a load
// balancer. Nothing one process keeps in memory can make them agree: the throttles must live in
// the database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { SIGN_IN_THROTTLES, UNKNOWN_LINK_THROTTLE } from '../../src/throttle/throttle.service';
import { csrfFrom } from '../support/test-app';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');

interface Instance {
  url: string;
  stdout(): string;
  stop(): Promise<void>;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', MAIL_WORKER: 'off', PORT: String(port), DATABASE_URL: databaseUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const until = Date.now() + 90_000;
  while (!stdout.includes('is running')) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the instance did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stdout: () => stdout,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const guess = (i: number) => `guess${String(i).padStart(24, '0')}`;

describe('two web instances in two processes on one database', () => {
  let shared: SharedTestDatabase;
  let a: Instance;
  let b: Instance;
  let adminPassword: string;
  beforeAll(async () => {
    shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-instances-' });
    // One after the other: the first creates the first admin.
    a = await startInstance(shared.url);
    adminPassword = /Password \(shown once\): (\S+)/.exec(a.stdout())![1]!;
    b = await startInstance(shared.url);
  }, 200_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.cleanup();
  });

  it('count guessed personal links on instance A against the same address on instance B', async () => {
    for (let i = 0; i < UNKNOWN_LINK_THROTTLE.limit; i++) await request(i % 2 ? a.url : b.url).get(`/s/${guess(i)}`).expect(404);
    const refused = await request(b.url).get(`/u/${guess(99)}`).expect(429);
    expect(refused.text).toContain('Too many attempts');
    await request(a.url).get(`/f/${guess(100)}`).expect(429);
  });

  it('count failed sign-ins on instance A against the account on instance B, even with the right password', async () => {
    const form = async (instance: Instance) => {
      const agent = request.agent(instance.url);
      const page = await agent.get('/login').expect(200);
      return (pass: string) => agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: 'admin@localhost', password: pass });
    };
    // The password the first instance printed opens instance B.
    await (await form(b))(adminPassword).expect(303);
    const onA = await form(a);
    const onB = await form(b);
    for (let i = 0; i < SIGN_IN_THROTTLES.accountAtAddress.limit; i++) await (i % 2 ? onB : onA)(`wrong-${i}`).expect(401);
    await onB(adminPassword).expect(429);
    await onA(adminPassword).expect(429);
  });
});
