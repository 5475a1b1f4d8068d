import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

describe('survey template preview', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));
  beforeEach(async () => {
    await createCategories(db);
  });

  it('lists every template with a preview link in each language for a quality manager', async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const res = await agent.get('/surveys').expect(200);
    for (const slug of ['annual-pds', 'annual-satisfaction', 'pds']) {
      for (const lang of ['en', 'sv', 'da']) expect(res.text).toContain(`href="/surveys/${slug}/preview?lang=${lang}"`);
    }
  });

  it('shows a template in Swedish as a respondent sees it, with the catalogue, and a form that posts nowhere', async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    const res = await agent.get('/surveys/annual-pds/preview?lang=sv').expect(200);
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Årlig kundundersökning');
    expect(res.text).toContain('Sena leveranser');
    expect(res.text).toContain('Förhandsvisning');
    expect(res.text).not.toMatch(/<form class="survey-form"[^>]*action=/);
    expect(res.text).toMatch(/value="submit" class="button" disabled/);
    expect(await db.selectFrom('response').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('campaign').selectAll().execute()).toHaveLength(0);
  });

  it('answers 404 for an unknown template', async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    await agent.get('/surveys/no-such-survey/preview').expect(404);
  });

  it('is refused to team members and key account managers', async () => {
    for (const role of ['member', 'kam'] as const) {
      const agent = await signedInAgent(app, await createUser(db, { role }));
      await agent.get('/surveys').expect(403);
      await agent.get('/surveys/pds/preview?lang=da').expect(403);
    }
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    await request(app).get('/surveys/pds/preview').expect(303).expect('Location', /^\/login/);
  });
});
