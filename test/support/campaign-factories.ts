// Customers, contacts and responses inserted directly (the import feature is built elsewhere).
import type { Db } from '../../src/db/database';
import { testConfig } from '../../src/config';
import { SURVEYS_DIR } from '../../src/paths';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { campaignContext } from '../../src/campaigns/campaign-context';
import { createCampaign } from '../../src/campaigns/campaign.service';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import type { CampaignInput } from '../../src/campaigns/campaign.schemas';
import { systemActor, type CurrentUser } from '../../src/auth/user';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const BASE_URL = 'http://localhost:3000';
export const templates = loadSurveyTemplates(SURVEYS_DIR);
export const ctx = campaignContext(testConfig({ baseUrl: BASE_URL }), TEST_SECRET, templates);
/** Tests launch and tick as the system does, without a signed-in manager. */
export const testSystem = systemActor('test');

let n = 0;

export async function createCustomer(db: Db, o: { name?: string; segment?: string | null; region?: string | null; language?: string; kamUserId?: number | null } = {}) {
  const i = ++n;
  const now = new Date().toISOString();
  const row = await db
    .insertInto('customer')
    .values({ name: o.name ?? `Customer ${i}`, ref: `C${i}`, segment: o.segment ?? null, region: o.region ?? null, kam_user_id: o.kamUserId ?? null, language: o.language ?? 'en', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createContact(db: Db, customerId: number, o: { email?: string; name?: string | null; language?: string | null; optedOut?: boolean } = {}) {
  const i = ++n;
  const now = new Date().toISOString();
  const email = o.email ?? `contact${i}@example.com`;
  const row = await db
    .insertInto('contact')
    .values({ customer_id: customerId, email, name: o.name === undefined ? `Contact ${i}` : o.name, language: o.language ?? null, opted_out_at: o.optedOut ? now : null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}

export async function submitResponse(db: Db, invitationId: number, at: Date) {
  const inv = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .select(['invitation.campaign_id', 'invitation.contact_id', 'contact.customer_id'])
    .where('invitation.id', '=', invitationId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('response')
    .values({ invitation_id: invitationId, campaign_id: inv.campaign_id, customer_id: inv.customer_id, contact_id: inv.contact_id, language: 'en', status: 'submitted', started_at: at.toISOString(), updated_at: at.toISOString(), submitted_at: at.toISOString() })
    .execute();
}

export const managerUser: CurrentUser = { id: 0, email: 'qm@example.com', name: 'Quality Manager', role: 'manager', teamIds: [] };

export function campaignInput(o: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Annual 2026',
    template: 'annual-pds',
    audience: { notEvaluatedDays: 365 },
    startsAt: null,
    closesAt: null,
    reminderAfterDays: 7,
    reminderMax: 2,
    mail: DEFAULT_MAIL,
    ...o,
  };
}

export async function createDraftCampaign(db: Db, now: Date, o: Partial<CampaignInput> = {}) {
  return createCampaign(db, { ...managerUser, id: await managerId(db) }, campaignInput(o), ctx, now);
}

async function managerId(db: Db): Promise<number> {
  const existing = await db.selectFrom('user').select('id').where('email', '=', 'qm-factory@example.com').executeTakeFirst();
  if (existing) return existing.id;
  const now = new Date().toISOString();
  const row = await db
    .insertInto('user')
    .values({ email: 'qm-factory@example.com', name: 'QM', role: 'manager', password_hash: 'x', is_active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
