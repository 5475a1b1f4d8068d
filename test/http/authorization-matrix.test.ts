import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { testConfig } from '../../src/config';
import { linkCsrfToken } from '../../src/shared/link-csrf';
import { csrfFrom, signedInAgent } from '../support/test-app';
import { ACTORS, concretePath, registeredRoutes, sharedRouteFixture, type ActorName, type RouteFixture } from '../support/route-fixture';

/**
 * What each actor gets from each route, in the order of ACTORS:
 *   anonymous admin manager member kam kam2 member2
 * (kam2 is the KAM of another account, member2 a member of another team; both are asked about
 * objects of the first account and team). On /api/v1 the signed-in actors use an API key of
 * their user and "anonymous" sends none.
 *
 *   O  allowed: 2xx, a redirect other than to sign-in, or the input refused (400, 409, 422)
 *   L  redirected to sign-in
 *   U  401 (no API key)
 *   F  403
 *   N  404 (the object is hidden, or does not exist for anybody)
 *
 * A route missing here fails the test: a new route has to say who may use it.
 */
const EXPECTED: Record<string, string> = {
  'GET /healthz': 'O O O O O O O',
  'GET /static/vendor/chart.umd.min.js': 'O O O O O O O',
  'GET /login': 'O O O O O O O',
  'POST /login': 'O O O O O O O',
  // Single sign-on: not configured here, so not there (test/http/oidc-sign-in.test.ts tests it).
  'GET /login/oidc': 'N N N N N N N',
  'GET /login/oidc/callback': 'N N N N N N N',
  // Signing out ends on the sign-in page, signed in or not.
  'POST /logout': 'L L L L L L L',
  'GET /': 'L O O O O O O',
  // KAM alerts on the overview: the account's KAM (or a manager) marks one handled; each KAM chooses how they are mailed.
  'POST /alerts/:id/handled': 'L O O F O N F',
  'POST /alerts/mail': 'L F F F O O F',
  // Everyone's own account page; an invitation link with an unknown token is nobody's.
  'GET /account': 'L O O O O O O',
  'POST /account': 'L O O O O O O',
  'POST /account/password': 'L O O O O O O',
  'GET /invitations/:token': 'N N N N N N N',
  'POST /invitations/:token': 'N N N N N N N',

  'GET /admin/users': 'L O F F F F F',
  'GET /admin/users/new': 'L O F F F F F',
  'POST /admin/users/new': 'L O F F F F F',
  'GET /admin/users/:id': 'L O F F F F F',
  'POST /admin/users/:id': 'L O F F F F F',
  'POST /admin/users/:id/invite': 'L O F F F F F',
  'GET /admin/teams': 'L O F F F F F',
  'GET /admin/teams/new': 'L O F F F F F',
  'POST /admin/teams/new': 'L O F F F F F',
  'GET /admin/teams/:id': 'L O F F F F F',
  'POST /admin/teams/:id': 'L O F F F F F',
  'GET /admin/audit': 'L O F F F F F',
  'GET /admin/api-keys': 'L O F F F F F',
  'POST /admin/api-keys': 'L O F F F F F',
  'POST /admin/api-keys/:id/revoke': 'L O F F F F F',
  'GET /admin/webhooks': 'L O F F F F F',
  'POST /admin/webhooks': 'L O F F F F F',
  'GET /admin/webhooks/:id': 'L O F F F F F',
  'POST /admin/webhooks/:id': 'L O F F F F F',
  'POST /admin/webhooks/:id/secret': 'L O F F F F F',
  'POST /admin/webhooks/:id/deliveries/:deliveryId/resend': 'L O F F F F F',
  'GET /admin/outbox': 'L O F F F F F',
  'GET /admin/outbox/:id': 'L O F F F F F',
  'GET /admin/suppressions': 'L O F F F F F',
  'POST /admin/suppressions/delete': 'L O F F F F F',
  'GET /admin/settings': 'L O F F F F F',
  'POST /admin/settings': 'L O F F F F F',
  'GET /admin/organisation': 'L O F F F F F',
  'POST /admin/organisation': 'L O F F F F F',
  // Public: mails and personal pages show the logo and colour; without a logo it is 404 for all.
  'GET /organisation/logo/:version': 'N N N N N N N',
  'GET /organisation/brand.css': 'O O O O O O O',
  'GET /admin/ticket-settings': 'L O F F F F F',
  'POST /admin/ticket-settings': 'L O F F F F F',

  'GET /customers': 'L O O F F F F',
  'GET /customers/coverage': 'L O O F F F F',
  'GET /customers/import': 'L O O F F F F',
  'POST /customers/import': 'L O O F F F F',
  'GET /customers/import/sample.csv': 'L O O F F F F',
  'POST /customers/import/confirm': 'L O O F F F F',
  'GET /customers/:id': 'L O O F F F F',
  'POST /customers/:id': 'L O O F F F F',
  'GET /customers/:id/contacts/new': 'L O O F F F F',
  'POST /customers/:id/contacts/new': 'L O O F F F F',
  'GET /customers/:id/contacts/:contactId': 'L O O F F F F',
  'POST /customers/:id/contacts/:contactId': 'L O O F F F F',
  'POST /customers/:id/contacts/:contactId/opt-in': 'L O O F F F F',
  'POST /customers/:id/contacts/:contactId/opt-out': 'L O O F F F F',

  'GET /campaigns': 'L O O F O O F',
  'GET /campaigns/new': 'L O O F F F F',
  'POST /campaigns/new': 'L O O F F F F',
  'GET /campaigns/:id': 'L O O F O O F',
  'GET /campaigns/:id/edit': 'L O O F F F F',
  'POST /campaigns/:id/edit': 'L O O F F F F',
  'GET /campaigns/:id/preview': 'L O O F O O F',
  'POST /campaigns/:id/test-mail': 'L O O F F F F',
  'POST /campaigns/:id/launch': 'L O O F F F F',
  'POST /campaigns/:id/pause': 'L O O F F F F',
  'POST /campaigns/:id/resume': 'L O O F F F F',
  'POST /campaigns/:id/close': 'L O O F F F F',
  'GET /campaigns/:id/launch': 'L O O F F F F',
  'GET /campaigns/:id/close': 'L O O F F F F',
  'POST /campaigns/:id/schedule': 'L O O F F F F',
  'POST /campaigns/:id/reopen': 'L O O F F F F',
  'POST /campaigns/:id/remind-now': 'L O O F F F F',
  'POST /campaigns/:id/resend': 'L O O F F F F',
  // A test mail's sample link: signed, so the link is the permission, the same for everybody.
  'GET /preview/:token': 'O O O O O O O',

  'GET /analysis': 'L O O F O O F',
  'GET /campaigns/:id/problems': 'L O O F O O F',
  'GET /campaigns/:id/problems.csv': 'L O O F O O F',
  'GET /campaigns/:id/responses.csv': 'L O O F O O F',
  'GET /campaigns/:id/mentions.csv': 'L O O F O O F',
  'GET /campaigns/:id/accounts/:customerId': 'L O O F O N F',
  'GET /campaigns/:id/satisfaction': 'L O O F O O F',
  'GET /campaigns/:id/drivers': 'L O O F O O F',
  'GET /satisfaction/trend': 'L O O F O O F',
  'GET /campaigns/:id/coding': 'L O O F F F F',
  'POST /campaigns/:id/coding': 'L O O F F F F',
  'POST /campaigns/:id/coding/undo': 'L N N F F F F',
  'GET /campaigns/:id/emerging': 'L O O F F F F',
  'POST /campaigns/:id/emerging': 'L O O F F F F',
  'GET /campaigns/:id/closure-effect': 'L O O F O O F',
  // Reports: the wave report is the management team's; the account report a KAM's for their own accounts.
  'GET /campaigns/:id/report': 'L O O F F F F',
  'GET /campaigns/:id/report.pdf': 'L O O F F F F',
  'GET /campaigns/:id/report.csv': 'L O O F F F F',
  'GET /reports/accounts/:customerId': 'L O O F O N F',
  'GET /reports/accounts/:customerId/pdf': 'L O O F O N F',

  // The staff's guess: managers run rounds; a round is hidden from anyone neither invited nor
  // running rounds; only the invited guess (a manager who is not gets 403). A second reveal and
  // a guess after the reveal answer 409, which counts as allowed.
  'GET /campaigns/:id/guess': 'L O O F F F F',
  'POST /campaigns/:id/guess': 'L O O F F F F',
  'POST /campaigns/:id/guess/reveal': 'L O O F F F F',
  'GET /guesses': 'L O O O O O O',
  'GET /guesses/:id': 'L O O O N N N',
  'POST /guesses/:id': 'L F F O N N N',
  // Choosing to see the results before guessing (it locks the guess): the invitee only.
  'POST /guesses/:id/results': 'L N N O N N N',

  'GET /catalogue': 'L O O F F F F',
  'GET /catalogue/new': 'L O O F F F F',
  'POST /catalogue/new': 'L O O F F F F',
  'GET /catalogue/:id': 'L O O F F F F',
  'POST /catalogue/:id': 'L O O F F F F',
  'POST /catalogue/:id/merge': 'L O O F F F F',
  // Questionnaires are built by quality managers (and admins).
  'GET /questionnaires': 'L O O F F F F',
  'POST /questionnaires/import': 'L O O F F F F',
  'GET /questionnaires/new': 'L O O F F F F',
  'POST /questionnaires/new': 'L O O F F F F',
  'GET /questionnaires/:id': 'L O O F F F F',
  'POST /questionnaires/:id/details': 'L O O F F F F',
  'GET /questionnaires/:id/sections/new': 'L O O F F F F',
  'POST /questionnaires/:id/sections': 'L O O F F F F',
  'GET /questionnaires/:id/sections/:sectionId': 'L O O F F F F',
  'POST /questionnaires/:id/sections/:sectionId': 'L O O F F F F',
  'POST /questionnaires/:id/order': 'L O O F F F F',
  'POST /questionnaires/:id/sections/:sectionId/move': 'L O O F F F F',
  // The manager's request (asked before the admin's) removes it, so the admin's finds nothing.
  'POST /questionnaires/:id/sections/:sectionId/remove': 'L N O F F F F',
  'GET /questionnaires/:id/sections/:sectionId/questions/new': 'L O O F F F F',
  'POST /questionnaires/:id/sections/:sectionId/questions': 'L O O F F F F',
  'GET /questionnaires/:id/questions/:questionId': 'L O O F F F F',
  'POST /questionnaires/:id/questions/:questionId': 'L O O F F F F',
  'POST /questionnaires/:id/questions/:questionId/texts': 'L O O F F F F',
  'POST /questionnaires/:id/questions/:questionId/move': 'L O O F F F F',
  'POST /questionnaires/:id/questions/:questionId/remove': 'L N O F F F F',
  'GET /questionnaires/:id/publish': 'L O O F F F F',
  'POST /questionnaires/:id/publish': 'L O O F F F F',
  'GET /questionnaires/:id/changes': 'L O O F F F F',
  'GET /questionnaires/:id/versions/:number/export': 'L O O F F F F',
  'GET /questionnaires/:id/preview': 'L O O F F F F',
  'GET /surveys': 'L O O F F F F',
  'GET /surveys/:slug/preview': 'L O O F F F F',

  'GET /campaigns/:id/route': 'L O O F F F F',
  'POST /campaigns/:id/route': 'L O O F F F F',
  'POST /campaigns/:id/route/owner': 'L O O F F F F',
  // Tickets: a KAM gets no ticket pages; another team's ticket is hidden like a missing one.
  'GET /tickets': 'L O O O F F O',
  'GET /tickets/:id': 'L O O O N N N',
  'POST /tickets/:id/status': 'L O O O N N N',
  'POST /tickets/:id/details': 'L O O O N N N',
  'POST /tickets/:id/comments': 'L O O O N N N',
  'GET /tickets/:id/resolve': 'L O O O N N N',
  'POST /tickets/:id/resolve': 'L O O O N N N',
  'POST /tickets/:id/followups/resubmit': 'L O O O N N N',
  // Key account pages: a KAM's own accounts, any KAM's for managers and admins; another KAM's
  // account is hidden like a missing one. Only the account's KAM sends the personal reminder
  // (the fixture's contact has answered the closed campaign: refused with 409, counted as allowed).
  'GET /kam': 'L O O F O O F',
  'GET /kam/accounts/:customerId': 'L O O F O N F',
  'POST /kam/campaigns/:campaignId/contacts/:contactId/remind': 'L F F F O N F',
  'GET /tickets/approvals': 'L O O F O O F',
  'GET /tickets/approvals/:id': 'L O O F O N F',
  'POST /tickets/approvals/:id/approve': 'L O O F O N F',
  'POST /tickets/approvals/:id/reject': 'L O O F O N F',

  // Personal links: the token is the permission, the same for everybody.
  'GET /s/:token': 'O O O O O O O',
  'POST /s/:token': 'O O O O O O O',
  'GET /f/:token': 'N N N N N N N',
  'POST /f/:token': 'N N N N N N N',
  'GET /u/:token': 'O O O O O O O',
  'POST /u/:token': 'O O O O O O O',

  // The API's description and its reference page describe no data: public, like the sign-in page.
  'GET /api/v1/openapi.json': 'O O O O O O O',
  'GET /api/docs': 'O O O O O O O',
  'POST /api/v1/contacts': 'U O O F F F F',
  'PUT /api/v1/contacts/sync': 'U O O F F F F',
  'POST /api/v1/campaigns': 'U O O F F F F',
  'GET /api/v1/campaigns/:id': 'U O O F O O F',
  'POST /api/v1/campaigns/:id/launch': 'U O O F F F F',
  'GET /api/v1/campaigns/:id/problems': 'U O O F O O F',
  'GET /api/v1/campaigns/:id/mentions': 'U O O F O O F',
  'PUT /api/v1/mentions/:id/category': 'U O O F F F F',
  'GET /api/v1/categories': 'U O O F F F F',
  'POST /api/v1/categories': 'U O O F F F F',
  'GET /api/v1/categories/:id': 'U O O F F F F',
  'GET /api/v1/teams': 'U O O O F F O',
  'POST /api/v1/campaigns/:id/route': 'U O O F F F F',
  'GET /api/v1/tickets': 'U O O O F F O',
  'GET /api/v1/tickets/:id': 'U O O O N N N',
  'PATCH /api/v1/tickets/:id': 'U O O O F F N',
};

function outcomeOf(res: request.Response): string {
  const { status } = res;
  if (status === 401) return 'U';
  if (status === 403) return 'F';
  if (status === 404) return 'N';
  if (status >= 300 && status < 400 && /^\/login/.test(res.headers.location ?? '')) return 'L';
  if (status < 400 || status === 400 || status === 409 || status === 422) return 'O';
  return `?${status}`;
}

// Refusals first, so an allowed write cannot change what a later actor is asked about; GETs
// before writes, and signing out last.
const ASKING_ORDER: ActorName[] = ['anonymous', 'member2', 'kam2', 'member', 'kam', 'manager', 'admin'];
const routeOrder = (key: string) => (key === 'POST /logout' ? 2 : key.startsWith('GET ') ? 0 : 1);

describe('authorization matrix: every registered route against every role', () => {
  let db: Db;
  let app: Express;
  let fixture: RouteFixture;
  sharedRouteFixture((w) => ({ db, app, fixture } = w));

  it('has one expected answer per registered route, and no entry for a route that does not exist', () => {
    const registered = registeredRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(registered.filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it('answers each actor as the table says', async () => {
    const secret = testConfig().sessionSecret ?? 'test';
    const sessions = new Map<ActorName, { agent: request.Agent; csrf: string }>();
    const sessionOf = async (actor: ActorName) => {
      let s = sessions.get(actor);
      if (!s) {
        const agent = actor === 'anonymous' ? request.agent(app) : await signedInAgent(app, fixture.users[actor]);
        const page = await agent.get(actor === 'anonymous' ? '/login' : '/');
        s = { agent, csrf: csrfFrom(page.text) };
        sessions.set(actor, s);
      }
      return s;
    };

    const ask = async (actor: ActorName, method: string, path: string, url: string): Promise<request.Response> => {
      const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      if (path.startsWith('/api/v1')) {
        const req = request(app)[verb](url);
        if (actor !== 'anonymous') req.set('Authorization', fixture.keys[actor]);
        return method === 'GET' ? req : req.send({});
      }
      const { agent, csrf } = await sessionOf(actor);
      if (method === 'GET') return agent.get(url);
      const linkToken = /^\/(s|f)\/([^/]+)/.exec(url)?.[2];
      return agent[verb](url)
        .type('form')
        .send({ _csrf: linkToken ? linkCsrfToken(secret, linkToken) : csrf });
    };

    const actual: Record<string, string> = {};
    const keys = Object.keys(EXPECTED).sort((a, b) => routeOrder(a) - routeOrder(b));
    for (const key of keys) {
      const [method, path] = key.split(' ') as [string, string];
      const url = concretePath(path, fixture);
      const answers: Partial<Record<ActorName, string>> = {};
      for (const actor of ASKING_ORDER) {
        answers[actor] = outcomeOf(await ask(actor, method, path, url));
        if (key === 'POST /logout') sessions.delete(actor);
      }
      actual[key] = ACTORS.map((a) => answers[a]).join(' ');
    }
    const differences = keys.filter((k) => actual[k] !== EXPECTED[k]).map((k) => `${k}: expected ${EXPECTED[k]}, got ${actual[k]}`);
    expect(differences).toEqual([]);
    // The report PDF routes each start Chromium once per allowed actor.
  }, 600_000);
});
