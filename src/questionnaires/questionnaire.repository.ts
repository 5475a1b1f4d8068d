import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { QuestionnaireTable, QuestionnaireVersionTable } from '../db/schema-questionnaires';
import type { Language } from '../shared/languages';
import type { Questionnaire, QuestionnaireVersion, StoredDefinition, VersionStatus } from './questionnaire';

function toQuestionnaire(r: Selectable<QuestionnaireTable>): Questionnaire {
  return {
    id: r.id,
    slug: r.slug,
    title: { en: r.title_en, sv: r.title_sv, da: r.title_da },
    retiredIds: JSON.parse(r.retired_ids) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toVersion(r: Selectable<QuestionnaireVersionTable>): QuestionnaireVersion {
  return {
    id: r.id,
    questionnaireId: r.questionnaire_id,
    number: r.number,
    status: r.status as VersionStatus,
    definition: JSON.parse(r.definition) as StoredDefinition,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function countQuestionnaires(db: Db): Promise<number> {
  const row = await db.selectFrom('questionnaire').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listQuestionnaires(db: Db): Promise<Questionnaire[]> {
  const rows = await db.selectFrom('questionnaire').selectAll().orderBy('title_en').orderBy('id').execute();
  return rows.map(toQuestionnaire);
}

export async function listQuestionnaireSlugs(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('questionnaire').select('slug').execute();
  return rows.map((r) => r.slug);
}

export async function findQuestionnaireById(db: Db, id: number): Promise<Questionnaire | undefined> {
  const row = await db.selectFrom('questionnaire').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toQuestionnaire(row);
}

export async function findQuestionnaireBySlug(db: Db, slug: string): Promise<Questionnaire | undefined> {
  const row = await db.selectFrom('questionnaire').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toQuestionnaire(row);
}

export async function insertQuestionnaire(db: Db, q: { slug: string; title: Record<Language, string>; retiredIds?: string[]; createdBy: number | null }, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('questionnaire')
    .values({
      slug: q.slug,
      title_en: q.title.en ?? '',
      title_sv: q.title.sv ?? '',
      title_da: q.title.da ?? '',
      retired_ids: JSON.stringify(q.retiredIds ?? []),
      created_by: q.createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateQuestionnaireTitle(db: Db, id: number, title: Record<Language, string>, now: Date): Promise<void> {
  await db
    .updateTable('questionnaire')
    .set({ title_en: title.en, title_sv: title.sv, title_da: title.da, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function updateRetiredIds(db: Db, id: number, retiredIds: string[], now: Date): Promise<void> {
  await db.updateTable('questionnaire').set({ retired_ids: JSON.stringify(retiredIds), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function listVersions(db: Db, questionnaireId: number): Promise<QuestionnaireVersion[]> {
  const rows = await db.selectFrom('questionnaire_version').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('number', 'desc').execute();
  return rows.map(toVersion);
}

export async function findLatestVersion(db: Db, questionnaireId: number): Promise<QuestionnaireVersion | undefined> {
  const row = await db.selectFrom('questionnaire_version').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row && toVersion(row);
}

export async function findVersion(db: Db, questionnaireId: number, number: number): Promise<QuestionnaireVersion | undefined> {
  const row = await db.selectFrom('questionnaire_version').selectAll().where('questionnaire_id', '=', questionnaireId).where('number', '=', number).executeTakeFirst();
  return row && toVersion(row);
}

/** The newest published version of the questionnaire with this slug. */
export async function findLatestPublishedBySlug(db: Db, slug: string): Promise<QuestionnaireVersion | undefined> {
  const row = await db
    .selectFrom('questionnaire_version')
    .innerJoin('questionnaire', 'questionnaire.id', 'questionnaire_version.questionnaire_id')
    .selectAll('questionnaire_version')
    .where('questionnaire.slug', '=', slug)
    .where('questionnaire_version.status', '=', 'published')
    .orderBy('questionnaire_version.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** The newest published version of every questionnaire that has one. */
export async function listLatestPublished(db: Db): Promise<QuestionnaireVersion[]> {
  const rows = await db
    .selectFrom('questionnaire_version as v')
    .selectAll('v')
    .where('v.status', '=', 'published')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('questionnaire_version as newer')
            .select('newer.id')
            .whereRef('newer.questionnaire_id', '=', 'v.questionnaire_id')
            .where('newer.status', '=', 'published')
            .whereRef('newer.number', '>', 'v.number'),
        ),
      ),
    )
    .orderBy('v.questionnaire_id')
    .execute();
  return rows.map(toVersion);
}

export async function insertVersion(
  db: Db,
  v: { questionnaireId: number; number: number; status: VersionStatus; definition: StoredDefinition; publishedBy?: number | null },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('questionnaire_version')
    .values({
      questionnaire_id: v.questionnaireId,
      number: v.number,
      status: v.status,
      definition: JSON.stringify(v.definition),
      published_at: v.status === 'published' ? at : null,
      published_by: v.publishedBy ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves the definition of a draft; a published version is never changed (the where clause). */
export async function updateDraftDefinition(db: Db, versionId: number, definition: StoredDefinition, now: Date): Promise<void> {
  await db
    .updateTable('questionnaire_version')
    .set({ definition: JSON.stringify(definition), updated_at: now.toISOString() })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

export async function markVersionPublished(db: Db, versionId: number, publishedBy: number | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('questionnaire_version')
    .set({ status: 'published', published_at: at, published_by: publishedBy, updated_at: at })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

/**
 * The name of a campaign of this questionnaire that has stored answers to the question, if any:
 * those answers are why its type and scale may no longer change.
 */
export async function findCampaignWithAnswers(db: Db, slug: string, questionId: string): Promise<string | undefined> {
  for (const table of ['answer_value', 'problem_mention', 'problem_rating_answer'] as const) {
    const row = await db
      .selectFrom('campaign')
      .select('campaign.name')
      .where('campaign.template', '=', slug)
      .where((eb) => eb.exists(eb.selectFrom(table).select(`${table}.id`).whereRef(`${table}.campaign_id`, '=', 'campaign.id').where(`${table}.question_id`, '=', questionId)))
      .orderBy('campaign.id')
      .limit(1)
      .executeTakeFirst();
    if (row) return row.name;
  }
  return undefined;
}
