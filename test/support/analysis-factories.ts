// Factories for the analysis tests: rows the campaigns and respondent features write, inserted directly.
import type { Db } from '../../src/db/database';
import { DEFAULT_MAIL, DEFAULT_NOT_EVALUATED_DAYS } from '../../src/campaigns/campaign';
import { newApiKey } from '../../src/api/api-key';
import { insertCategory } from '../../src/catalogue/catalogue.repository';
import { refreshRankingTotals } from '../../src/db/ranking-totals.repository';
import { splitKeywords } from '../../src/catalogue/catalogue.schemas';
import { hashToken, newToken, storedTokenHash } from '../../src/shared/tokens';
import { parseSurveyDefinition, type SurveyDefinitionInput } from '../../src/surveys/survey-definition';

let sequence = 0;
const next = () => ++sequence;
const NOW = '2026-03-01T10:00:00.000Z';

/** A text in en, sv and da (the same in each unless given). */
const inAllLanguages = (en: string, sv = en, da = en) => ({ en, sv, da });
const LABELS = { low: inAllLanguages('Low'), high: inAllLanguages('High') };

export async function createCategory(
  db: Db,
  o: { en?: string; sv?: string; da?: string; keywords?: string; teamId?: number | null; description?: string } = {},
) {
  const n = next();
  const en = o.en ?? `Category ${n}`;
  const values = {
    names: { en, sv: o.sv ?? en, da: o.da ?? en },
    description: o.description ?? null,
    keywords: splitKeywords(o.keywords),
    teamId: o.teamId ?? null,
  };
  return { id: await insertCategory(db, values, new Date(NOW)), name: en };
}

export async function createCustomer(
  db: Db,
  o: { name?: string; segment?: string | null; region?: string | null; kamUserId?: number | null; relationship?: string | null } = {},
) {
  const n = next();
  const name = o.name ?? `Customer ${n}`;
  const row = await db
    .insertInto('customer')
    .values({
      name,
      ref: `C${n}`,
      segment: o.segment ?? null,
      region: o.region ?? null,
      kam_user_id: o.kamUserId ?? null,
      relationship: o.relationship ?? null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

export async function createContact(db: Db, customerId: number, o: { email?: string; name?: string; language?: string } = {}) {
  const n = next();
  const email = o.email ?? `contact${n}@example.com`;
  const row = await db
    .insertInto('contact')
    .values({ customer_id: customerId, email, name: o.name ?? `Contact ${n}`, language: o.language ?? 'en', created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name: o.name ?? `Contact ${n}` };
}

export interface CampaignShape {
  /** maxItems K of the `problems` question; omit for no problem list. */
  maxItems?: number | null;
  /** Adds a `problem_rating` question over these categories. */
  rating?: { scale: 'yes_no' | '1-5'; categories: number[] };
  /** Rating questions: id → touchpoint. */
  ratings?: Record<string, string | undefined>;
  nps?: boolean;
  text?: boolean;
  /** Question texts by question id, instead of the generated ones ("Rate q1"): one text for all languages, or one per language. */
  texts?: Record<string, string | { en: string; sv: string; da: string }>;
}

/**
 * The categories of the analysis chart tests, named in three languages, and the start of their
 * campaign shape: up to 3 problems, NPS, and a yes/no rating of both categories.
 */
export async function createLateAndInvoiceCategories(db: Db) {
  const late = await createCategory(db, { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Forsinkede leverancer' });
  const invoice = await createCategory(db, { en: 'Invoice errors', sv: 'Fel på fakturor', da: 'Fejl i fakturaer' });
  const shape = { maxItems: 3, nps: true, rating: { scale: 'yes_no' as const, categories: [late.id, invoice.id] } } satisfies CampaignShape;
  return { late, invoice, shape };
}

/** A survey definition as a launched campaign snapshots it. */
export function definitionFor(shape: CampaignShape): SurveyDefinitionInput {
  const questions: unknown[] = [];
  const textOf = (id: string, generated: string) => {
    const text = shape.texts?.[id] ?? generated;
    return typeof text === 'string' ? inAllLanguages(text) : text;
  };
  for (const [id, touchpoint] of Object.entries(shape.ratings ?? {})) {
    questions.push({ id, type: 'rating', text: textOf(id, `Rate ${id}`), labels: LABELS, ...(touchpoint ? { touchpoint } : {}) });
  }
  if (shape.nps) questions.push({ id: 'nps', type: 'nps', text: textOf('nps', 'Recommend us?') });
  if (shape.maxItems !== null) {
    questions.push({ id: 'problems', type: 'problem_list', maxItems: shape.maxItems ?? 5, text: textOf('problems', 'Your problems') });
  }
  if (shape.rating) {
    questions.push({ id: 'problem_rating', type: 'problem_rating', scale: shape.rating.scale, categories: shape.rating.categories, text: textOf('problem_rating', 'Rate these') });
  }
  if (shape.text) questions.push({ id: 'comments', type: 'text', text: textOf('comments', 'Anything else?') });
  return { slug: 'annual-pds', version: 1, title: inAllLanguages('Annual'), sections: [{ id: 'main', title: inAllLanguages('Main'), questions }] } as SurveyDefinitionInput;
}

export async function createCampaign(
  db: Db,
  o: {
    name?: string;
    template?: string;
    status?: string;
    launchedAt?: string;
    shape?: CampaignShape;
    /** The categories the snapshot's problem list offers to pick (none unless given). */
    catalogue?: { id: number; name: string }[];
  } = {},
) {
  const n = next();
  const parsed = parseSurveyDefinition(definitionFor(o.shape ?? {}));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const launchedAt = o.launchedAt ?? NOW;
  const row = await db
    .insertInto('campaign')
    .values({
      name: o.name ?? `Campaign ${n}`,
      template: o.template ?? 'annual-pds',
      status: o.status ?? 'closed',
      closes_at: '2026-12-31T00:00:00.000Z',
      // The audience and invitation texts every campaign the app creates has (the API answers them).
      audience: JSON.stringify({ notEvaluatedDays: DEFAULT_NOT_EVALUATED_DAYS }),
      mail: JSON.stringify(DEFAULT_MAIL),
      definition: JSON.stringify({ definition: parsed.data, catalogue: (o.catalogue ?? []).map((c) => ({ id: c.id, name: inAllLanguages(c.name) })), takenAt: launchedAt }),
      launched_at: launchedAt,
      created_at: launchedAt,
      updated_at: launchedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export interface Listed {
  /** null for an uncoded own-words mention. */
  categoryId: number | null;
  rank: number;
  text?: string;
  language?: string;
}

export interface Answers {
  /** The problem list: pass [] for a respondent who answered with no problems; omit for not answered. */
  problems?: Listed[];
  /** problem_rating: category id → [frequency, bother] raw answers. */
  rated?: Record<number, [number | null, number | null]>;
  ratingScale?: 'yes_no' | '1-5';
  values?: Record<string, number | null>;
  texts?: Record<string, string>;
  status?: 'submitted' | 'partial';
}

/** A new contact's personal link to the campaign, without a response: answer it through the survey service. */
export async function createLink(db: Db, campaignId: number, customerId: number): Promise<{ token: string; invitationId: number }> {
  const contact = await createContact(db, customerId);
  const token = newToken();
  const invitation = await db
    .insertInto('invitation')
    .values({ campaign_id: campaignId, contact_id: contact.id, token_hash: storedTokenHash(hashToken(token)), created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, invitationId: invitation.id };
}

/** One contact's invitation and response with the answer rows the respondent pages write on submit. */
export async function createResponse(db: Db, campaignId: number, customerId: number, answers: Answers = {}, contactId?: number) {
  const contact = contactId ?? (await createContact(db, customerId)).id;
  const invitation = await db
    .insertInto('invitation')
    .values({ campaign_id: campaignId, contact_id: contact, token_hash: `hash-${next()}`, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  const status = answers.status ?? 'submitted';
  const response = await db
    .insertInto('response')
    .values({
      invitation_id: invitation.id,
      campaign_id: campaignId,
      customer_id: customerId,
      contact_id: contact,
      language: 'en',
      status,
      started_at: NOW,
      updated_at: NOW,
      submitted_at: status === 'submitted' ? NOW : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const responseId = response.id;
  for (const [questionId, value] of Object.entries(answers.values ?? {})) {
    await db.insertInto('answer_value').values({ response_id: responseId, campaign_id: campaignId, question_id: questionId, value }).execute();
  }
  for (const [questionId, text] of Object.entries(answers.texts ?? {})) {
    await db.insertInto('answer_value').values({ response_id: responseId, campaign_id: campaignId, question_id: questionId, text }).execute();
  }
  const mentionIds: number[] = [];
  if (answers.problems) {
    await db
      .insertInto('answer_value')
      .values({ response_id: responseId, campaign_id: campaignId, question_id: 'problems', value: answers.problems.length })
      .execute();
    for (const p of answers.problems) {
      const m = await db
        .insertInto('problem_mention')
        .values({
          response_id: responseId,
          campaign_id: campaignId,
          question_id: 'problems',
          rank: p.rank,
          text: p.text ?? `problem ${next()}`,
          language: p.language ?? 'en',
          category_id: p.categoryId,
          created_at: NOW,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      mentionIds.push(m.id);
    }
  }
  const scale = answers.ratingScale ?? 'yes_no';
  const yes = (v: number | null) => (v === null ? null : scale === '1-5' ? (v >= 4 ? 1 : 0) : v ? 1 : 0);
  for (const [categoryId, [frequency, bother]] of Object.entries(answers.rated ?? {})) {
    await db
      .insertInto('problem_rating_answer')
      .values({
        response_id: responseId,
        campaign_id: campaignId,
        question_id: 'problem_rating',
        category_id: Number(categoryId),
        frequency,
        bother,
        is_frequent: yes(frequency),
        is_bothersome: yes(bother),
      })
      .execute();
  }
  // As the submission does, in its transaction (src/db/ranking-totals.repository.ts).
  await refreshRankingTotals(db, campaignId, [customerId]);
  return { id: responseId, contactId: contact, mentionIds };
}

/** An API key acting as the user; returns the Authorization header value. */
export async function createApiKey(db: Db, userId: number): Promise<string> {
  const { key, prefix, hash } = newApiKey();
  await db.insertInto('api_key').values({ name: `key ${next()}`, prefix, key_hash: hash, user_id: userId, created_at: NOW }).execute();
  return `Bearer ${key}`;
}
