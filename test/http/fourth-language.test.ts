import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { LOCALES_DIR } from '../../src/shared/install-dir';

/** Norwegian added the way an operator would: a folder of message files, nothing else. */
function localesWithNorwegian(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locales-'));
  fs.cpSync(LOCALES_DIR, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'nb'));
  fs.writeFileSync(path.join(dir, 'nb', 'language.json'), JSON.stringify({ name: 'Norsk bokmål', englishName: 'Norwegian', locale: 'nb-NO', position: 4, requireSurveyTexts: false }));
  const respondent = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, 'da', 'respondent.json'), 'utf8'));
  respondent.submit = 'Send svarene mine';
  respondent.skipLink = 'Hopp til innholdet';
  respondent.closedTitle = 'Undersøkelsen er stengt';
  fs.writeFileSync(path.join(dir, 'nb', 'respondent.json'), JSON.stringify(respondent));
  fs.copyFileSync(path.join(LOCALES_DIR, 'da', 'mail.json'), path.join(dir, 'nb', 'mail.json'));
  const staff = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, 'da', 'staff.json'), 'utf8'));
  staff.layout.signOut = 'Logg ut';
  staff.nav.campaigns = 'Undersøkelser';
  fs.writeFileSync(path.join(dir, 'nb', 'staff.json'), JSON.stringify(staff));
  return dir;
}

describe('a fourth language added as files', () => {
  const dir = localesWithNorwegian();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // A fresh module registry that reads the temporary locales folder, as the app does at start-up.
  function withLocales<T>(run: () => T): T {
    let result!: T;
    jest.isolateModules(() => {
      jest.doMock('../../src/shared/install-dir', () => ({ ...jest.requireActual('../../src/shared/install-dir'), LOCALES_DIR: dir }));
      result = run();
    });
    return result;
  }

  type TestApp = typeof import('../support/test-app');
  type Factories = typeof import('../support/survey-factories');
  type Languages = typeof import('../../src/shared/languages');
  type Users = typeof import('../support/factories');
  // Loaded while the tests are collected: the test app registers its own hooks when it is imported.
  const loaded: { testApp: TestApp; factories: Factories; users: Users; languages: Languages } = withLocales(() => ({
    users: require('../support/factories') as Users,
    testApp: require('../support/test-app') as TestApp,
    factories: require('../support/survey-factories') as Factories,
    languages: require('../../src/shared/languages') as Languages,
  }));

  it('is offered on the survey page, which renders in it with its own skip link and falls back for survey texts', async () => {
    expect(loaded.languages.LANGUAGES).toEqual(['en', 'sv', 'da', 'nb']);
    const db = await loaded.testApp.createTestDb();
    try {
      const inv = await loaded.factories.createInvitation(db, { contactLanguage: 'nb' });
      const res = await request(loaded.testApp.createTestApp(db)).get(`/s/${inv.token}`).expect(200);
      expect(res.text).toContain('<html lang="nb">');
      expect(res.text).toContain('Send svarene mine');
      expect(res.text).toContain('Hopp til innholdet');
      expect(res.text).toContain('Norsk bokmål');
      // The survey has no Norwegian texts yet: its questions are shown in English.
      expect(res.text).toContain('How likely is it that you would recommend us');
    } finally {
      await db.destroy();
    }
  });

  it('is offered to staff, whose pages then speak it, with the language named in it', async () => {
    const db = await loaded.testApp.createTestDb();
    try {
      const user = await loaded.users.createUser(db, { role: 'manager', email: 'nora@example.com', name: 'Nora' });
      const app = loaded.testApp.createTestApp(db);
      const agent = await loaded.testApp.signedInAgent(app, user);
      const offered = await agent.get('/account').expect(200);
      expect(offered.text).toContain('<option value="nb">Norwegian Bokmål</option>');
      const csrf = await loaded.testApp.csrfOf(agent, '/account');
      await agent.post('/account').type('form').send({ _csrf: csrf, name: 'Nora', email: 'nora@example.com', language: 'nb' }).expect(303);
      const page = await agent.get('/account').expect(200);
      expect(page.text).toContain('<html lang="nb">');
      expect(page.text).toContain('Logg ut');
      expect(page.text).toContain('Undersøkelser');
      expect(page.text).toMatch(/<option value="nb" selected>Norsk bokmål<\/option>/);
    } finally {
      await db.destroy();
    }
  });

  it('writes dates in the language’s own way', () => {
    expect(loaded.languages.dateFormatIn('nb', { day: 'numeric', month: 'long', year: 'numeric' }, 'UTC').format(new Date('2026-12-31'))).toBe('31. desember 2026');
  });
});
