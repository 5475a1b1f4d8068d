// Customers, contacts and campaigns through their repositories and services; a submitted
// response is inserted directly, as if the survey pages had stored it.
import type { Db } from '../../src/db/database';
import { findUserByEmail, insertUser } from '../../src/accounts/user.repository';
import { insertContact, insertCustomer } from '../../src/customers/customer.repository';
import { updateContactOptedOut } from '../../src/campaigns/invitation.repository';
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

export async function createCustomer(db: Db, o: { name?: string; segment?: string | null; region?: string | null; language?: string; kamUserId?: number | null; relationship?: string | null } = {}) {
  const i = ++n;
  return insertCustomer(
    db,
    { name: o.name ?? `Customer ${i}`, ref: `C${i}`, segment: o.segment ?? null, region: o.region ?? null, kamUserId: o.kamUserId ?? null, relationship: o.relationship ?? null, language: o.language ?? 'en' },
    new Date(),
  );
}

export async function createContact(db: Db, customerId: number, o: { email?: string; name?: string | null; language?: string | null; optedOut?: boolean } = {}) {
  const i = ++n;
  const now = new Date();
  const email = o.email ?? `contact${i}@example.com`;
  const id = await insertContact(db, { customerId, email, name: o.name === undefined ? `Contact ${i}` : o.name, language: o.language ?? null }, now);
  if (o.optedOut) await updateContactOptedOut(db, id, now);
  return { id, email };
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
  const existing = await findUserByEmail(db, 'qm-factory@example.com');
  return existing?.id ?? insertUser(db, { email: 'qm-factory@example.com', name: 'QM', role: 'manager', passwordHash: 'x' }, new Date());
}

/** The new-campaign form as a manager fills it in (the default mail in every language), with `extra` fields over it. */
export function campaignForm(name: string, extra: Record<string, string> = {}) {
  const body: Record<string, string> = { name, template: 'annual-pds', notEvaluatedDays: '365', reminderAfterDays: '7', reminderMax: '2', startMode: 'now', closesAt: '2099-01-31' };
  for (const l of ['en', 'sv', 'da'] as const) {
    body[`subject_${l}`] = DEFAULT_MAIL[l]!.subject;
    body[`body_${l}`] = DEFAULT_MAIL[l]!.body;
  }
  return { ...body, ...extra };
}
