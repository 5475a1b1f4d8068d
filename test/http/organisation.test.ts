import request from 'supertest';
import type { Db } from '../../src/db/database';
import { findSetting } from '../../src/settings/setting.repository';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createInvitation } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7f2e7c50000000049454e44ae426082', 'hex');
const FORM = { name: 'Nordvik Logistics AB', brandColour: '#c8102e', timeZone: 'Europe/Stockholm', senderName: '', senderAddress: 'survey@nordvik.example', replyTo: '', postalAddress: 'Hamngatan 1\n411 06 Göteborg' };

describe('the organisation page and what respondents see', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function admin() {
    const app = createTestApp(db);
    const agent = await signedInAgent(app, await createUser(db, { role: 'admin' }));
    return { app, agent };
  }

  function post(agent: request.Agent, token: string, fields: Record<string, string>, logo?: { data: Buffer; name: string }) {
    let req = agent.post('/admin/organisation').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return logo ? req.attach('logo', logo.data, logo.name) : req;
  }

  it('saves the name (setting organisation_name), sender, zone and logo, and serves the logo with long caching', async () => {
    const { app, agent } = await admin();
    const token = await csrfOf(agent, '/admin/organisation');
    await post(agent, token, FORM, { data: PNG, name: 'logo.png' }).expect(303).expect('Location', '/admin/organisation');

    expect(await findSetting(db, 'organisation_name')).toBe('Nordvik Logistics AB');
    expect(await findSetting(db, 'organisation_time_zone')).toBe('Europe/Stockholm');
    const page = await agent.get('/admin/organisation').expect(200);
    const logoPath = /src="(\/organisation\/logo\/[a-f0-9]+)"/.exec(page.text)![1]!;

    const logo = await request(app).get(logoPath).expect(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(logo.body as Buffer, PNG)).toBe(0);
    await request(app).get(logoPath).set('If-None-Match', logo.headers.etag!).expect(304);
  });

  it('refuses a logo that is not an image or is too large, and keeps every typed value', async () => {
    const { agent } = await admin();
    const token = await csrfOf(agent, '/admin/organisation');
    const svg = await post(agent, token, FORM, { data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: 'logo.png' }).expect(422);
    expect(svg.text).toContain('The logo must be a PNG, JPEG or GIF image.');
    expect(svg.text).toContain('value="Nordvik Logistics AB"');
    const big = await post(agent, token, FORM, { data: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), name: 'big.png' }).expect(422);
    expect(big.text).toContain('use an image of at most 500 KB');
    expect(await findSetting(db, 'organisation_name')).toBeUndefined();
  });

  it('refuses an unknown time zone and a colour that is not #rrggbb', async () => {
    const { agent } = await admin();
    const token = await csrfOf(agent, '/admin/organisation');
    const res = await post(agent, token, { ...FORM, timeZone: 'Europe/Atlantis', brandColour: 'red' }).expect(422);
    expect(res.text).toContain('Choose a time zone from the list');
    expect(res.text).toContain('Enter a colour as # and six hex digits');
  });

  it('puts the company name and logo on the survey, closed and unsubscribe pages, never "PDS Loop"', async () => {
    const { app, agent } = await admin();
    await post(agent, await csrfOf(agent, '/admin/organisation'), FORM, { data: PNG, name: 'logo.png' }).expect(303);
    const open = await createInvitation(db, {});
    const closed = await createInvitation(db, { campaignStatus: 'closed' });
    for (const path of [`/s/${open.token}`, `/s/${closed.token}`, `/u/${open.token}`]) {
      const page = await request(app).get(path);
      expect(page.status).toBeLessThan(500);
      expect(page.text).toContain('Nordvik Logistics AB');
      expect(page.text).toMatch(/<img class="brand-mark__logo" src="\/organisation\/logo\/[a-f0-9]+"/);
      expect(page.text).toContain('Hamngatan 1, 411 06 Göteborg');
      expect(page.text).not.toContain('PDS Loop');
    }
  });

  it('makes the brand colour readable: a light colour is darkened for buttons and links', async () => {
    const { app, agent } = await admin();
    await post(agent, await csrfOf(agent, '/admin/organisation'), { ...FORM, brandColour: '#ffd700' }).expect(303);
    const css = await request(app).get('/organisation/brand.css').expect(200);
    const brand = /--brand: (#[0-9a-f]{6})/.exec(css.text)![1]!;
    expect(brand).not.toBe('#ffd700');
    expect(css.text).toContain('--brand-line: #ffd700');
  });
});
