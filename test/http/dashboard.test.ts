import type { Db } from '../../src/db/database';
import { alertKamOnNegativeAnswers } from '../../src/tickets/kam-alert.service';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createResponse } from '../support/ticket-factories';
import { buildDashboardWorld as buildWorld, DASHBOARD_NOW as NOW } from '../support/dashboard-world';
import { eachTestGets } from '../support/per-test';

/** The number of the overview tile marked `data-figure="<key>"`. */
function figure(html: string, key: string): string | undefined {
  return new RegExp(`data-figure="${key}"><span class="dash__number">([^<]*)</span>`).exec(html)?.[1];
}

// Every test: a fresh database with the overview's world, and apps on it at NOW.
let db: Db;
let world: Awaited<ReturnType<typeof buildWorld>>;
const app = () => createTestApp(db, { clock: () => NOW });
eachTestGets({}, (w) => ({ db } = w));
beforeEach(async () => {
  world = await buildWorld(db);
});
/** The overview page as `user` sees it. */
const overviewOf = async (user: { email: string; password: string }) => (await (await signedInAgent(app(), user)).get('/').expect(200)).text;

describe('the overview of each role', () => {
  it('shows a quality manager the running wave by segment and what waits: to code, to route, overdue, not helped', async () => {
    const page = await overviewOf(world.users.manager);
    expect(page).toContain('Annual 2026');
    // 2 of 5 invited answered; Retail 1 of 2, Industry 1 of 3.
    expect(page).toContain('data-figure="response-rate">40.0 %');
    expect(page).toMatch(/Retail<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">50.0 %/);
    expect(page).toMatch(/Industry<\/th><td class="num">3<\/td><td class="num">1<\/td><td class="num">33.3 %/);
    expect(figure(page, 'uncoded')).toBe('1');
    expect(page).toContain(`href="/campaigns/${world.campaign.id}/coding"`);
    // Portal is coded, owned and has no ticket; Invoicing and Delivery have theirs.
    expect(figure(page, 'routable')).toBe('1');
    expect(figure(page, 'overdue')).toBe('1');
    expect(page).toContain(`href="/tickets/${world.invoiceTicket.id}">Late invoices</a>`);
    expect(figure(page, 'approvals')).toBe('0');
    expect(figure(page, 'not-helpful')).toBe('1');
    expect(page).not.toContain('class="cards"');
  });

  it("shows a team member only their team's tickets by status, with what is overdue", async () => {
    const own = await overviewOf(world.users.member);
    expect(figure(own, 'status-open')).toBe('1');
    expect(figure(own, 'status-in_progress')).toBe('0');
    expect(figure(own, 'overdue')).toBe('1');
    expect(own).toContain('Late invoices');
    expect(own).not.toContain('Late deliveries');

    const other = await overviewOf(world.users.member2);
    expect(figure(other, 'status-open')).toBe('0');
    expect(figure(other, 'status-in_progress')).toBe('1');
    expect(figure(other, 'overdue')).toBe('0');
    expect(other).toContain('Late deliveries');
    expect(other).not.toContain('Late invoices');
  });

  it("shows a KAM their own accounts only: not yet answered, open alerts and tickets on their accounts' problems", async () => {
    const own = await overviewOf(world.users.kam);
    expect(figure(own, 'unanswered')).toBe('1');
    expect(own).toContain('of 2 invited');
    expect(own).toContain('href="/kam"');
    expect(figure(own, 'alerts')).toBe('1');
    expect(own).toContain('Own Answered AB');
    expect(own).toContain('Recommend us?: 2 (0–10)');
    expect(own).not.toContain('Other Answered ApS');
    expect(figure(own, 'account-tickets')).toBe('1');
    expect(own).toContain('Late invoices');
    expect(own).not.toContain('Late deliveries');

    const other = await overviewOf(world.users.kam2);
    expect(figure(other, 'unanswered')).toBe('2');
    expect(other).toContain('of 3 invited');
    expect(other).toContain('Other Answered ApS');
    expect(other).not.toContain('Own Answered AB');
    expect(other).toContain('Late deliveries');
    expect(other).not.toContain('Late invoices');
  });

  it('shows an admin mail delivery (failed, suppressed, waiting) and the users and teams', async () => {
    const page = await overviewOf(world.users.admin);
    expect(figure(page, 'failed')).toBe('1');
    expect(figure(page, 'suppressed')).toBe('1');
    expect(figure(page, 'queued')).toBe('2');
    expect(figure(page, 'users')).toBe('6');
    expect(figure(page, 'role-kam')).toBe('2');
    expect(figure(page, 'role-member')).toBe('2');
    expect(page).toMatch(/Billing<\/a><\/td><td class="num">1<\/td>/);
    expect(page).toMatch(/Logistics<\/a><\/td><td class="num">1<\/td>/);
  });
});

describe('KAM alerts on the overview', () => {
  const alertRow = (id: number) => db.selectFrom('kam_alert').select(['handled_at', 'handled_by']).where('id', '=', id).executeTakeFirstOrThrow();

  it('stays until the KAM marks it handled, recording by whom and when', async () => {
    const agent = await signedInAgent(app(), world.users.kam);
    const csrf = await csrfOf(agent, '/');
    const res = await agent.post(`/alerts/${world.ownAlert}/handled`).type('form').send({ _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/');
    expect(await alertRow(world.ownAlert)).toEqual({ handled_at: NOW.toISOString(), handled_by: world.users.kam.id });
    const after = (await agent.get('/').expect(200)).text;
    expect(figure(after, 'alerts')).toBe('0');
    expect(after).toContain('Marked handled: the alert about Own Answered AB.');
  });

  it('lists the newest ten open alerts and says how many there are', async () => {
    for (let i = 0; i < 11; i++) {
      const response = await createResponse(db, world.campaign.id, world.own.id, { values: { nps: 0 } });
      expect(await alertKamOnNegativeAnswers(db, response.id, NOW)).toBe(true);
    }
    const agent = await signedInAgent(app(), world.users.kam);
    const page = (await agent.get('/').expect(200)).text;
    expect(figure(page, 'alerts')).toBe('12');
    expect(page.match(/class="dash__alert"/g)).toHaveLength(10);
    expect(page).toContain('The newest 10 of 12 are shown.');
  });

  it("hides another KAM's alert: 404, and it stays open", async () => {
    const agent = await signedInAgent(app(), world.users.kam2);
    const csrf = await csrfOf(agent, '/');
    await agent.post(`/alerts/${world.ownAlert}/handled`).type('form').send({ _csrf: csrf }).expect(404);
    expect(await alertRow(world.ownAlert)).toEqual({ handled_at: null, handled_by: null });
  });

  it('refuses an unknown mail choice with the message beside the field, and saves the daily digest', async () => {
    const agent = await signedInAgent(app(), world.users.kam);
    const csrf = await csrfOf(agent, '/');
    const bad = await agent.post('/alerts/mail').type('form').send({ _csrf: csrf, alertMail: 'weekly' }).expect(422);
    expect(bad.text).toContain('<p class="field-error" id="alertMail-error"><span class="visually-hidden">Error: </span>Choose how alerts are mailed to you</p>');
    expect(bad.text).not.toMatch(/name="alertMail" value="\w+" checked/);

    await agent.post('/alerts/mail').type('form').send({ _csrf: csrf, alertMail: 'daily' }).expect(303);
    expect((await agent.get('/').expect(200)).text).toMatch(/name="alertMail" value="daily" checked/);
    expect((await db.selectFrom('user').select('alert_mail').where('id', '=', world.users.kam.id).executeTakeFirstOrThrow()).alert_mail).toBe('daily');

    // A new negative answer is stored for the digest, not mailed at once.
    const response = await createResponse(db, world.campaign.id, world.own.id, { values: { nps: 0 } });
    expect(await alertKamOnNegativeAnswers(db, response.id, NOW)).toBe(true);
    expect(await db.selectFrom('outbox').select('id').where('kind', '=', 'kam_alert').execute()).toEqual([]);
    const stored = await db.selectFrom('kam_alert').select(['mailed_at', 'kam_user_id']).where('response_id', '=', response.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ mailed_at: null, kam_user_id: world.users.kam.id });
  });
});
