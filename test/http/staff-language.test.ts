import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';
import { createCustomer } from '../support/campaign-factories';

// Staff read the pages in their own language, else in the organisation's, else in English.
describe('the staff pages in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const language = async (userId: number) => (await db.selectFrom('user').select('language').where('id', '=', userId).executeTakeFirstOrThrow()).language;

  it('shows English to a user who has not chosen, and the organisation’s language once an admin sets it', async () => {
    const app = createTestApp(db);
    const admin = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    const member = await signedInAgent(app, await createUser(db, { role: 'member' }));

    const before = await member.get('/account').expect(200);
    expect(before.text).toContain('<html lang="en">');
    expect(before.text).toContain('Sign out');
    expect(before.text).toContain('Skip to content');

    const csrf = await csrfOf(admin, '/admin/organisation');
    await admin
      .post('/admin/organisation')
      .field('_csrf', csrf)
      .field('name', 'Nordvik AB')
      .field('brandColour', '#0b5cad')
      .field('timeZone', 'Europe/Copenhagen')
      .field('language', 'da')
      .expect(303);

    const after = await member.get('/account').expect(200);
    expect(after.text).toContain('<html lang="da">');
    expect(after.text).toContain('Log ud');
    expect(after.text).toContain('Spring til indholdet');
    expect(after.text).toContain('Teammedlem');
    // The choice offered first is the organisation's language, named in the reader's.
    expect(after.text).toContain('Organisationens sprog (dansk)');
  });

  it('keeps a user’s own choice, in every language list named in that language, and goes back to the organisation’s', async () => {
    const app = createTestApp(db);
    const user = await createUser(db, { role: 'manager', email: 'maja@example.com', name: 'Maja' });
    const agent = await signedInAgent(app, user);
    const save = async (body: Record<string, string>, status: number) =>
      agent.post('/account').type('form').send({ _csrf: await csrfOf(agent, '/account'), name: 'Maja', email: 'maja@example.com', ...body }).expect(status);

    await save({ language: 'sv' }, 303);
    expect(await language(user.id)).toBe('sv');
    const page = await agent.get('/account').expect(200);
    // The flash is written in the language just chosen.
    expect(page.text).toContain('Sparat.');
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toContain('Logga ut');
    expect(page.text).toContain('Kvalitetsansvarig');
    expect(page.text).toMatch(/<option value="sv" selected>Svenska<\/option>/);
    expect(page.text).toContain('<option value="da">Danska</option>');
    expect(page.text).toContain('Undersökningar');

    const refused = await save({ language: 'xx' }, 422);
    expect(refused.text).toContain('Välj ett av språken i listan');
    expect(await language(user.id)).toBe('sv');

    await save({ language: '' }, 303);
    expect(await language(user.id)).toBeNull();
    expect((await agent.get('/account').expect(200)).text).toContain('Sign out');
    const audit = await db.selectFrom('audit_log').select('event').where('event', '=', 'user.language_changed').execute();
    expect(audit).toHaveLength(2);
  });
  it('writes the account page, its hints and its refusals in the reader’s language', async () => {
    const app = createTestApp(db);
    const user = await createUser(db, { role: 'kam', email: 'sofie@example.com', name: 'Sofie' });
    await db.updateTable('user').set({ language: 'da' }).where('id', '=', user.id).execute();
    const agent = await signedInAgent(app, user);
    const page = await agent.get('/account').expect(200);
    for (const text of ['Din konto', 'Du er logget ind som', 'Navn og e-mail', 'Nuværende adgangskode (kun hvis du skifter e-mail)', 'Mindst 10 tegn.', 'Skift adgangskode']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).not.toContain('Your account');

    const refused = await agent
      .post('/account')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/account'), name: 'Sofie', email: 'sofie.new@example.com', language: 'da', currentPassword: 'not it' })
      .expect(422);
    expect(refused.text).toContain('Det er ikke din nuværende adgangskode');
    expect(refused.text).toContain('value="sofie.new@example.com"');
    expect((await db.selectFrom('user').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email).toBe('sofie@example.com');
  });
  it('says in the reader’s language what is wrong with a field whose schema has no message of its own', async () => {
    const app = createTestApp(db);
    const user = await createUser(db, { role: 'member', email: 'ole@example.com', name: 'Ole' });
    await db.updateTable('user').set({ language: 'da' }).where('id', '=', user.id).execute();
    const agent = await signedInAgent(app, user);
    const refused = await agent
      .post('/account')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/account'), name: 'Ole', email: 'ole.new@example.com', language: 'da', currentPassword: 'x'.repeat(201) })
      .expect(422);
    expect(refused.text).toContain('Brug højst 200 tegn');
    expect(refused.text).not.toContain('Too big');
    expect(refused.text).toContain('value="ole.new@example.com"');
  });

  it('names customer relationships in the reader’s language, never by their stored code', async () => {
    const app = createTestApp(db);
    const user = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language: 'sv' }).where('id', '=', user.id).execute();
    await createCustomer(db, { name: 'Nordhamn AB', relationship: 'advisory' });
    const agent = await signedInAgent(app, user);
    const customers = (await agent.get('/customers').expect(200)).text;
    expect(customers).toContain('<td>Rådgivande</td>');
    expect(customers).toMatch(/<option value="advisory"[^>]*>Rådgivande<\/option>/);
    const form = (await agent.get('/campaigns/new').expect(200)).text;
    expect(form).toContain('<option value="transactional">Transaktionell</option>');
    expect(form).not.toMatch(/>advisory</);
  });

  it('writes an error page in the reader’s language', async () => {
    const app = createTestApp(db);
    const user = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language: 'sv' }).where('id', '=', user.id).execute();
    const agent = await signedInAgent(app, user);
    const page = await agent.get('/campaigns/999999').expect(404);
    expect(page.text).toContain('Sidan finns inte');
    expect(page.text).toContain('Det finns ingen sida på den här adressen, eller så får du inte se den.');
    expect(page.text).toContain('Till startsidan');
    expect(page.text).not.toContain('Page not found');
  });
});
