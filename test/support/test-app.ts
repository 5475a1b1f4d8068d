import request from 'supertest';
import type { Express } from 'express';
import { createApp, type AppDeps } from '../../src/app';
import { testConfig, type Config } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import type { Clock } from '../../src/shared/time';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';
import { openTestDatabase } from './test-database';
import { checkRecordedAnswers, recordApiAnswers } from './openapi-check';

const templates = loadSurveyTemplates(SURVEYS_DIR);

export { createTestDb } from './test-db';

export function createTestApp(
  db: Db,
  options: { config?: Partial<Config>; clock?: Clock; deps?: Partial<AppDeps> } = {},
): Express {
  const config = testConfig(options.config);
  const app = createApp({
    config,
    db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: options.clock,
    sessionSecret: config.sessionSecret ?? 'test',
    templates,
    ...options.deps,
  } as AppDeps);
  return recordApiAnswers(app);
}

// Every /api/v1 answer a test received must be one the OpenAPI document describes (status and body).
if (typeof afterEach === 'function') {
  afterEach(async () => {
    const problems = await checkRecordedAnswers();
    if (problems.length) throw new Error(`API answers that GET /api/v1/openapi.json does not describe:\n${problems.join('\n')}`);
  });
}

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Signs in through the real form and returns the agent carrying the session cookie. */
export async function signedInAgent(app: Express, user: { email: string; password: string }) {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password })
    .expect(303);
  return agent;
}

/** GETs a page and returns its CSRF token, for a following POST with the same agent. */
export async function csrfOf(agent: request.Agent, url: string): Promise<string> {
  const page = await agent.get(url);
  return csrfFrom(page.text);
}
