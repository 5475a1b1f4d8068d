import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import type { Question } from '../surveys/survey-definition';
import { CSV_COLUMNS, toColumns, type AnalysisFilter, type RankOrder } from './analysis';
import { scopeFilter } from './analysis.policy';
import {
  listAnswersForExport,
  listMentionsForExport,
  listProblemRatingsForExport,
  listRankedMentionsForExport,
  listResponsesForExport,
  type ExportedAnswer,
  type ExportedProblemRating,
  type ExportedRankedMention,
  type ExportedResponse,
} from './analysis-export.repository';
import { loadCampaignForAnalysis, rankProblemsFor } from './analysis.service';
import { campaignQuestions } from './campaign-questions';
import { toCsv } from './csv';

/** problems.csv: exactly the CSV columns of product.md, unrounded. @throws ForbiddenError, NotFoundError */
export async function exportProblemsCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter, order?: RankOrder): Promise<string> {
  const problems = await rankProblemsFor(db, user, campaignId, filter, order);
  return toCsv(
    CSV_COLUMNS,
    problems.map((p) => CSV_COLUMNS.map((c) => toColumns(p)[c])),
  );
}

/**
 * responses.csv: one row per submitted response (of the accounts the user may see), one
 * column per question; problem lists as one column per rank, problem ratings per category.
 * @throws ForbiddenError, NotFoundError
 */
export async function exportResponsesCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter): Promise<string> {
  const campaign = await loadCampaignForAnalysis(db, user, campaignId);
  const scoped = scopeFilter(user, filter);
  const { all } = campaignQuestions(campaign.definition);
  const [responses, answers, mentions, ratings] = await Promise.all([
    listResponsesForExport(db, campaignId, scoped),
    listAnswersForExport(db, campaignId, scoped),
    listRankedMentionsForExport(db, campaignId, scoped),
    listProblemRatingsForExport(db, campaignId, scoped),
  ]);
  const table = new ResponseTable(responseColumns(all, ratings), responses);
  fillAnswers(table, all, answers);
  fillMentions(table, mentions);
  fillProblemRatings(table, ratings);
  return toCsv(table.header, table.rows());
}

const RESPONSE_COLUMNS = ['response_id', 'customer', 'customer_ref', 'segment', 'region', 'contact_email', 'language', 'submitted_at'];

/** The header of responses.csv: the response's own columns, then each question's. */
function responseColumns(questions: Question[], ratings: ExportedProblemRating[]): string[] {
  const header = [...RESPONSE_COLUMNS];
  for (const q of questions) {
    if (q.type === 'problem_list') {
      for (let r = 1; r <= (q.maxItems ?? 5); r++) header.push(`${q.id}_${r}`, `${q.id}_${r}_category`);
    } else if (q.type === 'problem_rating') {
      // A snapshot without a fixed list rated whatever the respondents were shown.
      const ids = Array.isArray(q.categories) ? q.categories : [...new Set(ratings.filter((x) => x.questionId === q.id).map((x) => x.categoryId))];
      for (const id of ids) header.push(`${q.id}_${id}_frequency`, `${q.id}_${id}_bother`);
    } else {
      header.push(q.id);
    }
  }
  return header;
}

/** The rows of responses.csv by response id; a cell given twice keeps both values, joined by ";". */
class ResponseTable {
  private readonly byResponse = new Map<number, unknown[]>();
  private readonly columnIndex: Map<string, number>;

  constructor(
    readonly header: string[],
    responses: ExportedResponse[],
  ) {
    this.columnIndex = new Map(header.map((name, i) => [name, i]));
    for (const r of responses) {
      const row: unknown[] = new Array(header.length).fill(null);
      row.splice(0, RESPONSE_COLUMNS.length, r.id, r.customer, r.customerRef, r.segment, r.region, r.contactEmail, r.language, r.submittedAt);
      this.byResponse.set(r.id, row);
    }
  }

  put(responseId: number, column: string, value: unknown): void {
    const row = this.byResponse.get(responseId);
    const at = this.columnIndex.get(column);
    if (!row || at === undefined) return;
    row[at] = row[at] === null || row[at] === undefined ? value : `${String(row[at])};${String(value)}`;
  }

  rows(): unknown[][] {
    return [...this.byResponse.values()];
  }
}

/** Every answer but the problem lists, whose texts come from the mentions. */
function fillAnswers(table: ResponseTable, questions: Question[], answers: ExportedAnswer[]): void {
  const listIds = new Set(questions.filter((q) => q.type === 'problem_list').map((q) => q.id));
  for (const a of answers) {
    if (!listIds.has(a.questionId)) table.put(a.responseId, a.questionId, a.choice ?? a.text ?? a.value);
  }
}

/** One mention per rank (the first), with its category's name. */
function fillMentions(table: ResponseTable, mentions: ExportedRankedMention[]): void {
  const seenRank = new Set<string>();
  for (const m of mentions) {
    const key = `${m.responseId}:${m.questionId}:${m.rank}`;
    if (seenRank.has(key)) continue;
    seenRank.add(key);
    table.put(m.responseId, `${m.questionId}_${m.rank}`, m.text);
    if (m.category) table.put(m.responseId, `${m.questionId}_${m.rank}_category`, m.category);
  }
}

function fillProblemRatings(table: ResponseTable, ratings: ExportedProblemRating[]): void {
  for (const x of ratings) {
    table.put(x.responseId, `${x.questionId}_${x.categoryId}_frequency`, x.frequency);
    table.put(x.responseId, `${x.questionId}_${x.categoryId}_bother`, x.bother);
  }
}

const MENTION_COLUMNS = ['mention_id', 'response_id', 'customer', 'contact_email', 'question_id', 'rank', 'language', 'text', 'category_id', 'category', 'coded_by', 'coded_at'];

/** mentions.csv: every problem mention of the accounts the user may see. @throws ForbiddenError, NotFoundError */
export async function exportMentionsCsv(db: Db, user: CurrentUser, campaignId: number, filter: AnalysisFilter): Promise<string> {
  await loadCampaignForAnalysis(db, user, campaignId);
  const mentions = await listMentionsForExport(db, campaignId, scopeFilter(user, filter));
  return toCsv(
    MENTION_COLUMNS,
    mentions.map((m) => [m.id, m.responseId, m.customer, m.contactEmail, m.questionId, m.rank, m.language, m.text, m.categoryId, m.category, m.codedBy, m.codedAt]),
  );
}
