import request from 'supertest';
import type { Db } from '../../src/db/database';
import { upsertSetting } from '../../src/settings/setting.repository';
import { insertAuditEntry } from '../../src/audit/audit.repository';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('the admin pages in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    await enqueueMail(db, { kind: 'reminder', to: 'kim@example.com', subject: 'Hur går det?', text: 't', html: 'h' }, NOW);
    await insertAuditEntry(db, { event: 'team.created', subject: 'Logistik' }, NOW);
  });

  const adminIn = async (language: string | null) => {
    const admin = await createUser(db, { role: 'admin' });
    await db.updateTable('user').set({ language }).where('id', '=', admin.id).execute();
    return signedInAgent(createTestApp(db), admin);
  };

  it.each([
    ['sv', { users: 'Bjud in en användare', teams: 'Lägg till ett team', outbox: 'Mottagare eller ämne', kind: 'Påminnelse', status: 'väntar', audit: 'Händelselogg', event: 'Team skapat' }],
    ['da', { users: 'Invitér en bruger', teams: 'Tilføj et team', outbox: 'Modtager eller emne', kind: 'Påmindelse', status: 'venter', audit: 'Hændelseslog', event: 'Team oprettet' }],
  ] as const)('shows users, teams, outbox and audit log in %s', async (lang, words) => {
    const agent = await adminIn(lang);
    const users = await agent.get('/admin/users').expect(200);
    expect(users.text).toContain(`<html lang="${lang}">`);
    expect(users.text).toContain(words.users);
    expect(users.text).not.toContain('Invite a user');
    expect((await agent.get('/admin/teams').expect(200)).text).toContain(words.teams);
    const outbox = await agent.get('/admin/outbox').expect(200);
    expect(outbox.text).toContain(words.outbox);
    expect(outbox.text).toContain(words.kind);
    expect(outbox.text).toContain(words.status);
    expect(outbox.text).not.toContain('Last error');
    const audit = await agent.get('/admin/audit').expect(200);
    expect(audit.text).toContain(`<h1>${words.audit}</h1>`);
    expect(audit.text).not.toContain('Security events');
    // A bad parameter is explained in the reader's language too.
    const bad = await agent.get('/admin/audit?page=x').expect(400);
    expect(bad.text).toContain(lang === 'sv' ? 'Sidan måste vara ett heltal' : 'Siden skal være et helt tal');
  });

  it.each([
    ['sv', { heading: 'Vem som frågar', hint: 'Alla datum och tider anges och visas i den här zonen', big: 'Logotypen är 600 kB; använd en bild på högst 500 kB.', colour: 'Ange en färg som # och sex hexadecimala siffror', email: 'Ange en giltig e-postadress', saved: 'Organisationen har sparats.' }],
    ['da', { heading: 'Hvem der spørger', hint: 'Alle datoer og tidspunkter indtastes og vises i denne zone', big: 'Logoet fylder 600 kB; brug et billede på højst 500 kB.', colour: 'Skriv en farve som # og seks hexadecimale cifre', email: 'Skriv en gyldig e-mailadresse', saved: 'Organisationen er gemt.' }],
  ] as const)('shows the organisation page, its messages and the email rule in %s', async (lang, words) => {
    const agent = await adminIn(lang);
    const page = (await agent.get('/admin/organisation').expect(200)).text;
    expect(page).toContain(words.heading);
    expect(page).toContain(words.hint);
    expect(page).not.toContain('Who is asking');
    expect(page).not.toContain('organisation.');

    const token = await csrfOf(agent, '/admin/organisation');
    const fields = { name: 'Nordvik AB', brandColour: '#c8102e', timeZone: 'Europe/Stockholm' };
    const big = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(600 * 1024 - 8)]);
    let req = agent.post('/admin/organisation').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const refused = await req.attach('logo', big, 'logo.png').expect(422);
    expect(refused.text).toContain(words.big);
    expect(refused.text).toContain('value="Nordvik AB"');

    let bad = agent.post('/admin/organisation').field('_csrf', token);
    for (const [k, v] of Object.entries({ ...fields, brandColour: 'red' })) bad = bad.field(k, v);
    expect((await bad.expect(422)).text).toContain(words.colour);

    let good = agent.post('/admin/organisation').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) good = good.field(k, v);
    await good.expect(303);
    expect((await agent.get('/admin/organisation').expect(200)).text).toContain(words.saved);

    const invite = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: await csrfOf(agent, '/admin/users/new'), email: 'not-an-email', name: 'Kim', role: 'kam' });
    expect(invite.status).toBe(422);
    expect(invite.text).toContain(words.email);
    expect(invite.text).not.toContain('email.invalid');
  });

  it.each([
    ['sv', { heading: 'Slutpunkter', event: 'Ärende skapat', column: 'Levererade', credentials: 'Ta bort användarnamn och lösenord ur adressen', host: 'Värden nohost.invalid hittades inte', none: 'Välj minst en händelse' }],
    ['da', { heading: 'Endepunkter', event: 'Sag oprettet', column: 'Leveret', credentials: 'Udelad brugernavn og adgangskode fra adressen', host: 'Værten nohost.invalid blev ikke fundet', none: 'Vælg mindst én hændelse' }],
  ] as const)('shows the webhook page, its event names and its address checks in %s', async (lang, words) => {
    const agent = await adminIn(lang);
    const page = (await agent.get('/admin/webhooks').expect(200)).text;
    expect(page).toContain(`<caption>${words.heading}</caption>`);
    expect(page).toContain(words.event);
    expect(page).toContain(words.column);
    expect(page).not.toContain('Ticket created');
    expect(page).not.toContain('admin.webhooks');
    const send = async (url: string, events?: string) =>
      (await agent.post('/admin/webhooks').type('form').send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url, description: 'CRM', ...(events ? { events } : {}) }).expect(422)).text;
    const credentials = await send('https://user:pass@hooks.example.com/x', 'ticket.created');
    expect(credentials).toContain(words.credentials);
    expect(credentials).toContain('value="CRM"');
    // The host name is filled into the message.
    expect(await send('https://nohost.invalid/x', 'ticket.created')).toContain(words.host);
    expect(await send('https://hooks.example.com/x')).toContain(words.none);
  });

  it.each([
    ['sv', { contents: 'Innehåll', auth: 'Autentisering', params: 'Parametrar', answer: 'Svar 200', required: 'obligatorisk', errors: 'Alla fel har samma innehåll.' }],
    ['da', { contents: 'Indhold', auth: 'Godkendelse', params: 'Parametre', answer: 'Svar 200', required: 'påkrævet', errors: 'Alle fejl har det samme indhold.' }],
  ] as const)('shows the API reference’s headings and explanations in %s, the field names as they are', async (lang, words) => {
    const agent = await adminIn(lang);
    const page = (await agent.get('/api/docs').expect(200)).text;
    expect(page).toContain(`<h2 id="api-toc-title">${words.contents}</h2>`);
    expect(page).toContain(`<h2 id="authentication">${words.auth}</h2>`);
    expect(page).toContain(`<h4>${words.params}</h4>`);
    expect(page).toContain(`<h4>${words.answer}</h4>`);
    expect(page).toContain(words.required);
    expect(page).toContain(words.errors);
    expect(page).toContain('<code class="api-field__name">');
    expect(page).not.toContain('Fields of the answer');
    expect(page).not.toContain('apiDocs.');
  });

  it('keeps the English pages as they were', async () => {
    const agent = await adminIn(null);
    expect((await agent.get('/admin/users').expect(200)).text).toContain('Invite a user');
    expect((await agent.get('/admin/teams').expect(200)).text).toContain('Teams own problem categories and receive the action tickets routed to them.');
    const outbox = await agent.get('/admin/outbox').expect(200);
    expect(outbox.text).toContain('<h1>Mail outbox</h1>');
    expect(outbox.text).toContain('Reminder');
    expect((await agent.get('/admin/audit').expect(200)).text).toContain('<h1>Audit log</h1>');
    const organisation = (await agent.get('/admin/organisation').expect(200)).text;
    expect(organisation).toContain('<legend>Who is asking</legend>');
    expect(organisation).toContain('Every date and time is entered and shown in this zone, summer time included.');
    const webhooks = (await agent.get('/admin/webhooks').expect(200)).text;
    expect(webhooks).toContain('<caption>Endpoints</caption>');
    expect(webhooks).toContain('Problem mention coded');
    const refused = await agent.post('/admin/webhooks').type('form').send({ _csrf: await csrfOf(agent, '/admin/webhooks'), url: 'https://nohost.invalid/x', events: 'ticket.created' }).expect(422);
    expect(refused.text).toContain('The host nohost.invalid could not be found');
    const docs = (await agent.get('/api/docs').expect(200)).text;
    expect(docs).toContain('<h2 id="api-toc-title">Contents</h2>');
    expect(docs).toContain('<summary>Fields of the answer</summary>');
    expect(docs).toContain('Every error has the same body. <code>code</code> is stable and meant for programs; <code>message</code> is for people and may change; <code>fields</code> lists messages per input field.');
  });

  it.each([
    ['sv', 'Logga in på PDS Loop', 'E-postadressen eller lösenordet stämmer inte.'],
    ['da', 'Log ind på PDS Loop', 'E-mailadressen eller adgangskoden er forkert.'],
  ])('shows the sign-in page in the organisation’s language (%s)', async (lang, heading, refused) => {
    await upsertSetting(db, 'organisation_language', lang);
    const app = createTestApp(db);
    const page = await request.agent(app).get('/login').expect(200);
    expect(page.text).toContain(`<h1>${heading}</h1>`);
    const user = await createUser(db, { role: 'member' });
    const agent = request.agent(app);
    const csrf = await csrfOf(agent, '/login');
    const wrong = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain(refused);
  });

  it('stores the language chosen on the invite form, offering the organisation’s first', async () => {
    const agent = await adminIn('sv');
    const form = await agent.get('/admin/users/new').expect(200);
    expect(form.text).toContain('<option value="en" selected>Engelska</option>');
    expect(form.text).toContain('<option value="da">Danska</option>');
    const csrf = await csrfOf(agent, '/admin/users/new');
    await agent.post('/admin/users/new').type('form').send({ _csrf: csrf, email: 'mette@example.com', name: 'Mette', role: 'member', language: 'da' }).expect(303);
    const mette = await db.selectFrom('user').select('language').where('email', '=', 'mette@example.com').executeTakeFirstOrThrow();
    expect(mette.language).toBe('da');

    const bad = await agent.post('/admin/users/new').type('form').send({ _csrf: csrf, email: 'ole@example.com', name: 'Ole', role: 'member', language: 'xx' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="language-error"');
    expect(await db.selectFrom('user').where('email', '=', 'ole@example.com').selectAll().execute()).toEqual([]);
  });
});
