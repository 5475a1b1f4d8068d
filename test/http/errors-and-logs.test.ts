import request from 'supertest';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { createTestApp, createTestDb, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createInvitation } from '../support/survey-factories';

describe('error details', () => {
  const nodeEnv = process.env.NODE_ENV;
  beforeEach(() => {
    // As `npm start` runs: NODE_ENV unset (Express then thinks it is in development).
    delete process.env.NODE_ENV;
  });
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  /** A page that fails with a 500 (the database goes away after sign-in), under this environment. */
  async function failingPage(env: NodeJS.ProcessEnv) {
    const db: Db = await createTestDb();
    const user = await createUser(db);
    const config = loadConfig({ LOG_LEVEL: 'silent', MAIL_WORKER: 'off', ...env });
    const app = createTestApp(db, { config: { ...config } });
    const agent = await signedInAgent(app, user);
    await db.destroy();
    return agent.get('/');
  }

  it('are never shown with NODE_ENV unset and ERROR_DETAILS unset', async () => {
    expect(loadConfig({}).showErrorDetails).toBe(false);
    const res = await failingPage({});
    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong on our side');
    expect(res.text).not.toContain('class="stack"');
    expect(res.text).not.toMatch(/\.ts:\d+|at .+\(/);
  });

  it('are shown when a developer sets ERROR_DETAILS=on', async () => {
    const res = await failingPage({ ERROR_DETAILS: 'on' });
    expect(res.status).toBe(500);
    expect(res.text).toContain('class="stack"');
    expect(res.text).toMatch(/\.ts:\d+/);
  });
});

describe('the access log', () => {
  it('never holds a personal-link token, whatever the case of its path', async () => {
    const db = await createTestDb();
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const app = createTestApp(db, { deps: { logger } });
    const inv = await createInvitation(db);
    const guess = 'GuessedToken0123456789abcdefXYZ';
    for (const prefix of ['/S/', '/s/', '/F/', '/U/', '/u/']) {
      await request(app).get(`${prefix}${inv.token}?lang=en`);
      await request(app).get(`${prefix}${guess}`);
    }
    const access = lines.filter((line) => line.includes('"req"'));
    expect(access.length).toBe(10);
    expect(access.join('\n')).not.toContain(inv.token);
    expect(access.join('\n')).not.toContain(guess);
    expect(access.some((line) => line.includes('"url":"/S/[token]?lang=en"'))).toBe(true);
    await db.destroy();
  });
});
