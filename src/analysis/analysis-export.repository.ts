import type { Db } from '../db/database';
import type { AnalysisFilter } from './analysis';
import { responseIdsMatching } from './analysis.repository';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE } from '../shared/languages';

// The rows behind responses.csv and mentions.csv: the filtered submitted responses of a campaign.

export interface ExportedResponse {
  id: number;
  language: string;
  submittedAt: string | null;
  customer: string;
  customerRef: string | null;
  segment: string | null;
  region: string | null;
  contactEmail: string;
}

export async function listResponsesForExport(db: Db, campaignId: number, filter: AnalysisFilter): Promise<ExportedResponse[]> {
  return db
    .selectFrom('response')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .where('response.id', 'in', responseIdsMatching(db, campaignId, filter))
    .select([
      'response.id',
      'response.language',
      'response.submitted_at as submittedAt',
      'customer.name as customer',
      'customer.ref as customerRef',
      'customer.segment',
      'customer.region',
      'contact.email as contactEmail',
    ])
    .orderBy('response.id')
    .execute();
}

export interface ExportedAnswer {
  responseId: number;
  questionId: string;
  value: number | null;
  choice: string | null;
  text: string | null;
}

export async function listAnswersForExport(db: Db, campaignId: number, filter: AnalysisFilter): Promise<ExportedAnswer[]> {
  return db
    .selectFrom('answer_value')
    .select(['response_id as responseId', 'question_id as questionId', 'value', 'choice', 'text'])
    .where('response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .orderBy('id')
    .execute();
}

export interface ExportedRankedMention {
  responseId: number;
  questionId: string;
  rank: number;
  text: string;
  category: string | null;
}

/** The problem-list mentions of the responses, best rank first, with their category's English name. */
export async function listRankedMentionsForExport(db: Db, campaignId: number, filter: AnalysisFilter): Promise<ExportedRankedMention[]> {
  return db
    .selectFrom('problem_mention as pm')
    .select(['pm.response_id as responseId', 'pm.question_id as questionId', 'pm.rank', 'pm.text', categoryNameSql('pm.category_id', DEFAULT_LANGUAGE).as('category')])
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .orderBy('pm.rank')
    .orderBy('pm.id')
    .execute();
}

export interface ExportedProblemRating {
  responseId: number;
  questionId: string;
  categoryId: number;
  frequency: number | null;
  bother: number | null;
}

export async function listProblemRatingsForExport(db: Db, campaignId: number, filter: AnalysisFilter): Promise<ExportedProblemRating[]> {
  return db
    .selectFrom('problem_rating_answer')
    .select(['response_id as responseId', 'question_id as questionId', 'category_id as categoryId', 'frequency', 'bother'])
    .where('response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .execute();
}

export interface ExportedMention {
  id: number;
  responseId: number;
  customer: string;
  contactEmail: string;
  questionId: string;
  rank: number;
  language: string;
  text: string;
  categoryId: number | null;
  category: string | null;
  codedBy: number | null;
  codedAt: string | null;
}

/** Every problem mention of the campaign's filtered responses, by response and rank. */
export async function listMentionsForExport(db: Db, campaignId: number, filter: AnalysisFilter): Promise<ExportedMention[]> {
  return db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .innerJoin('customer', 'customer.id', 'response.customer_id')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .where('pm.campaign_id', '=', campaignId)
    .where('pm.response_id', 'in', responseIdsMatching(db, campaignId, filter))
    .select([
      'pm.id',
      'pm.response_id as responseId',
      'customer.name as customer',
      'contact.email as contactEmail',
      'pm.question_id as questionId',
      'pm.rank',
      'pm.language',
      'pm.text',
      'pm.category_id as categoryId',
      categoryNameSql('pm.category_id', DEFAULT_LANGUAGE).as('category'),
      'pm.coded_by as codedBy',
      'pm.coded_at as codedAt',
    ])
    .orderBy('pm.response_id')
    .orderBy('pm.rank')
    .execute();
}
