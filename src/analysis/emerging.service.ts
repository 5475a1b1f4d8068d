import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { insertCategory } from '../catalogue/catalogue.repository';
import { canManageCatalogue } from '../catalogue/catalogue.policy';
import { checkCategoryNamesFree } from '../catalogue/catalogue.service';
import { categoryNameIn } from '../catalogue/catalogue';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import { canCodeMentions, scopeFilter } from './analysis.policy';
import { findAnalysisCampaign, findPreviousCampaign, type AnalysisCampaign } from './analysis.repository';
import { listCampaignMentionTexts, listCampaignMentions, lockSubmittedMentionsByIds } from './coding.repository';
import { catalogueSuggester, codeMentionsIn } from './coding.service';
import { findEmergingGroups, type EmergingGroup, type EmergingMention } from './emerging';
import type { Lang } from './suggest';
import { LANGS } from './text-normalize';

/** The uncoded mentions grouped at once (the oldest first), and the previous wave's mentions compared. */
const EMERGING_MENTIONS = 300;
const PREVIOUS_MENTIONS = 2000;
/** An existing category is named beside a group when most of its mentions already suggest it this strongly. */
const CLOSE_SCORE = 0.25;

const asLang = (l: string): Lang => ((LANGS as readonly string[]).includes(l) ? (l as Lang) : 'en');

export interface EmergingGroupView extends EmergingGroup {
  /** The group's first mention (smallest id): its key on the page and in the form. */
  key: number;
  mentions: (EmergingMention & { customer: string })[];
  /** An existing category most of the group's mentions already match, if any: code them there instead. */
  closest: { id: number; name: string } | null;
}

function requireCoder(user: CurrentUser): void {
  if (!canCodeMentions(user)) throw new ForbiddenError('coding is done by quality managers');
}

/**
 * The emerging-problems page: this campaign's uncoded mentions that say the same thing, in
 * groups, each against the previous wave of the same questionnaire; an existing category is named in `lang`.
 * @throws ForbiddenError (not a quality manager), NotFoundError
 */
export async function getEmergingPage(
  db: Db,
  user: CurrentUser,
  campaignId: number,
  lang: Language = DEFAULT_LANGUAGE,
): Promise<{ campaign: AnalysisCampaign; previous: AnalysisCampaign | undefined; groups: EmergingGroupView[]; uncoded: number }> {
  requireCoder(user);
  const campaign = await findAnalysisCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const scope = scopeFilter(user, {});
  const mentions = await listCampaignMentions(db, campaignId, scope, { coded: false, limit: EMERGING_MENTIONS });
  const previous = await findPreviousCampaign(db, campaign);
  const before = previous ? await listCampaignMentionTexts(db, previous.id, scope, PREVIOUS_MENTIONS) : null;
  // This wave's mentions, coded ones too, measured as the previous wave's are.
  const wave = previous ? await listCampaignMentionTexts(db, campaignId, scope, PREVIOUS_MENTIONS) : [];
  const asMention = (m: { id: number; text: string; language: string }) => ({ id: m.id, text: m.text, language: asLang(m.language) });
  const groups = findEmergingGroups(mentions.map(asMention), before && before.map(asMention), { wave: wave.map(asMention) });
  const { suggester, allNames } = await catalogueSuggester(db);
  const customers = new Map(mentions.map((m) => [m.id, m.customer]));
  const closestOf = (group: EmergingGroup) => {
    const votes = new Map<number, number>();
    for (const m of group.mentions) {
      const top = suggester.suggest(m.text, m.language, 1)[0];
      if (top && top.score >= CLOSE_SCORE) votes.set(top.categoryId, (votes.get(top.categoryId) ?? 0) + 1);
    }
    const [id, count] = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
    return count * 2 > group.mentions.length ? { id, name: categoryNameIn(allNames.get(id) ?? {}, lang) } : null;
  };
  return {
    campaign,
    previous,
    uncoded: mentions.length,
    groups: groups.map((g) => ({
      ...g,
      key: Math.min(...g.mentions.map((m) => m.id)),
      mentions: g.mentions.map((m) => ({ ...m, customer: customers.get(m.id) ?? '' })),
      closest: closestOf(g),
    })),
  };
}

export interface NewCategoryFromGroup {
  names: Record<Language, string>;
  keywords: string[];
  mentionIds: number[];
}

/**
 * Creates a category from an emerging group and codes the group's mentions to it, in one
 * transaction: all of it or nothing. Every mention must still be uncoded and in the campaign.
 * @throws ForbiddenError, NotFoundError (a mention unknown or outside the campaign), ValidationError
 */
export async function createCategoryFromGroup(
  db: Db,
  user: CurrentUser,
  campaignId: number,
  values: NewCategoryFromGroup,
  now: Date,
): Promise<{ categoryId: number; count: number }> {
  requireCoder(user);
  if (!canManageCatalogue(user)) throw new ForbiddenError('the catalogue is kept by quality managers');
  if (!(await findAnalysisCampaign(db, campaignId))) throw new NotFoundError(`campaign ${campaignId}`);
  return db.transaction().execute(async (trx) => {
    const ids = [...new Set(values.mentionIds)];
    const mentions = await lockSubmittedMentionsByIds(trx, ids);
    if (mentions.length !== ids.length || mentions.some((m) => m.campaignId !== campaignId)) throw new NotFoundError('mention');
    if (mentions.some((m) => m.categoryId !== null)) {
      throw new ValidationError('coded meanwhile', { mentionIds: ['analysis.emerging.errors.codedMeanwhile'] });
    }
    await checkCategoryNamesFree(trx, values.names);
    const categoryId = await insertCategory(trx, { names: values.names, description: null, keywords: values.keywords, teamId: null }, now);
    const coded = await codeMentionsIn(trx, user, { mentionIds: ids, categoryId, campaignId }, now);
    return { categoryId, count: coded.count };
  });
}
