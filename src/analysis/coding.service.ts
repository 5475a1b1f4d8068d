import crypto from 'node:crypto';
import type { Db, Tx } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { findCategoryById, listCategories, resolveCategoryId } from '../catalogue/catalogue.repository';
import { categoryNameIn, type CategoryNames } from '../catalogue/catalogue';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import { groupIdenticalMentions, withIdenticalMentions } from './coding-groups';
import type { MentionCoder } from '../catalogue/catalogue.service';
import { codingRequestOf, type CodingFormChoice } from './analysis';
import { canCodeMentions, canViewAnalysis, scopeFilter } from './analysis.policy';
import { findAnalysisCampaign } from './analysis.repository';
import {
  hasLaterCoding,
  findPreviousCoding,
  findSuggesterVersion,
  insertCodingEvents,
  listCampaignMentions,
  listCodingBatch,
  listMentionsByIds,
  lockSubmittedMentionsByIds,
  listRecentCodingBatches,
  listRecentlyCodedMentions,
  restoreMentionCoding,
  updateCodingBatchUndone,
  updateMentionsCategory,
  type CampaignMention,
} from './coding.repository';
import { buildSuggester, type Lang, type Suggester } from './suggest';
import { LANGS } from './text-normalize';
import { emitWebhookEvents } from '../webhooks/webhook-queue.service';

/** How many coded mentions (newest first) the suggester learns from. */
const LEARN_LIMIT = 5000;
const SUGGESTIONS = 3;
/**
 * Suggestions scoring below this are not shown on the coding page. Measured on the held-out
 * sets of bench/coding-accuracy.ts (top-3 suggestions, learned from the training set): below
 * 0.05 only 12–17 % of suggestions are right (0.05–0.08: about 40 %); the cut hides 54–70 % of
 * the wrong suggestions, 16 of the 20 made for mentions that fit no category, and 6–24 % of the
 * right ones, which stay a choice in the row's category menu.
 */
export const MIN_SUGGESTION_SCORE = 0.05;
/** Rows (groups of identical mentions) shown on the coding page at once. */
export const CODING_PAGE_ROWS = 50;
const RECENT_BATCHES = 10;

/** A mention with the best-matching categories, best first. */
export interface MentionForCoding extends CampaignMention {
  suggestions: { categoryId: number; score: number; name: string }[];
}

const asLang = (l: string): Lang => ((LANGS as readonly string[]).includes(l) ? (l as Lang) : 'en');

function requireCoder(user: CurrentUser): void {
  if (!canCodeMentions(user)) throw new ForbiddenError('coding is done by quality managers');
}

export interface CatalogueSuggester {
  suggester: Suggester;
  /** English names, by category id. */
  names: Map<number, string>;
  /** Every name of each category, by id. */
  allNames: Map<number, CategoryNames>;
  /** The coding version it was built at. */
  version: number;
}

/** A suggester learned from the active catalogue and the most recent coded mentions. */
async function buildCatalogueSuggester(db: Db, version: number): Promise<CatalogueSuggester> {
  const categories = await listCategories(db, { activeOnly: true });
  const coded = await listRecentlyCodedMentions(db, LEARN_LIMIT);
  const suggester = buildSuggester({
    categories: categories.map((c) => ({ id: c.id, names: c.names, keywords: c.keywords, description: c.description })),
    coded: coded.map((m) => ({ text: m.text, language: asLang(m.language), categoryId: m.categoryId })),
  });
  return {
    suggester,
    names: new Map(categories.map((c) => [c.id, categoryNameIn(c.names, DEFAULT_LANGUAGE)])),
    allNames: new Map(categories.map((c) => [c.id, c.names])),
    version,
  };
}

const built = new WeakMap<Db, { version: number; suggester: Promise<CatalogueSuggester> }>();

/**
 * The suggester for the current catalogue and codings, built once per change and shared by
 * every request of this instance. The version is read before the data, so a change committed
 * in between is at worst learned early, never missed: another instance's write moves the
 * version this one reads next.
 */
export async function catalogueSuggester(db: Db): Promise<CatalogueSuggester> {
  const version = await findSuggesterVersion(db);
  const cached = built.get(db);
  if (cached && cached.version === version) return cached.suggester;
  const suggester = buildCatalogueSuggester(db, version);
  built.set(db, { version, suggester });
  suggester.catch(() => {
    if (built.get(db)?.suggester === suggester) built.delete(db);
  });
  return suggester;
}

/** The best-matching categories of a text, named in `lang`; with `minScore`, weaker ones are left out. */
function suggestionsFor(built: CatalogueSuggester, m: { text: string; language: string }, lang: Language, minScore = 0): MentionForCoding['suggestions'] {
  return built.suggester
    .suggest(m.text, asLang(m.language), SUGGESTIONS)
    .filter((s) => s.score >= minScore)
    .map((s) => ({ ...s, name: categoryNameIn(built.allNames.get(s.categoryId) ?? {}, lang) }));
}

/**
 * The mentions of a campaign, uncoded (default) or coded, each with the best-matching
 * categories (named in `lang`, English by default). A KAM sees only their own accounts'
 * mentions; members none.
 * @throws ForbiddenError, NotFoundError
 */
export async function listMentionsForCoding(
  db: Db,
  user: CurrentUser,
  campaignId: number,
  options: { coded?: boolean; limit?: number; lang?: Language } = {},
): Promise<MentionForCoding[]> {
  if (!canViewAnalysis(user)) throw new ForbiddenError('not allowed');
  if (!(await findAnalysisCampaign(db, campaignId))) throw new NotFoundError(`campaign ${campaignId}`);
  const mentions = await listCampaignMentions(db, campaignId, scopeFilter(user, {}), { coded: options.coded === true, limit: options.limit });
  const built = await catalogueSuggester(db);
  return mentions.map((m) => ({ ...m, suggestions: suggestionsFor(built, m, options.lang ?? DEFAULT_LANGUAGE) }));
}

/** A row of the coding page: identical uncoded mentions (see coding-groups.ts), coded together. */
export interface CodingRow extends MentionForCoding {
  /** How many mentions the row stands for (1 or more). */
  count: number;
  /** The accounts that wrote them, each once, in order. */
  customers: string[];
  /** The best (lowest) rank any of them was given. */
  bestRank: number;
}

/** Where a page of rows is, for views/partials/pager.ejs. */
export interface CodingPager {
  page: number;
  from: number;
  to: number;
  total: number;
  previousHref: string | null;
  nextHref: string | null;
}

/**
 * The coding page: one page of uncoded mentions, identical ones in one row, with the
 * suggestions worth showing (named in the reader's language), the active categories and the
 * latest coding batches. A page past the end shows the last one.
 * @throws ForbiddenError (not a quality manager), NotFoundError
 */
export async function getCodingPage(db: Db, user: CurrentUser, campaignId: number, options: { page?: number; lang?: Language } = {}) {
  requireCoder(user);
  const lang = options.lang ?? DEFAULT_LANGUAGE;
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const uncoded = await listCampaignMentions(db, campaignId, scopeFilter(user, {}), { coded: false });
  const groups = groupIdenticalMentions(uncoded);
  const pages = Math.max(1, Math.ceil(groups.length / CODING_PAGE_ROWS));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  const shown = groups.slice((page - 1) * CODING_PAGE_ROWS, page * CODING_PAGE_ROWS);
  const built = await catalogueSuggester(db);
  const rows: CodingRow[] = shown.map(({ first, members }) => ({
    ...first,
    count: members.length,
    customers: [...new Set(members.map((m) => m.customer))],
    bestRank: Math.min(...members.map((m) => m.rank)),
    suggestions: suggestionsFor(built, first, lang, MIN_SUGGESTION_SCORE),
  }));
  const href = (p: number) => `/campaigns/${campaignId}/coding${p === 1 ? '' : `?page=${p}`}`;
  const pager: CodingPager = {
    page,
    from: groups.length ? (page - 1) * CODING_PAGE_ROWS + 1 : 0,
    to: (page - 1) * CODING_PAGE_ROWS + shown.length,
    total: groups.length,
    previousHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pages ? href(page + 1) : null,
  };
  return {
    campaign,
    rows,
    uncodedCount: uncoded.length,
    pager,
    categories: await listCategories(db, { activeOnly: true }),
    recent: await listRecentCodingBatches(db, campaignId, RECENT_BATCHES, lang),
  };
}

export interface CodingResult {
  batchId: string;
  count: number;
  categoryId: number;
}

/**
 * Which mentions to code to which category; with `campaignId`, all must belong to that campaign;
 * with `uncodedOnly` (a page that showed them uncoded), none may have been coded meanwhile.
 */
export interface CodingRequest {
  mentionIds: number[];
  categoryId: number;
  campaignId?: number;
  uncodedOnly?: boolean;
}

/** codeMentions inside the caller's transaction. */
export async function codeMentionsIn(trx: Tx, user: CurrentUser, request: CodingRequest, now: Date): Promise<CodingResult> {
  const { mentionIds, categoryId, campaignId, uncodedOnly } = request;
  requireCoder(user);
  const ids = [...new Set(mentionIds)];
  if (!ids.length) throw new ValidationError('coding.errors.selectMention', { mentionIds: ['coding.errors.selectMention'] });
  const target = await resolveCategoryId(trx, categoryId);
  const category = target === undefined ? undefined : await findCategoryById(trx, target);
  if (!category) throw new ValidationError('coding.errors.unknownCategory', { categoryId: ['coding.errors.unknownCategory'] });
  if (!category.isActive) throw new ValidationError('coding.errors.retiredCategory', { categoryId: ['coding.errors.retiredCategory'] });
  const mentions = await lockSubmittedMentionsByIds(trx, ids);
  if (mentions.length !== ids.length || (campaignId !== undefined && mentions.some((m) => m.campaignId !== campaignId))) {
    throw new NotFoundError('mention');
  }
  // Someone else's coding since the page was shown is not overwritten.
  if (uncodedOnly && mentions.some((m) => m.categoryId !== null)) {
    throw new ValidationError('coding.errors.codedMeanwhile', { mentionIds: ['coding.errors.codedMeanwhile'] });
  }
  const batchId = crypto.randomUUID();
  const at = now.toISOString();
  await insertCodingEvents(
    trx,
    mentions.map((m) => ({
      batchId,
      mentionId: m.id,
      campaignId: m.campaignId,
      fromCategoryId: m.categoryId,
      toCategoryId: category.id,
      userId: user.id,
      at,
    })),
  );
  await updateMentionsCategory(trx, ids, { categoryId: category.id, codedBy: user.id, codedAt: at });
  await emitWebhookEvents(trx, 'mention.coded', mentions.map((m) => ({ mentionId: m.id, responseId: m.responseId, campaignId: m.campaignId, categoryId: category.id, previousCategoryId: m.categoryId, codedByUserId: user.id, codedAt: at })), now);
  return { batchId, count: ids.length, categoryId: category.id };
}

/**
 * Codes mentions to a category as one undoable batch and records who did it and when.
 * A merged category id codes to its survivor; a retired or unknown one is refused. With
 * `campaignId`, every mention must belong to that campaign.
 * @throws ForbiddenError, NotFoundError (a mention unknown or outside the campaign), ValidationError
 */
export async function codeMentions(db: Db, user: CurrentUser, request: CodingRequest, now: Date): Promise<CodingResult> {
  return db.transaction().execute((trx) => codeMentionsIn(trx, user, request, now));
}

/**
 * Codes what the coding form asks for (see codingRequestOf) in the campaign. A refusal is
 * reported on the form field of the button that was pressed.
 * @throws ForbiddenError, NotFoundError, ValidationError (keyed by form field)
 */
export async function codeFromCodingForm(db: Db, user: CurrentUser, campaignId: number, form: CodingFormChoice, now: Date): Promise<CodingResult> {
  requireCoder(user);
  const asked = codingRequestOf(form);
  if (!asked.ok) throw new ValidationError('incomplete coding form', asked.errors);
  const { mentionIds, categoryId, field } = asked.request;
  try {
    // A row of the page stands for every identical uncoded mention: they are coded together, as one batch.
    return await db.transaction().execute(async (trx) => {
      const uncoded = await listCampaignMentions(trx, campaignId, scopeFilter(user, {}), { coded: false });
      return codeMentionsIn(trx, user, { mentionIds: withIdenticalMentions(mentionIds, uncoded), categoryId, campaignId, uncodedOnly: true }, now);
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const messages = Object.values(error.fields).flat();
    throw new ValidationError(error.message, { [field]: messages.length ? messages : [error.message] });
  }
}

/** The catalogue's "new category from a mention": codes the mention in the transaction that adds the category. */
export const codeMentionToNewCategory: MentionCoder = async (trx, user, mentionId, categoryId, now) => {
  const [mention] = await listMentionsByIds(trx, [mentionId]);
  const uncoded = mention ? await listCampaignMentions(trx, mention.campaignId, scopeFilter(user, {}), { coded: false }) : [];
  return (await codeMentionsIn(trx, user, { mentionIds: withIdenticalMentions([mentionId], uncoded), categoryId, uncodedOnly: true }, now)).count;
};

export type UndoOutcome = { kind: 'undone'; restored: number; campaignId: number } | { kind: 'already-undone' };

/**
 * Undoes a coding batch: each mention goes back to its previous category unless it was
 * coded again since (a later change is never overwritten). Recorded as undone by the user.
 * A batch undone before is left as it is.
 * @throws ForbiddenError, NotFoundError (no such batch in the campaign)
 */
export async function undoCoding(db: Db, user: CurrentUser, batchId: string, now: Date, campaignId?: number): Promise<UndoOutcome> {
  requireCoder(user);
  return db.transaction().execute(async (trx): Promise<UndoOutcome> => {
    const events = await listCodingBatch(trx, batchId);
    const first = events[0];
    if (!first || (campaignId !== undefined && first.campaignId !== campaignId)) throw new NotFoundError(`coding ${batchId}`);
    if (events.some((e) => e.undoneAt !== null)) return { kind: 'already-undone' };
    let restored = 0;
    for (const e of events) {
      if (await hasLaterCoding(trx, e.mentionId, e.id)) continue;
      const previous = e.fromCategoryId === null ? undefined : await findPreviousCoding(trx, e.mentionId, e.id);
      await restoreMentionCoding(trx, e.mentionId, e.toCategoryId, {
        categoryId: e.fromCategoryId,
        codedBy: e.fromCategoryId === null ? null : (previous?.userId ?? null),
        codedAt: e.fromCategoryId === null ? null : (previous?.at ?? null),
      });
      restored++;
    }
    await updateCodingBatchUndone(trx, batchId, user.id, now.toISOString());
    return { kind: 'undone', restored, campaignId: first.campaignId };
  });
}
