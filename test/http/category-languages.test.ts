import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('the problem catalogue in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function managerReading(language: string) {
    const user = await createUser(db, { role: 'manager' });
    await db.updateTable('user').set({ language }).where('id', '=', user.id).execute();
    return signedInAgent(createTestApp(db), user);
  }

  it('shows the catalogue in Swedish: headings, names in Swedish, statuses, and no ids', async () => {
    const team = await createTeam(db, { name: 'Logistik' });
    const late = await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', teamId: team.id, keywords: 'sen, late' });
    const old = await createCategory(db, { en: 'Slow shipping', sv: 'Långsam frakt', da: 'Langsom fragt' });
    await db.updateTable('problem_category').set({ merged_into_id: late.id, is_active: 0 }).where('id', '=', old.id).execute();
    const agent = await managerReading('sv');

    const page = await agent.get('/catalogue').expect(200);

    expect(page.text).toContain('<h1>Problemkatalog</h1>');
    expect(page.text).toContain('Lägg till en kategori');
    expect(page.text).toContain(`<a href="/catalogue/${late.id}">Sen leverans</a>`);
    expect(page.text).toContain('Ihopslagen med Sen leverans');
    expect(page.text).toContain('Aktiv');
    expect(page.text).toContain('lang="en"><span class="visually-hidden">Engelska: </span>Late delivery');
    expect(page.text).not.toContain('Problem catalogue');
    expect(page.text).not.toMatch(/<td>\d+<\/td>/);
    expect(page.text).not.toContain(`Merged into ${late.id}`);
  });

  it('shows the category form in Danish, names each field after its language and answers a missing name in Danish', async () => {
    const cat = await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering' });
    const agent = await managerReading('da');

    const form = await agent.get(`/catalogue/${cat.id}`).expect(200);
    expect(form.text).toContain('Rediger Forsinket levering');
    expect(form.text).toContain('<label for="name_en">Engelsk</label>');
    expect(form.text).toContain('<label for="name_sv">Svensk</label>');
    expect(form.text).toContain('<label for="name_da">Dansk</label>');
    expect(form.text).toContain('<legend>Navn</legend>');
    expect(form.text).toContain('Slå sammen med en anden kategori');
    expect(form.text).not.toContain(`(${cat.id})`);

    const res = await agent
      .post(`/catalogue/${cat.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), name_en: 'Late delivery', name_sv: '', name_da: 'Forsinket levering' })
      .expect(422);
    expect(res.text).toMatch(/id="name_sv-error"><span class="visually-hidden">[^<]*<\/span>Skriv et navn<\/p>/);
    expect(res.text).toContain('value="Forsinket levering"');

    await agent
      .post(`/catalogue/${cat.id}`)
      .type('form')
      .send({ _csrf: await csrfOf(agent, `/catalogue/${cat.id}`), name_en: 'Late delivery', name_sv: 'Sen leverans', name_da: 'Sen levering', isActive: 'on' })
      .expect(303);
    const list = await agent.get('/catalogue').expect(200);
    expect(list.text).toContain('Kategorien Sen levering er gemt.');
  });

  it('names categories in the reader’s language on the coding page and its suggestions', async () => {
    const delivery = await createCategory(db, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', keywords: 'leverans, levering, delivery' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    const customer = await createCustomer(db);
    await createResponse(db, campaign.id, customer.id, { problems: [{ categoryId: null, rank: 1, text: 'Leveransen kom för sent', language: 'sv' }] });
    const agent = await managerReading('sv');

    const page = await agent.get(`/campaigns/${campaign.id}/coding`).expect(200);

    expect(page.text).toContain('Koda problem:');
    expect(page.text).toMatch(new RegExp(`data-category-id="${delivery.id}">Sen leverans <span`));
    expect(page.text).toContain(`<option value="${delivery.id}">Sen leverans</option>`);
    expect(page.text).not.toContain('Late delivery');
  });
});
