import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { campaignForm, createContact, createCustomer } from '../support/campaign-factories';
import { eachTestGets } from '../support/per-test';

const BAD_ROWS = Buffer.from('customer,email,language\nAcme AB,anna@acme.example,sv\nAcme AB,,sv\nBeta A/S,bo@beta.example,fi\n');

describe('campaign and customer pages in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function agentIn(language: 'en' | 'sv' | 'da') {
    const customer = await createCustomer(db, { name: 'Acme AB', segment: 'Industry' });
    await createContact(db, customer);
    const manager = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language }).where('id', '=', manager.id).execute();
    const agent = await signedInAgent(createTestApp(db), manager);
    const created = await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('Årlig 2026') });
    expect(created.status).toBe(303);
    return { agent, campaignId: Number(created.headers.location!.split('/').pop()) };
  }

  async function importBadRows(agent: Awaited<ReturnType<typeof signedInAgent>>) {
    const token = await csrfOf(agent, '/customers/import');
    return agent.post('/customers/import').field('_csrf', token).attach('file', BAD_ROWS, 'contacts.csv');
  }

  const rejectedRows = (html: string) => [...html.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2]]);

  it('shows a Swedish user the campaigns, a campaign, the customers, a validation message and an import report in Swedish', async () => {
    const { agent, campaignId } = await agentIn('sv');

    const list = (await agent.get('/campaigns').expect(200)).text;
    expect(list).toContain('<h1>Undersökningar</h1>');
    expect(list).toContain('Ny undersökning');
    expect(list).toContain('Utkast');
    expect(list).not.toContain('New campaign');
    expect(list).toContain('Undersökningen ”Årlig 2026” har skapats.');

    const page = (await agent.get(`/campaigns/${campaignId}`).expect(200)).text;
    expect(page).toContain('Påminnelser');
    expect(page).toContain('efter 7 dagar, högst 2');
    expect(page).toContain('Svarsfrekvens');
    expect(page).toContain('inte utvärderade de senaste 365 dagarna');
    expect(page).not.toContain('Response rate');

    const form = (await agent.get('/campaigns/new').expect(200)).text;
    expect(form).toContain('Svenska – inbjudan');
    expect(form).toContain('Danska – inbjudan');

    const customers = (await agent.get('/customers').expect(200)).text;
    expect(customers).toContain('<h1>Kunder</h1>');
    expect(customers).toContain('1 kund');
    expect(customers).toContain('Importera kontaktpersoner');
    expect(customers).not.toContain('Search name or email');

    // A validation message beside its field, in Swedish, with what was typed kept.
    const invalid = await agent.post('/campaigns/new').type('form').send({ _csrf: await csrfOf(agent, '/campaigns/new'), ...campaignForm('', { reminderMax: '11', senderName: 'Kvalitet & Co' }) });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('id="name-error"');
    expect(invalid.text).toContain('Skriv ett namn');
    expect(invalid.text).toContain('Får vara högst 10');
    expect(invalid.text).toContain('value="11"');
    expect(invalid.text).toContain('value="Kvalitet &amp; Co"');
    expect(invalid.text).not.toContain('campaigns.errors');

    // An import with bad rows: each problem by its line, in Swedish.
    const preview = await importBadRows(agent);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Inget är sparat än.');
    expect(rejectedRows(preview.text)).toEqual([
      [3, 'e-post saknas'],
      [4, 'okänt språk ”fi” (använd en, sv, da)'],
    ]);
  });

  it('shows a Danish user the campaign list and the customer list in Danish', async () => {
    const { agent } = await agentIn('da');

    const list = (await agent.get('/campaigns').expect(200)).text;
    expect(list).toContain('<h1>Undersøgelser</h1>');
    expect(list).toContain('Ny undersøgelse');
    expect(list).toContain('Kladde');

    const customers = (await agent.get('/customers').expect(200)).text;
    expect(customers).toContain('<h1>Kunder</h1>');
    expect(customers).toContain('Søg navn eller e-mail');
    expect(customers).toContain('1 kunde');

    const preview = await importBadRows(agent);
    expect(rejectedRows(preview.text)).toEqual([
      [3, 'e-mail mangler'],
      [4, 'ukendt sprog »fi« (brug en, sv, da)'],
    ]);
  });

  it('tells a Swedish user in Swedish that a contacts file mixes two encodings, with the line and what to do', async () => {
    const { agent } = await agentIn('sv');
    const mixed = Buffer.concat([Buffer.from('customer,email,name\nÅkesson AB,a@ak.example,Åsa\n', 'utf8'), Buffer.from([0x42, 0xe6, 0x6b, 0x2c, 0x73, 0x40, 0x62, 0x2e, 0x65, 0x78, 0x0a])]);
    const token = await csrfOf(agent, '/customers/import');
    const res = await agent.post('/customers/import').field('_csrf', token).attach('file', mixed, 'contacts.csv');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Filen blandar två teckenkodningar: det mesta är UTF-8, men inte rad 3.');
    expect(res.text).toContain('Välj Arkiv › Spara som › ”CSV UTF-8 (kommaavgränsad)” i Excel och ladda upp den filen. Inget har importerats.');
    expect(res.text).not.toContain('mixes two encodings');
    expect(res.text).not.toContain('customers.encoding');
  });

  it('leaves the English pages as they were', async () => {
    const { agent, campaignId } = await agentIn('en');

    const list = (await agent.get('/campaigns').expect(200)).text;
    expect(list).toContain('<h1>Campaigns</h1>');
    expect(list).toContain('New campaign');
    expect(list).toContain('Campaign &#34;Årlig 2026&#34; created. Check the mail preview, then launch it.');
    const page = (await agent.get(`/campaigns/${campaignId}`).expect(200)).text;
    expect(page).toContain('after 7 days, at most 2');
    expect((await agent.get('/campaigns/new').expect(200)).text).toContain('Invitation mail in Swedish');
    expect((await agent.get('/customers').expect(200)).text).toContain('1 customer');
    const preview = await importBadRows(agent);
    expect(rejectedRows(preview.text)).toEqual([
      [3, 'missing email'],
      [4, 'unknown language &#34;fi&#34; (use en, sv, da)'],
    ]);
  });
});
