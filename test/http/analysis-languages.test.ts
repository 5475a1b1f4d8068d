import type { Db } from '../../src/db/database';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCampaign, createCustomer, createLateAndInvoiceCategories, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

// The analysis and guess pages in the reader's language: headings, columns and chart texts from
// the catalogue, question texts and category names in that language, and no internal id or code.
describe('the analysis and guess pages in Swedish and Danish', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const OVERALL = { en: 'How satisfied are you overall?', sv: 'Hur nöjd är du totalt sett?', da: 'Hvor tilfreds er du samlet set?' };
  const DELIVERY = { en: 'How was the delivery?', sv: 'Hur var leveransen?', da: 'Hvordan var leveringen?' };
  const RECOMMEND = { en: 'Would you recommend us?', sv: 'Skulle du rekommendera oss?', da: 'Vil du anbefale os?' };

  async function world(lang: 'sv' | 'da') {
    const { late, invoice, shape: rated } = await createLateAndInvoiceCategories(db);
    const shape = {
      ...rated,
      ratings: { overall_satisfaction: undefined, rating_delivery: 'delivery' },
      texts: { overall_satisfaction: OVERALL, nps: RECOMMEND, rating_delivery: DELIVERY },
    };
    const before = await createCampaign(db, { name: 'Spring 2025', launchedAt: '2025-03-01T10:00:00.000Z', shape });
    const campaign = await createCampaign(db, { name: 'Annual 2026', status: 'running', shape });
    const retail = await createCustomer(db, { name: 'Nordvik AB', segment: 'Retail', relationship: 'strategic' });
    const plain = await createCustomer(db, { name: 'Fjord A/S' });
    for (const c of [before, campaign]) {
      await createResponse(db, c.id, retail.id, { problems: [{ categoryId: late.id, rank: 1 }, { categoryId: invoice.id, rank: 2 }], rated: { [late.id]: [1, 1], [invoice.id]: [0, 1] }, values: { nps: 9, overall_satisfaction: 4, rating_delivery: 2 } });
      await createResponse(db, c.id, plain.id, { problems: [{ categoryId: late.id, rank: 1 }], rated: { [late.id]: [1, 0], [invoice.id]: [0, 0] }, values: { nps: 3, overall_satisfaction: 2, rating_delivery: 5 } });
    }
    const manager = await createUser(db, { role: 'manager' });
    const member = await createUser(db, { role: 'member', name: 'Anna Billing' });
    await db.updateTable('user').set({ language: lang }).where('id', 'in', [manager.id, member.id]).execute();
    const app = createTestApp(db, { clock: () => new Date('2026-04-01T10:00:00.000Z') });
    return { app, campaign, manager, member, late, invoice };
  }

  /** What the page shows as text: without tags, attributes and scripts, entities read. */
  const visible = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#34;|&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  const INTERNAL = ['overall_satisfaction', 'rating_delivery', 'problem_rating', 'in_progress', 'problem_score', 'frequent_bothersome', 'improve_first', 'strategic'];

  it.each([
    ['sv', { heading: 'Rangordnade problem: Annual 2026', column: 'Ackumulerad andel', category: 'Sena leveranser', matrix: 'Frekvens × besvär', axis: 'Andel besvärande', yoy: 'Jämfört med Spring 2025' }],
    ['da', { heading: 'Rangordnede problemer: Annual 2026', column: 'Akkumuleret andel', category: 'Forsinkede leverancer', matrix: 'Hyppighed × gene', axis: 'Andel generende', yoy: 'Sammenlignet med Spring 2025' }],
  ] as const)('shows the ranked problems in %s, with the category names and chart texts in it', async (lang, want) => {
    const { app, campaign, manager } = await world(lang);
    const agent = await signedInAgent(app, manager);

    const page = await agent.get(`/campaigns/${campaign.id}/problems`).expect(200);

    expect(page.text).toContain(`<html lang="${lang}">`);
    expect(page.text).toContain(want.heading);
    expect(page.text).toContain(want.column);
    expect(page.text).toContain(want.matrix);
    expect(page.text).toContain(want.yoy);
    expect(page.text).toMatch(new RegExp(`<a href="#category-\\d+">${want.category}</a>`));
    // The chart's axis titles come from the page, in the reader's language, with their decimal comma.
    expect(page.text).toMatch(new RegExp(`data-chart="matrix"[^>]*data-chart-texts="[^"]*${want.axis}`));
    expect(page.text).toContain('&#34;decimal&#34;:&#34;,&#34;');
    expect(page.text).not.toContain('Late deliveries');
    expect(page.text).not.toContain('Cumulative share');
    // The relationship filter names the relationship, never its code.
    expect(page.text).toMatch(lang === 'sv' ? /<option value="strategic">Strategisk<\/option>/ : /<option value="strategic">Strategisk<\/option>/);
    for (const id of INTERNAL) expect(visible(page.text)).not.toContain(id);
  });

  it.each([
    ['sv', { heading: 'Nöjdhet: Annual 2026', column: 'Ambassadörer (9–10)', segment: '(inget)', touchpoint: 'Kontaktpunkt', axis: 'Medelbetyg (1–5)' }],
    ['da', { heading: 'Tilfredshed: Annual 2026', column: 'Ambassadører (9–10)', segment: '(intet)', touchpoint: 'Kontaktpunkt', axis: 'Gennemsnitlig vurdering (1–5)' }],
  ] as const)('shows satisfaction in %s with the question texts in it, not their ids', async (lang, want) => {
    const { app, campaign, manager } = await world(lang);
    const agent = await signedInAgent(app, manager);

    const page = await agent.get(`/campaigns/${campaign.id}/satisfaction`).expect(200);

    expect(page.text).toContain(want.heading);
    expect(page.text).toContain(want.column);
    expect(page.text).toContain(`<th scope="row">${OVERALL[lang]}</th>`);
    expect(page.text).toContain(`<th scope="row">${RECOMMEND[lang]}</th>`);
    expect(page.text).toContain(`<th scope="row">${want.segment}</th>`);
    expect(page.text).toContain(want.touchpoint);
    expect(page.text).toContain(want.axis);
    // A mean written with the reader's decimal comma: (4 + 2) / 2 = 3.
    expect(page.text).toMatch(/<td>3,00<\/td>/);
    expect(page.text).not.toContain(OVERALL.en);
    expect(page.text).not.toContain('(none)');
    for (const id of INTERNAL) expect(visible(page.text)).not.toContain(id);
  });

  it.each([
    ['sv', { heading: 'Nöjdhet över tid', column: 'Förändring av NPS', axis: 'NPS (−100 till 100)' }],
    ['da', { heading: 'Tilfredshed over tid', column: 'Ændring i NPS', axis: 'NPS (−100 til 100)' }],
  ] as const)('shows the satisfaction trend in %s', async (lang, want) => {
    const { app, manager } = await world(lang);
    const agent = await signedInAgent(app, manager);

    const page = await agent.get('/satisfaction/trend').expect(200);

    expect(page.text).toContain(`<h1>${want.heading}</h1>`);
    expect(page.text).toContain(want.column);
    expect(page.text).toContain(want.axis);
    expect(page.text).toContain(`<th scope="col">${OVERALL[lang]}</th>`);
    expect(page.text).not.toContain('Satisfaction trend');
    for (const id of INTERNAL) expect(visible(page.text)).not.toContain(id);
  });

  it.each([
    ['sv', { opened: 'Gissningsomgången är öppen', intro: 'Vilka problem tror du att kunderna sätter högst?', place: 'Plats 2', saved: 'Din gissning är sparad.', twice: 'Du har redan valt det här problemet på en tidigare plats', category: 'Fel på fakturor', index: 'Öppen för gissningar' }],
    ['da', { opened: 'Gætterunden er åben', intro: 'Hvilke problemer tror du, kunderne sætter øverst?', place: '2. plads', saved: 'Dit gæt er gemt.', twice: 'Du har allerede valgt dette problem på en tidligere plads', category: 'Fejl i fakturaer', index: 'Åben for gæt' }],
  ] as const)('runs the staff’s guess in %s: the round, the guess form, its messages and flashes', async (lang, want) => {
    const { app, campaign, manager, member, late, invoice } = await world(lang);
    const boss = await signedInAgent(app, manager);
    const url = `/campaigns/${campaign.id}/guess`;
    const opened = await boss.post(url).type('form').send({ _csrf: await csrfOf(boss, url), listSize: '5', userIds: [String(member.id)] }).expect(303);
    expect(opened.headers.location).toBe(url);
    const round = await boss.get(url).expect(200);
    expect(round.text).toContain(want.opened);
    expect(round.text).not.toContain('Open for guesses');

    const { id: roundId } = await db.selectFrom('guess_round').select('id').executeTakeFirstOrThrow();
    const anna = await signedInAgent(app, member);
    const index = await anna.get('/guesses').expect(200);
    expect(index.text).toContain(want.index);
    const form = await anna.get(`/guesses/${roundId}`).expect(200);
    expect(form.text).toContain(want.intro);
    expect(form.text).toContain(`<label for="place2">${want.place}</label>`);
    expect(form.text).toMatch(new RegExp(`<option value="${invoice.id}">${want.category}</option>`));

    const csrf = await csrfOf(anna, `/guesses/${roundId}`);
    const refused = await anna.post(`/guesses/${roundId}`).type('form').send({ _csrf: csrf, place1: String(late.id), place2: String(late.id) }).expect(422);
    expect(refused.text).toContain(want.twice);
    expect(refused.text).not.toContain('guesses.errors');

    await anna.post(`/guesses/${roundId}`).type('form').send({ _csrf: csrf, place1: String(late.id), place2: String(invoice.id) }).expect(303);
    const saved = await anna.get(`/guesses/${roundId}`).expect(200);
    expect(saved.text).toContain(want.saved);
    for (const id of INTERNAL) expect(visible(saved.text)).not.toContain(id);
  });

  it('keeps the English pages word for word', async () => {
    const { app, campaign, manager } = await world('sv');
    await db.updateTable('user').set({ language: 'en' }).where('id', '=', manager.id).execute();
    const agent = await signedInAgent(app, manager);

    const problems = await agent.get(`/campaigns/${campaign.id}/problems`).expect(200);
    const satisfaction = await agent.get(`/campaigns/${campaign.id}/satisfaction`).expect(200);

    expect(problems.text).toContain('Problems ranked by points (the Pareto chart&#39;s numbers: points and cumulative share)');
    expect(problems.text).toContain('Late deliveries');
    expect(satisfaction.text).toContain(`<th scope="row">${OVERALL.en}</th>`);
    expect(satisfaction.text).toContain('<th scope="row">(none)</th>');
    expect(satisfaction.text).toMatch(/<td>3.00<\/td>/);
  });
});
