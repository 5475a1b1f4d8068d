// Inserts the rows a respondent link needs (customer, contact, launched campaign, invitation)
// directly, so the survey pages can be tested without the campaigns feature.
import type { Db } from '../../src/db/database';
import { DEFAULT_MAIL, DEFAULT_NOT_EVALUATED_DAYS } from '../../src/campaigns/campaign';
import { newToken, hashToken, storedTokenHash } from '../../src/shared/tokens';
import { addDays } from '../../src/shared/time';
import { buildCampaignSnapshot } from '../../src/surveys/snapshot.service';
import type { CampaignSnapshot } from '../../src/surveys/snapshot';
import { allQuestions, type SurveyDefinition } from '../../src/surveys/survey-definition';
import { fieldName } from '../../src/surveys/answer';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';

export const surveyTemplates = loadSurveyTemplates(SURVEYS_DIR);

let sequence = 0;

const CATEGORY_NAMES: [string, string, string][] = [
  ['Late deliveries', 'Sena leveranser', 'Forsinkede leveringer'],
  ['Wrong invoices', 'Felaktiga fakturor', 'Forkerte fakturaer'],
  ['Slow answers from support', 'Långsamma svar från supporten', 'Langsomme svar fra support'],
];

/** Adds catalogue categories (active unless told otherwise) and returns their ids. */
export async function createCategories(db: Db, names: [string, string, string][] = CATEGORY_NAMES, isActive = true): Promise<number[]> {
  const ids: number[] = [];
  const now = new Date().toISOString();
  for (const [en, sv, da] of names) {
    const row = await db
      .insertInto('problem_category')
      .values({ is_active: isActive ? 1 : 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('problem_category_name').values([
      { category_id: row.id, language: 'en', name: en },
      { category_id: row.id, language: 'sv', name: sv },
      { category_id: row.id, language: 'da', name: da },
    ]).execute();
    ids.push(row.id);
  }
  return ids;
}

/** The ids of the categories with this name in a language (English unless told). */
export async function categoryIdsNamed(db: Db, name: string, language = 'en'): Promise<number[]> {
  const rows = await db.selectFrom('problem_category_name').select('category_id').where('language', '=', language).where('name', '=', name).orderBy('category_id').execute();
  return rows.map((r) => r.category_id);
}

/** A category's stored names, by language. */
export async function categoryNamesOf(db: Db, id: number): Promise<Record<string, string>> {
  const rows = await db.selectFrom('problem_category_name').select(['language', 'name']).where('category_id', '=', id).execute();
  return Object.fromEntries(rows.map((r) => [r.language, r.name]));
}

export interface InvitationFixture {
  token: string;
  invitationId: number;
  campaignId: number;
  contactId: number;
  customerId: number;
  snapshot: CampaignSnapshot;
}

/** A running campaign (snapshot of `template` with today's catalogue) and one invited contact. */
export async function createInvitation(
  db: Db,
  options: {
    template?: string;
    /** Changes the template's definition before the campaign is launched with it. */
    change?: (definition: SurveyDefinition) => SurveyDefinition;
    campaignStatus?: string;
    closesAt?: Date;
    contactLanguage?: string | null;
    customerLanguage?: string;
    isRevoked?: boolean;
    now?: Date;
    /** A further link to this campaign (a new customer and contact) instead of a new campaign; the fixture's snapshot is then the template's, not read back. */
    campaignId?: number;
  } = {},
): Promise<InvitationFixture> {
  const n = ++sequence;
  const now = options.now ?? new Date();
  const stamp = now.toISOString();
  const template = surveyTemplates.get(options.template ?? 'annual-pds');
  if (!template) throw new Error(`no template ${options.template}`);
  const definition = options.change ? options.change(structuredClone(template)) : template;
  const snapshot = await buildCampaignSnapshot(db, definition, now);
  const customer = await db
    .insertInto('customer')
    .values({ name: `Customer ${n}`, language: options.customerLanguage ?? 'en', created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('contact')
    .values({
      customer_id: customer.id,
      email: `contact${n}-${Date.now()}@example.com`,
      name: `Contact ${n}`,
      language: options.contactLanguage === undefined ? null : options.contactLanguage,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign =
    options.campaignId !== undefined
      ? { id: options.campaignId }
      : await db
        .insertInto('campaign')
        .values({
          name: `Annual ${n}`,
          template: definition.slug,
          status: options.campaignStatus ?? 'running',
          closes_at: (options.closesAt ?? addDays(now, 30)).toISOString(),
          // The audience and invitation texts every campaign the app creates has (the API answers them).
          audience: JSON.stringify({ notEvaluatedDays: DEFAULT_NOT_EVALUATED_DAYS }),
          mail: JSON.stringify(DEFAULT_MAIL),
          definition: JSON.stringify(snapshot),
          launched_at: stamp,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
  const token = newToken();
  const invitation = await db
    .insertInto('invitation')
    .values({
      campaign_id: campaign.id,
      contact_id: contact.id,
      token_hash: storedTokenHash(hashToken(token)),
      is_revoked: options.isRevoked ? 1 : 0,
      created_at: stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, invitationId: invitation.id, campaignId: campaign.id, contactId: contact.id, customerId: customer.id, snapshot };
}

/**
 * A complete, valid form body for a snapshot: every rating 4, NPS 9, the given problems in
 * own words ranked in order, every rated problem 4/2, a comment. `overrides` replace fields.
 */
export function validForm(
  snapshot: CampaignSnapshot,
  options: { problems?: string[]; overrides?: Record<string, string | string[] | undefined> } = {},
): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const q of allQuestions(snapshot.definition)) {
    if (q.type === 'rating') form[fieldName(q.id)] = '4';
    if (q.type === 'nps') form[fieldName(q.id)] = '9';
    if (q.type === 'text') form[fieldName(q.id)] = 'Keep up the good work.';
    if (q.type === 'choice') form[fieldName(q.id)] = q.options[0]!.id;
    if (q.type === 'problem_list') {
      (options.problems ?? ['Deliveries arrive late', 'Invoices are hard to read']).forEach((text, i) => {
        form[fieldName(q.id, i, 'text')] = text;
        form[fieldName(q.id, i, 'rank')] = String(i + 1);
      });
    }
    if (q.type === 'problem_rating' && Array.isArray(q.categories)) {
      for (const c of q.categories) {
        form[fieldName(q.id, c, 'frequency')] = '4';
        form[fieldName(q.id, c, 'bother')] = '2';
      }
    }
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) delete form[key];
    else form[key] = value;
  }
  return form;
}
