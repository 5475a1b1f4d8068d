import request from 'supertest';
import { Writable } from 'node:stream';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { createTestApp, createTestDb } from '../support/test-app';

// pino-http makes two child loggers for every request; with error logging off none of its lines
// can be written, so the app does without it (and keeps its request ids).

describe('the access log', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('makes no per-request logger when nothing can be logged', async () => {
    const logger = createLogger('silent');
    const child = jest.spyOn(logger, 'child');
    const app = createTestApp(db, { deps: { logger } });
    await request(app).get('/healthz').expect(200);
    await request(app).get('/no-such-page').expect(404);
    expect(child).not.toHaveBeenCalled();
  });

  it('still writes one line per request at info', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = createTestApp(db, { deps: { logger: createLogger('info', sink) } });
    await request(app).get('/healthz').expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    const access = lines.map((l) => JSON.parse(l) as { req?: { id: number; url: string }; res?: { statusCode: number } }).filter((l) => l.req?.url === '/healthz');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ req: { id: expect.any(Number) }, res: { statusCode: 200 } });
  });
});
