import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { pageText, sharedReportWorld, type ReportWorld } from '../support/report-world';

// The overview, the KAM pages and the wave report speak the reader's language; the account
// report speaks the customer's whoever reads it.
const text = pageText;

describe('the overview, KAM pages and reports in the reader’s language', () => {
  let db: Db;
  let world: ReportWorld;
  sharedReportWorld((d, w) => ((db = d), (world = w)));

  const readIn = async (userId: number, language: string | null) => {
    await db.updateTable('user').set({ language }).where('id', '=', userId).execute();
  };
  const page = async (user: { email: string; password: string }, path: string) => {
    const agent = await signedInAgent(createTestApp(db), user);
    return text((await agent.get(path).expect(200)).text);
  };

  afterEach(async () => {
    for (const u of [world.manager, world.member, world.kam]) await readIn(u.id, null);
  });

  it('shows a Swedish quality manager the overview and the wave report in Swedish, with Swedish numbers and touchpoint names', async () => {
    await readIn(world.manager.id, 'sv');
    const home = await page(world.manager, '/');
    expect(home).toContain('Välkommen,');
    expect(home).toContain('Väntar på dig');
    expect(home).toContain('1 försenat ärende');
    expect(home).toContain('0 ärenden med återkopplingar som väntar på godkännande');
    expect(home).not.toContain('Waiting for you');

    const report = await page(world.manager, `/campaigns/${world.wave.id}/report`);
    expect(report).toContain('Rapport: Annual 2026');
    expect(report).toContain('Jämfört med Annual 2025');
    expect(report).toMatch(/Svarsfrekvens 66,7 % \(4 av 6\) 100,0 % \(2 av 2\)/);
    expect(report).toMatch(/Nöjdhet \(Rate overall, 1–5\) 3,50 2,50/);
    expect(report).toMatch(/NPS \(4 svar\) \+25 0 /);
    expect(report).toMatch(/Leverans 3,00 3,00 4/);
    expect(report).toMatch(/Sena leveranser Logistics Pågår/);
    expect(report).toContain('Effekt av tidigare lösta problem');
    expect(report).not.toMatch(/Key figures|Tickets created|Ranked problems|in_progress|\bdelivery\b/);
  });

  it('shows a Danish quality manager the overview and the wave report in Danish', async () => {
    await readIn(world.manager.id, 'da');
    const home = await page(world.manager, '/');
    expect(home).toContain('Velkommen,');
    expect(home).toContain('Venter på dig');
    const report = await page(world.manager, `/campaigns/${world.wave.id}/report`);
    expect(report).toContain('Nøgletal');
    expect(report).toMatch(/Svarprocent 66,7 % \(4 af 6\)/);
    expect(report).toMatch(/Levering 3,00 3,00 4/);
    expect(report).toMatch(/Fakturering Logistics Løst/);
    expect(report).toContain('Oprettede sager');
  });

  it('shows a team member their team’s tickets by status name in their language', async () => {
    await readIn(world.member.id, 'sv');
    const sv = await page(world.member, '/');
    expect(sv).toContain('Ditt teams ärenden');
    expect(sv).toContain('Pågår');
    expect(sv).toContain('Försenade');
    await readIn(world.member.id, 'da');
    const da = await page(world.member, '/');
    expect(da).toContain('Dit teams sager');
    expect(da).toContain('I gang');
    expect(da).not.toContain('In progress');
  });

  it('shows a KAM the overview, “My accounts” and an account’s history in Swedish and Danish, and keeps a typed choice with a Swedish message', async () => {
    await readIn(world.kam.id, 'sv');
    const home = await page(world.kam, '/');
    expect(home).toContain('Dina kunder');
    expect(home).toContain('Varningar');
    expect(home).toContain('Mejla mig om varningar');
    expect(home).toContain('Mina kunder');

    const accounts = await page(world.kam, '/kam');
    expect(accounts).toContain('Kontaktpersoner');
    expect(accounts).toContain('Ärenden som rör den här kunden');
    expect(accounts).toContain('Historik för Svenska Stål AB i alla undersökningar');
    expect(accounts).not.toMatch(/Tickets touching this account|not_answered|in_progress/);

    const agent = await signedInAgent(createTestApp(db), world.kam);
    const refused = await agent.post('/alerts/mail').type('form').send({ _csrf: await csrfOf(agent, '/') }).expect(422);
    expect(text(refused.text)).toContain('Välj hur du vill få varningarna');

    await readIn(world.kam.id, 'da');
    const history = await page(world.kam, `/kam/accounts/${world.svenska.id}`);
    expect(history).toContain('Problemerne med deres egne ord');
    expect(history).toContain('Tilfredshed');
    expect(history).toContain('Mine kunder');
    expect(history).toContain('Kunderapport');
    const daAccounts = await page(world.kam, '/kam');
    expect(daAccounts).toContain('Sager, der vedrører denne kunde');
  });

  it('writes the account report in the customer’s language around the reader’s own page texts', async () => {
    await readIn(world.kam.id, 'da');
    const report = await page(world.kam, `/reports/accounts/${world.svenska.id}`);
    // The report speaks Swedish to the Swedish customer …
    expect(report).toContain('Svenska Stål AB: vad ni berättade och vad vi gjorde');
    expect(report).toContain('Vad vi fortfarande arbetar med');
    // … and the page around it Danish to the Danish KAM.
    expect(report).toContain('Download PDF');
    expect(report).toContain('Rapportens sprog: svensk');
  });

  it('leaves the English pages as they were', async () => {
    const home = await page(world.manager, '/');
    expect(home).toContain('Waiting for you');
    expect(home).toContain('1 overdue ticket');
    expect(home).toContain('0 tickets with follow-ups waiting for approval');
    const report = await page(world.manager, `/campaigns/${world.wave.id}/report`);
    expect(report).toContain('Wave report: Annual 2026');
    expect(report).toMatch(/Response rate 66\.7 % \(4 of 6\) 100\.0 % \(2 of 2\)/);
    expect(report).toContain('Bars: points. Line: cumulative share (right axis).');
    const accounts = await page(world.kam, '/kam');
    expect(accounts).toContain('Tickets touching this account');
    expect(accounts).toContain('History of Svenska Stål AB across waves');
  });
});
