import type { Db } from '../../src/db/database';
import { alertKamOnNegativeAnswers, sendKamAlertDigests } from '../../src/tickets/kam-alert.service';
import { insertKamAlert } from '../../src/tickets/kam-alert.repository';
import { updateAlertMailOfUser } from '../../src/accounts/user.repository';
import { createTestApp, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createContact, createCustomer, createResponse } from '../support/ticket-factories';
import { eachTestGets } from '../support/per-test';

const DAY1 = new Date('2026-04-10T09:00:00.000Z');
const DAY2 = new Date('2026-04-11T06:00:00.000Z');
const NPS = { en: 'Would you recommend us?', sv: 'Skulle du rekommendera oss?', da: 'Vil du anbefale os?' };

describe('KAM alerts name their questions in the reader’s language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function alertFor(kamUserId: number, customerName: string) {
    const customer = await createCustomer(db, { name: customerName, kamUserId });
    const contact = await createContact(db, customer.id, { name: 'Per', email: `per${customer.id}@acme.example` });
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { nps: true, texts: { nps: NPS } } });
    const response = await createResponse(db, campaign.id, customer.id, { values: { nps: 2 } }, contact.id);
    expect(await alertKamOnNegativeAnswers(db, response.id, DAY1)).toBe(true);
    return { customer, contact, campaign, response };
  }

  it('in the daily digest of a Swedish KAM, and on the overview of a Danish one', async () => {
    const kam = await createUser(db, { role: 'kam', name: 'Karin' });
    await db.updateTable('user').set({ language: 'sv' }).where('id', '=', kam.id).execute();
    await updateAlertMailOfUser(db, kam.id, 'daily', DAY1);
    await alertFor(kam.id, 'Acme AB');

    expect(await sendKamAlertDigests(db, DAY2)).toBe(1);
    const digest = await db.selectFrom('outbox').select(['text_body', 'html_body']).where('kind', '=', 'kam_alert_digest').executeTakeFirstOrThrow();
    expect(digest.text_body).toContain('Skulle du rekommendera oss?: 2 (0–10)');
    expect(digest.text_body).not.toContain('Would you recommend us?');

    const svPage = (await (await signedInAgent(createTestApp(db, { clock: () => DAY2 }), kam)).get('/').expect(200)).text;
    expect(svPage).toContain('<li>Skulle du rekommendera oss?: 2 (0–10)</li>');

    await db.updateTable('user').set({ language: 'da' }).where('id', '=', kam.id).execute();
    const daPage = (await (await signedInAgent(createTestApp(db, { clock: () => DAY2 }), kam)).get('/').expect(200)).text;
    expect(daPage).toContain('<li>Vil du anbefale os?: 2 (0–10)</li>');

    await db.updateTable('user').set({ language: 'en' }).where('id', '=', kam.id).execute();
    const enPage = (await (await signedInAgent(createTestApp(db, { clock: () => DAY2 }), kam)).get('/').expect(200)).text;
    expect(enPage).toContain('<li>Would you recommend us?: 2 (0–10)</li>');
  });

  it('falls back to the English text when the snapshot has none in the reader’s language, and old alerts keep their stored text', async () => {
    const kam = await createUser(db, { role: 'kam', name: 'Karin' });
    await db.updateTable('user').set({ language: 'sv' }).where('id', '=', kam.id).execute();
    const { campaign } = await alertFor(kam.id, 'Acme AB');
    const snapshot = JSON.parse((await db.selectFrom('campaign').select('definition').where('id', '=', campaign.id).executeTakeFirstOrThrow()).definition!);
    snapshot.definition.sections[0].questions.find((q: { id: string }) => q.id === 'nps').text.sv = '';
    await db.updateTable('campaign').set({ definition: JSON.stringify(snapshot) }).where('id', '=', campaign.id).execute();

    // An alert stored before question ids were kept: only its English text.
    const customer = await createCustomer(db, { name: 'Beta ApS', kamUserId: kam.id });
    const contact = await createContact(db, customer.id, { name: 'Lise', email: 'lise@beta.example' });
    const response = await createResponse(db, campaign.id, customer.id, { values: { nps: 1 } }, contact.id);
    await insertKamAlert(db, { responseId: response.id, campaignId: campaign.id, customerId: customer.id, contactId: contact.id, kamUserId: kam.id, answers: [{ question: 'Old stored text', value: 1, scale: '0–10' }] }, DAY1, DAY1);

    const page = (await (await signedInAgent(createTestApp(db, { clock: () => DAY2 }), kam)).get('/').expect(200)).text;
    expect(page).toContain('<li>Would you recommend us?: 2 (0–10)</li>');
    expect(page).toContain('<li>Old stored text: 1 (0–10)</li>');
  });
});
