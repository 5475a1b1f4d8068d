// Single sign-on in a real browser: Chromium goes from PDS Loop's sign-in page to a real OpenID
// provider on loopback (oidc-provider), signs in on its login page and comes back signed in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createLogger } from '../../src/shared/logger';
import { listTeamIdsOfUser } from '../../src/accounts/user.repository';
import { createTeam, createUser } from '../support/factories';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { surveyTemplates } from '../support/survey-factories';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { launchBrowser, seriousViolations } from './browser';

describe('single sign-on in a real browser', () => {
  let shared: SharedTestDatabase;
  let db: Db;
  let server: http.Server;
  let baseUrl: string;
  let provider: TestProvider;
  let browser: Browser;

  beforeAll(async () => {
    shared = await createSharedTestDatabase({ migrated: true, prefix: 'pds-oidc-e2e-' });
    db = shared.open();
    // Listen first: the provider must know the callback's real port.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = await startOidcProvider({
      redirectUris: [`${baseUrl}/login/oidc/callback`],
      accounts: {
        'maria.quality': { email: 'Maria.Quality@Supplier.example', email_verified: true, name: 'Maria Quality', groups: ['pds-quality'] },
        'new.member': { email: 'lena.logistics@supplier.example', email_verified: true, name: 'Lena Logistics', groups: ['pds-logistics'] },
      },
    });
    const oidc = provider.config({
      providerName: 'Supplier ID',
      groupClaim: 'groups',
      groupRoles: [
        { group: 'pds-quality', role: 'manager', team: undefined },
        { group: 'pds-logistics', role: 'member', team: 'Logistics' },
      ],
      createUsers: true,
    });
    const config = testConfig({ baseUrl, oidc });
    server.on('request', createApp({ config, db, logger: createLogger('silent'), sessionSecret: config.sessionSecret!, templates: surveyTemplates }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await provider?.close();
    await db?.destroy();
    await shared?.cleanup();
  });

  it('signs a known user in through the provider\'s login page and back to the page they asked for', async () => {
    await createUser(db, { email: 'maria.quality@supplier.example', name: 'Maria Quality', role: 'manager' });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${baseUrl}/customers`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await seriousViolations(page)).toEqual([]);
    // The sign-in page fits a phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.click('text=Sign in with Supplier ID');
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.fill('input[name="login"]', 'maria.quality');
    await page.fill('input[name="password"]', 'any password');
    await Promise.all([page.waitForURL(`${baseUrl}/customers`), page.click('button[type="submit"]')]);

    expect(await page.textContent('.signout__who')).toBe('Maria Quality');
    expect(await page.textContent('h1')).toBeTruthy();
    await page.close();
  });

  it('creates a new member with their team at first sign-in, and shows a refusal in plain words', async () => {
    const logistics = await createTeam(db, { name: 'Logistics' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/login`);
    await page.click('text=Sign in with Supplier ID');
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.fill('input[name="login"]', 'new.member');
    await page.fill('input[name="password"]', 'any password');
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.click('button[type="submit"]')]);
    expect(await page.textContent('.signout__who')).toBe('Lena Logistics');
    const user = await db.selectFrom('user').select(['id', 'role']).where('email', '=', 'lena.logistics@supplier.example').executeTakeFirstOrThrow();
    expect(user.role).toBe('member');
    expect(await listTeamIdsOfUser(db, user.id)).toEqual([logistics.id]);

    // Coming back to the callback with nothing under way (a bookmarked or replayed answer).
    await page.goto(`${baseUrl}/login/oidc/callback?code=stale&state=stale`);
    expect(await page.textContent('[role="alert"]')).toContain('This sign-in has expired or was already used.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
