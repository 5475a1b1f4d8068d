import type { Db } from '../../src/db/database';
import { alertKamOnNegativeAnswers } from '../../src/tickets/kam-alert.service';
import { createUser } from '../support/factories';
import { createCampaign, createContact, createCustomer, createResponse } from '../support/ticket-factories';
import request from 'supertest';
import { createTestApp, csrfFrom } from '../support/test-app';
import { createInvitation, validForm } from '../support/survey-factories';
import { allQuestions } from '../../src/surveys/survey-definition';
import { fieldName } from '../../src/surveys/answer';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-04-10T09:00:00.000Z');

describe('alerting the KAM on very negative answers', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function respond(values: Record<string, number | null>, o: { withKam?: boolean } = {}) {
    const kam = await createUser(db, { role: 'kam', name: 'Karin KAM' });
    const customer = await createCustomer(db, { name: 'Acme <Nordic>', kamUserId: o.withKam === false ? null : kam.id });
    const contact = await createContact(db, customer.id, { name: 'Per', email: `per${Math.random().toString(36).slice(2)}@acme.example` });
    const campaign = await createCampaign(db, { name: 'Annual 2026', shape: { nps: true, ratings: { delivery: 'delivery', invoicing: 'invoicing' } } });
    const response = await createResponse(db, campaign.id, customer.id, { values }, contact.id);
    return { kam, customer, response };
  }
  const alerts = () => db.selectFrom('outbox').selectAll().where('kind', '=', 'kam_alert').execute();

  it('mails the account\'s KAM at once for an NPS of 6, with the answers and a link', async () => {
    const { kam, customer, response } = await respond({ nps: 6, delivery: 4, invoicing: 3 });

    expect(await alertKamOnNegativeAnswers(db, response.id, NOW, { baseUrl: 'http://loop.test' })).toBe(true);

    const [mail] = await alerts();
    expect(mail).toMatchObject({ to_email: kam.email, ref_type: 'response', ref_id: response.id, created_at: NOW.toISOString(), next_attempt_at: NOW.toISOString() });
    expect(mail!.text_body).toContain('Recommend us?: 6 (0–10)');
    expect(mail!.text_body).not.toContain('Rate delivery');
    expect(mail!.text_body).toContain(`http://loop.test/customers/${customer.id}`);
    expect(mail!.html_body).toContain('Acme &lt;Nordic&gt;');
  });

  it('mails for any rating of 1–2', async () => {
    const { response } = await respond({ nps: 9, delivery: 2, invoicing: 5 });
    expect(await alertKamOnNegativeAnswers(db, response.id, NOW)).toBe(true);
    expect((await alerts())[0]!.text_body).toContain('Rate delivery: 2 (1–5)');
  });

  it('stays quiet for NPS 7 and ratings of 3 or more', async () => {
    const { response } = await respond({ nps: 7, delivery: 3, invoicing: 5 });
    expect(await alertKamOnNegativeAnswers(db, response.id, NOW)).toBe(false);
    expect(await alerts()).toEqual([]);
  });

  it('alerts once per response, however often it is submitted', async () => {
    const { response } = await respond({ nps: 0 });
    await alertKamOnNegativeAnswers(db, response.id, NOW);
    expect(await alertKamOnNegativeAnswers(db, response.id, new Date('2026-04-11T09:00:00Z'))).toBe(false);
    expect(await alerts()).toHaveLength(1);
  });

  it('does nothing when the account has no KAM', async () => {
    const { response } = await respond({ nps: 1 }, { withKam: false });
    expect(await alertKamOnNegativeAnswers(db, response.id, NOW)).toBe(false);
    expect(await alerts()).toEqual([]);
  });

  it('is wired into the respondent pages: submitting NPS 3 through the personal link mails the KAM at once', async () => {
    const kam = await createUser(db, { role: 'kam' });
    const inv = await createInvitation(db, { now: NOW });
    await db.updateTable('customer').set({ kam_user_id: kam.id }).where('id', '=', inv.customerId).execute();
    const nps = allQuestions(inv.snapshot.definition).find((q) => q.type === 'nps')!;
    const app = createTestApp(db, { clock: () => NOW });
    const agent = request.agent(app);
    const page = await agent.get(`/s/${inv.token}`).expect(200);

    await agent
      .post(`/s/${inv.token}`)
      .type('form')
      .send({ ...validForm(inv.snapshot, { overrides: { [fieldName(nps.id)]: '3' } }), _csrf: csrfFrom(page.text), action: 'submit' })
      .expect(303);

    const sent = await alerts();
    expect(sent).toEqual([expect.objectContaining({ to_email: kam.email, created_at: NOW.toISOString() })]);
    expect(sent[0]!.text_body).toContain(': 3 (0–10)');
  });
});
