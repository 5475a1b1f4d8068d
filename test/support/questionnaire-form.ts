import type request from 'supertest';
import { csrfOf } from './test-app';

/** Posts the new-questionnaire form with these fields as `agent` (a signed-in manager); the id the redirect names. */
export async function postNewQuestionnaire(agent: request.Agent, fields: Record<string, string>): Promise<number> {
  const res = await agent
    .post('/questionnaires/new')
    .type('form')
    .send({ _csrf: await csrfOf(agent, '/questionnaires/new'), ...fields })
    .expect(303);
  return Number(/\/questionnaires\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
}
