// One world for the authorization and CSRF matrices: two accounts (each with its KAM), two teams
// (each with a member), a campaign answered by both accounts, a ticket of the first team, and
// the objects every path parameter of the app names. The "second" actors (kam2, member2) are
// always asked about objects of the first account and team.
import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { insertFollowupIfNew } from '../../src/tickets/followup.repository';
import { insertKamAlert } from '../../src/tickets/kam-alert.repository';
import { insertEndpoint } from '../../src/webhooks/webhook-endpoint.repository';
import { insertDeliveries, listDeliveriesOfEndpoint } from '../../src/webhooks/webhook-delivery.repository';
import { createTeam, createUser } from './factories';
import { createTestApp, createTestDb } from './test-app';
import type { CampaignShape } from './analysis-factories';
import { createApiKey, createCampaign, createCategory, createContact, createCustomer, createResponse, createTicket } from './ticket-factories';
import { createInvitation } from './survey-factories';
import { insertGuessInvitees, insertGuessRound } from '../../src/guesses/guess.repository';
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../src/auth/user';
import { SURVEYS_DIR } from '../../src/paths';
import { testConfig } from '../../src/config';
import { sampleToken } from '../../src/campaigns/sample-link';
import { getQuestionnaireEditor, importQuestionnaireDefinition, listQuestionnaireSummaries } from '../../src/questionnaires/questionnaire.service';

/** A route as Express registered it: method and full path with its mount prefix. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  rawPath?: unknown;
}

/** Every route registered on the app, found by walking the router stack (Express 5: `app.router`). */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The fixture campaign's questions: the shipped questionnaires' ids, with human texts. */
export const CAMPAIGN_SHAPE: CampaignShape = {
  maxItems: 3,
  ratings: { overall_satisfaction: undefined, rating_delivery: 'delivery' },
  nps: true,
  texts: {
    overall_satisfaction: 'How satisfied are you with us overall?',
    rating_delivery: 'How do you rate our deliveries?',
    nps: 'How likely are you to recommend us to a colleague?',
    problems: 'Which problems do you experience with us?',
  },
};

export const ACTORS = ['anonymous', 'admin', 'manager', 'member', 'kam', 'kam2', 'member2'] as const;
export type ActorName = (typeof ACTORS)[number];

export async function buildRouteFixture(db: Db) {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const team1 = await createTeam(db, { name: 'Billing' });
  const team2 = await createTeam(db, { name: 'Logistics' });
  const users = {
    admin: await createUser(db, { role: 'admin' }),
    manager: await createUser(db, { role: 'manager' }),
    member: await createUser(db, { role: 'member', teamId: team1.id }),
    kam: await createUser(db, { role: 'kam', name: 'Kim Own' }),
    kam2: await createUser(db, { role: 'kam', name: 'Kai Other' }),
    member2: await createUser(db, { role: 'member', teamId: team2.id }),
  };
  const target = await createUser(db, { role: 'member' });
  const account1 = await createCustomer(db, { name: 'Own Account AB', segment: 'Retail', kamUserId: users.kam.id });
  const account2 = await createCustomer(db, { name: 'Other Account ApS', segment: 'Industry', kamUserId: users.kam2.id });
  const contact1 = await createContact(db, account1.id, { email: 'own.contact@own.example' });
  const contact2 = await createContact(db, account2.id, { email: 'other.contact@other.example' });
  const category = await createCategory(db, { en: 'Invoicing', teamId: team1.id });
  // Question ids as the shipped questionnaires name them, with human texts: the browser walk
  // (test/e2e/staff-pages.e2e.test.ts) fails when a page shows an id instead of its text.
  const campaign = await createCampaign(db, { name: 'Annual 2026', shape: CAMPAIGN_SHAPE });
  const response1 = await createResponse(db, campaign.id, account1.id, { problems: [{ categoryId: category.id, rank: 1, text: 'own invoices late' }], values: { overall_satisfaction: 4, rating_delivery: 3, nps: 9 } }, contact1.id);
  await createResponse(db, campaign.id, account2.id, { problems: [{ categoryId: category.id, rank: 1, text: 'other invoices late' }], values: { overall_satisfaction: 2, rating_delivery: 2, nps: 3 } }, contact2.id);
  const ticket = await createTicket(db, { teamId: team1.id, campaignId: campaign.id, categoryId: category.id, status: 'in_progress' });
  // A follow-up to the first account's contact waits for approval (by its KAM or a manager).
  await insertFollowupIfNew(db, { ticketId: ticket.id, contactId: contact1.id, language: 'en', tokenHash: 'held-followup' }, now);
  // An open alert about the first account's answer, for its KAM.
  const alertId = await insertKamAlert(
    db,
    { responseId: response1.id, campaignId: campaign.id, customerId: account1.id, contactId: contact1.id, kamUserId: users.kam.id, answers: [{ question: 'Recommend us?', value: 2, scale: '0–10' }] },
    now,
    now,
  );
  const outboxId = await enqueueMail(db, { kind: 'test', to: 'someone@example.com', subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }, now);
  const keys = {
    admin: await createApiKey(db, users.admin.id),
    manager: await createApiKey(db, users.manager.id),
    member: await createApiKey(db, users.member.id),
    kam: await createApiKey(db, users.kam.id),
    kam2: await createApiKey(db, users.kam2.id),
    member2: await createApiKey(db, users.member2.id),
  };
  await createApiKey(db, target.id);
  const spareKey = await db.selectFrom('api_key').select('id').where('user_id', '=', target.id).executeTakeFirstOrThrow();
  const invitation = await createInvitation(db);
  // The campaign's guess round (the campaign is closed, so it can be revealed): the first team's member is invited.
  const guessRoundId = (await insertGuessRound(db, { campaignId: campaign.id, listSize: 5, createdBy: users.manager.id }, now))!;
  await insertGuessInvitees(db, guessRoundId, [users.member.id], now);
  const webhookId = await insertEndpoint(db, { url: 'https://hooks.example.com/pds', description: 'CRM', events: ['ticket.created'], secretSalt: 'fixture-salt', createdBy: users.admin.id }, now);
  await insertDeliveries(db, [{ endpointId: webhookId, messageId: 'msg_fixture', eventType: 'ticket.created', payload: '{}' }], now);
  const [webhookDelivery] = await listDeliveriesOfEndpoint(db, webhookId);
  const questionnaire = await importShippedQuestionnaire(db, users.admin.id, now);
  return { now, alertId, questionnaire, team1, team2, users, target, account1, account2, contact1, contact2, category, campaign, mentionId: response1.mentionIds[0]!, ticket, outboxId, keys, spareKeyId: spareKey.id, invitation, guessRoundId, webhookId, webhookDeliveryId: webhookDelivery!.id };
}

export type RouteFixture = Awaited<ReturnType<typeof buildRouteFixture>>;

/** One database with the route fixture and an app on it (its clock at the fixture's now), built once for the enclosing describe block. */
export function sharedRouteFixture(assign: (world: { db: Db; app: Express; fixture: RouteFixture }) => void): void {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await createTestDb();
    const fixture = await buildRouteFixture(db);
    assign({ db, fixture, app: createTestApp(db, { clock: () => fixture.now }) });
  });
  afterAll(() => db?.destroy());
}

/**
 * The shipped annual questionnaire, imported and published, with the ids its editor routes name:
 * removals take the last section and another question than the one edited, so the routes that
 * edit still find theirs after a removal has run.
 */
async function importShippedQuestionnaire(db: Db, adminId: number, now: Date) {
  const admin = { id: adminId, email: 'admin@example.com', name: 'Admin', role: 'admin' as const, teamIds: [] };
  const file = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, 'annual-pds.json'), 'utf8')) as unknown;
  await importQuestionnaireDefinition(db, systemActor('test'), file, now);
  const [summary] = await listQuestionnaireSummaries(db, admin);
  const editor = await getQuestionnaireEditor(db, admin, summary!.id);
  const sections = editor.version.definition.sections;
  const first = sections[0]!;
  return {
    id: summary!.id,
    sectionId: first.id,
    questionId: first.questions[0]!.id,
    removedSectionId: sections[sections.length - 1]!.id,
    removedQuestionId: first.questions[1]!.id,
    number: editor.version.number,
  };
}

/** The path with its parameters filled from the fixture; throws for a parameter nobody filled yet. */
export function concretePath(path: string, f: RouteFixture): string {
  const idFor: [RegExp, number | string][] = [
    [/^\/admin\/teams\/:id/, f.team1.id],
    [/^\/admin\/users\/:id/, f.target.id],
    [/^\/admin\/outbox\/:id/, f.outboxId],
    [/^\/admin\/api-keys\/:id/, f.spareKeyId],
    [/^\/admin\/webhooks\/:id/, f.webhookId],
    [/^(\/api\/v1)?\/campaigns\/:id/, f.campaign.id],
    [/^(\/api\/v1)?\/categories\/:id/, f.category.id],
    [/^\/catalogue\/:id/, f.category.id],
    [/^\/customers\/:id/, f.account1.id],
    [/^(\/api\/v1)?\/tickets\/(approvals\/)?:id/, f.ticket.id],
    [/^\/api\/v1\/mentions\/:id/, f.mentionId],
    [/^\/questionnaires\/:id/, f.questionnaire.id],
    [/^\/guesses\/:id/, f.guessRoundId],
    [/^\/alerts\/:id/, f.alertId],
  ];
  const values: Record<string, string> = {
    customerId: String(f.account1.id),
    campaignId: String(f.campaign.id),
    contactId: String(f.contact1.id),
    slug: 'annual-pds',
    sectionId: f.questionnaire.sectionId,
    questionId: f.questionnaire.questionId,
    number: String(f.questionnaire.number),
    deliveryId: String(f.webhookDeliveryId),
    // The fixture has no logo: the logo's address answers 404 to everyone.
    version: '0123456789abcdef',
  };
  const id = idFor.find(([pattern]) => pattern.test(path))?.[1];
  if (id !== undefined) values.id = String(id);
  if (/^\/(s|u)\/:token/.test(path)) values.token = f.invitation.token;
  if (/^\/f\/:token/.test(path)) values.token = 'no-such-followup-token-0000000000';
  if (/^\/invitations\/:token/.test(path)) values.token = 'no-such-invitation-token-000000000';
  if (/^\/preview\/:token/.test(path)) values.token = sampleToken(testConfig().sessionSecret ?? 'test', f.campaign.id, new Date('2099-01-01T00:00:00Z'));
  if (/\/sections\/:sectionId\/remove$/.test(path)) values.sectionId = f.questionnaire.removedSectionId;
  if (/\/questions\/:questionId\/remove$/.test(path)) values.questionId = f.questionnaire.removedQuestionId;
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}: add it to concretePath`);
    return value;
  });
}
