import type { Db } from '../../src/db/database';
import request from 'supertest';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createTeam, createUser } from '../support/factories';
import { createApiKey, createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('the staff\'s guess', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  /** A running campaign whose customers rank Late first, then Invoice, then Rude; Price is never named. */
  async function world() {
    const billing = await createTeam(db, { name: 'Billing' });
    const logistics = await createTeam(db, { name: 'Logistics' });
    const manager = await createUser(db, { role: 'manager', name: 'Mona Manager' });
    const anna = await createUser(db, { role: 'member', name: 'Anna Billing', teamId: billing.id });
    const bo = await createUser(db, { role: 'member', name: 'Bo Logistics', teamId: logistics.id });
    const outsider = await createUser(db, { role: 'member', name: 'Olle Outside', teamId: logistics.id });
    const late = await createCategory(db, { en: 'Late deliveries' });
    const invoice = await createCategory(db, { en: 'Invoice errors' });
    const rude = await createCategory(db, { en: 'Rude staff' });
    const price = await createCategory(db, { en: 'Price rises' });
    const campaign = await createCampaign(db, { name: 'Annual 2026', status: 'running', shape: { maxItems: 3 } });
    const customer = await createCustomer(db);
    await createResponse(db, campaign.id, customer.id, { problems: [{ categoryId: late.id, rank: 1 }, { categoryId: invoice.id, rank: 2 }, { categoryId: rude.id, rank: 3 }] });
    await createResponse(db, campaign.id, customer.id, { problems: [{ categoryId: late.id, rank: 1 }, { categoryId: invoice.id, rank: 2 }] });
    const app = createTestApp(db, { clock: () => new Date('2026-04-01T10:00:00.000Z') });
    return { app, manager, anna, bo, outsider, late, invoice, rude, price, campaign };
  }

  async function openRound(w: Awaited<ReturnType<typeof world>>) {
    const agent = await signedInAgent(w.app, w.manager);
    const url = `/campaigns/${w.campaign.id}/guess`;
    await agent.post(url).type('form').send({ _csrf: await csrfOf(agent, url), listSize: '5', userIds: [String(w.anna.id), String(w.bo.id)] }).expect(303);
    const round = await db.selectFrom('guess_round').select('id').where('campaign_id', '=', w.campaign.id).executeTakeFirstOrThrow();
    return { manager: agent, roundId: round.id };
  }

  async function guess(agent: Awaited<ReturnType<typeof signedInAgent>>, roundId: number, places: number[]) {
    const body: Record<string, string> = { _csrf: await csrfOf(agent, `/guesses/${roundId}`) };
    places.forEach((id, i) => (body[`place${i + 1}`] = String(id)));
    return agent.post(`/guesses/${roundId}`).type('form').send(body);
  }

  it('mails the invited staff a link through the outbox', async () => {
    const w = await world();
    const { roundId } = await openRound(w);

    const mails = await db.selectFrom('outbox').select(['to_email', 'subject', 'text_body', 'kind']).where('kind', '=', 'guess_invitation').orderBy('to_email').execute();

    expect(mails.map((m) => m.to_email).sort()).toEqual([w.anna.email, w.bo.email].sort());
    expect(mails[0]!.subject).toBe("Your guess: the customers' top problems in Annual 2026");
    expect(mails[0]!.text_body).toContain(`/guesses/${roundId}`);
  });

  it('keeps one person\'s guess from everybody else before the reveal, the manager too', async () => {
    const w = await world();
    const { manager, roundId } = await openRound(w);
    const anna = await signedInAgent(w.app, w.anna);
    const bo = await signedInAgent(w.app, w.bo);
    const outsider = await signedInAgent(w.app, w.outsider);
    await guess(anna, roundId, [w.price.id, w.late.id]).then((r) => expect(r.status).toBe(303));

    const own = await anna.get(`/guesses/${roundId}`).expect(200);
    const other = await bo.get(`/guesses/${roundId}`).expect(200);
    const managerRound = await manager.get(`/campaigns/${w.campaign.id}/guess`).expect(200);
    const managerGuessPage = await manager.get(`/guesses/${roundId}`).expect(200);

    expect(own.text).toMatch(/<option value="\d+" selected>Price rises<\/option>/);
    for (const page of [other.text, managerRound.text, managerGuessPage.text]) {
      expect(page).not.toMatch(/<option value="\d+" selected>/);
      expect(page).not.toContain('Anna Billing</th><td>Price');
    }
    expect(managerRound.text).toMatch(/Anna Billing<\/th><td>yes<\/td>/);
    expect(managerRound.text).not.toContain('Price rises');
    // Not invited: the round does not exist for them, to read or to write.
    await outsider.get(`/guesses/${roundId}`).expect(404);
    expect((await guess(outsider, roundId, [w.late.id])).status).toBe(404);
  });

  it('refuses the same problem twice beside the field, keeping the choices', async () => {
    const w = await world();
    const { roundId } = await openRound(w);
    const anna = await signedInAgent(w.app, w.anna);

    const res = await guess(anna, roundId, [w.late.id, w.late.id]);

    expect(res.status).toBe(422);
    expect(res.text).toContain('You chose this problem for an earlier place already');
    expect(res.text).toMatch(/id="place2" name="place2" aria-invalid="true"/);
    expect(res.text).toMatch(new RegExp(`<option value="${w.late.id}" selected>Late deliveries</option>`));
  });

  it('shows the results only after the campaign closed, then locks every guess and scores it, by team for the manager', async () => {
    const w = await world();
    const { manager, roundId } = await openRound(w);
    const anna = await signedInAgent(w.app, w.anna);
    const bo = await signedInAgent(w.app, w.bo);
    await guess(anna, roundId, [w.price.id, w.late.id, w.rude.id]);
    await guess(bo, roundId, [w.invoice.id]);
    const revealUrl = `/campaigns/${w.campaign.id}/guess/reveal`;

    // Still running: no reveal.
    await manager.post(revealUrl).type('form').send({ _csrf: await csrfOf(manager, `/campaigns/${w.campaign.id}/guess`) }).expect(409);
    await db.updateTable('campaign').set({ status: 'closed' }).where('id', '=', w.campaign.id).execute();
    await manager.post(revealUrl).type('form').send({ _csrf: await csrfOf(manager, `/campaigns/${w.campaign.id}/guess`) }).expect(303);

    const annaResult = await anna.get(`/guesses/${roundId}`).expect(200);
    expect(annaResult.text).toContain('You got 2 of 5 right');
    expect(annaResult.text).toMatch(/<td>Price rises<\/td><td>✗ not in the top<\/td><td>Late deliveries<\/td>/);
    expect(annaResult.text).toMatch(/<td>Late deliveries<\/td><td>✓ 1<\/td><td>Invoice errors<\/td>/);
    expect(annaResult.text).not.toContain('<select');
    // Bo's guess is his: Anna's result page does not show it, only how each team did.
    expect(annaResult.text).not.toContain('Bo Logistics');
    expect(annaResult.text).not.toContain('Invoice errors ✓');
    expect(annaResult.text).toMatch(/Billing<\/th><td>1<\/td><td>1<\/td><td>2.0<\/td><td>2<\/td>/);
    expect(annaResult.text).toMatch(/Logistics<\/th><td>1<\/td><td>1<\/td><td>1.0<\/td><td>1<\/td>/);

    // Locked: a changed guess (a form left open since before the reveal) is refused with a word on the results page, and nothing changes.
    const late = await anna.post(`/guesses/${roundId}`).type('form').send({ _csrf: await csrfOf(anna, '/guesses'), place1: String(w.rude.id) });
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe(`/guesses/${roundId}`);
    const told = await anna.get(`/guesses/${roundId}`).expect(200);
    expect(told.text).toContain('The results are shown: guesses are locked.');
    expect(told.text).toContain('You got 2 of 5 right');
    const items = await db.selectFrom('guess_item').select(['rank', 'category_id']).where('round_id', '=', roundId).where('user_id', '=', w.anna.id).orderBy('rank').execute();
    expect(items.map((i) => i.category_id)).toEqual([w.price.id, w.late.id, w.rude.id]);

    const results = await manager.get(`/campaigns/${w.campaign.id}/guess`).expect(200);
    expect(results.text).toMatch(/Billing<\/th><td>1<\/td><td>1<\/td><td>2.0<\/td><td>2<\/td>/);
    expect(results.text).toMatch(/Logistics<\/th><td>1<\/td><td>1<\/td><td>1.0<\/td><td>1<\/td>/);
    expect(results.text).toContain('1. Price rises; 2. Late deliveries ✓; 3. Rude staff ✓');
  });

  it('asks an invitee who may see the results to guess first, and locks the guess once they have seen them', async () => {
    const w = await world();
    const kam = await createUser(db, { role: 'kam', name: 'Karin Kam' });
    await db.updateTable('customer').set({ kam_user_id: kam.id }).execute();
    const manager = await signedInAgent(w.app, w.manager);
    const roundUrl = `/campaigns/${w.campaign.id}/guess`;
    await manager.post(roundUrl).type('form').send({ _csrf: await csrfOf(manager, roundUrl), listSize: '5', userIds: [String(kam.id)] }).expect(303);
    const { id: roundId } = await db.selectFrom('guess_round').select('id').where('campaign_id', '=', w.campaign.id).executeTakeFirstOrThrow();
    const karin = await signedInAgent(w.app, kam);
    const auth = await createApiKey(db, kam.id);

    // Before guessing: every results page of the campaign asks first and shows none of them; the API refuses.
    for (const page of ['problems', 'problems.csv', 'satisfaction', 'drivers']) {
      const held = await karin.get(`/campaigns/${w.campaign.id}/${page}`).expect(200);
      expect(held.text).toContain('Guess before you see the results');
      expect(held.text).not.toContain('Late deliveries');
    }
    // A page she may not see at all stays refused: the question comes after the access check.
    await karin.get(`/campaigns/${w.campaign.id}/report`).expect(403);
    const api = await request(w.app).get(`/api/v1/campaigns/${w.campaign.id}/problems`).set('Authorization', auth).expect(409);
    expect(api.body.error.message).toContain('You are invited to guess');
    // Someone not invited sees the results as before.
    expect((await manager.get(`/campaigns/${w.campaign.id}/problems`).expect(200)).text).toContain('Late deliveries');

    // She guesses, then chooses to see the results: back to the page she asked for, now shown.
    await guess(karin, roundId, [w.invoice.id]);
    const held = await karin.get(`/campaigns/${w.campaign.id}/problems?order=points`).expect(200);
    expect(held.text).toContain('You have made your guess. You can still change it until you see the results.');
    const shown = await karin.post(`/guesses/${roundId}/results`).type('form').send({ _csrf: csrfFrom(held.text), next: `/campaigns/${w.campaign.id}/problems?order=points` }).expect(303);
    expect(shown.headers.location).toBe(`/campaigns/${w.campaign.id}/problems?order=points`);
    expect((await karin.get(shown.headers.location!).expect(200)).text).toContain('Late deliveries');
    await request(w.app).get(`/api/v1/campaigns/${w.campaign.id}/problems`).set('Authorization', auth).expect(200);

    // Her guess is locked from now on, before the round's reveal; what she guessed stays.
    const changed = await guess(karin, roundId, [w.late.id]);
    expect(changed.status).toBe(303);
    const page = await karin.get(`/guesses/${roundId}`).expect(200);
    expect(page.text).toContain('You have seen this campaign&#39;s results, so your guess is locked.');
    expect(page.text).toContain('You opened this campaign&#39;s results, so your guess is locked.');
    expect(page.text).not.toContain('<select');
    const items = await db.selectFrom('guess_item').select('category_id').where('round_id', '=', roundId).where('user_id', '=', kam.id).execute();
    expect(items.map((i) => i.category_id)).toEqual([w.invoice.id]);
  });

  it('sends an invitee who chose to see the results nowhere but the campaign\'s own pages', async () => {
    const w = await world();
    const { roundId } = await openRound(w);
    const anna = await signedInAgent(w.app, w.anna);
    const held = await anna.get(`/guesses/${roundId}`).expect(200);

    const away = await anna.post(`/guesses/${roundId}/results`).type('form').send({ _csrf: csrfFrom(held.text), next: 'https://evil.example/' }).expect(303);
    expect(away.headers.location).toBe(`/campaigns/${w.campaign.id}/problems`);
    const other = await anna.post(`/guesses/${roundId}/results`).type('form').send({ _csrf: csrfFrom(held.text), next: `/campaigns/${w.campaign.id + 1}/problems` }).expect(303);
    expect(other.headers.location).toBe(`/campaigns/${w.campaign.id}/problems`);
    // Someone not invited cannot mark anything.
    const outsider = await signedInAgent(w.app, w.outsider);
    await outsider.post(`/guesses/${roundId}/results`).type('form').send({ _csrf: await csrfOf(outsider, '/guesses') }).expect(404);
  });

  it('keeps each choice at the place it was chosen for when a place before it is left empty', async () => {
    const w = await world();
    const { roundId } = await openRound(w);
    const anna = await signedInAgent(w.app, w.anna);
    const body = { _csrf: await csrfOf(anna, `/guesses/${roundId}`), place1: String(w.late.id), place2: '', place3: '', place4: String(w.invoice.id) };

    await anna.post(`/guesses/${roundId}`).type('form').send(body).expect(303);

    const items = await db.selectFrom('guess_item').select(['rank', 'category_id']).where('round_id', '=', roundId).where('user_id', '=', w.anna.id).orderBy('rank').execute();
    expect(items).toEqual([
      { rank: 1, category_id: w.late.id },
      { rank: 4, category_id: w.invoice.id },
    ]);
    const form = (await anna.get(`/guesses/${roundId}`).expect(200)).text;
    expect(form).toMatch(new RegExp(`<select id="place4" name="place4">[\\s\\S]*?<option value="${w.invoice.id}" selected>`));
    expect(form).toMatch(/<select id="place2" name="place2">\s*<option value="">\(empty\)<\/option>(\s*<option value="\d+">[^<]*<\/option>)*\s*<\/select>/);
  });

  it('offers no round for a campaign whose customers rank no problems, and refuses one', async () => {
    const w = await world();
    const satisfaction = await createCampaign(db, { name: 'Satisfaction 2026', status: 'running', shape: { maxItems: null, ratings: { q1: 'support' } } });
    const manager = await signedInAgent(w.app, w.manager);
    const url = `/campaigns/${satisfaction.id}/guess`;

    const page = await manager.get(url).expect(200);
    expect(page.text).toContain('has no list of problems for customers to rank');
    expect(page.text).not.toContain('name="listSize"');
    await manager.post(url).type('form').send({ _csrf: csrfFrom(page.text), listSize: '5', userIds: [String(w.anna.id)] }).expect(409);
    expect(await db.selectFrom('guess_round').select('id').execute()).toEqual([]);
  });

  it('tells the manager before the reveal how many mentions are still uncoded, since the list is frozen without them', async () => {
    const w = await world();
    const { manager } = await openRound(w);
    const customer = await createCustomer(db);
    await createResponse(db, w.campaign.id, customer.id, { problems: [{ categoryId: null, rank: 1, text: 'Pallarna är för höga' }] });
    await db.updateTable('campaign').set({ status: 'closed' }).where('id', '=', w.campaign.id).execute();

    const page = await manager.get(`/campaigns/${w.campaign.id}/guess`).expect(200);

    expect(page.text).toContain('1 mention is still uncoded: the customers&#39; list is frozen as it is when you show the results, without it.');
    expect(page.text).toContain(`<a href="/campaigns/${w.campaign.id}/coding">Code them first</a>`);
  });

  it('lists the rounds a person is invited to', async () => {
    const w = await world();
    const { roundId } = await openRound(w);
    const bo = await signedInAgent(w.app, w.bo);
    const outsider = await signedInAgent(w.app, w.outsider);

    expect((await bo.get('/guesses').expect(200)).text).toContain(`<a href="/guesses/${roundId}">Annual 2026</a>`);
    expect((await outsider.get('/guesses').expect(200)).text).toContain('You have not been asked for a guess yet.');
  });
});
