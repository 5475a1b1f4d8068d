import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canCodeMentions } from './analysis.policy';
import { parseBody, parseInput, parseParams } from '../shared/input';
import { toColumns } from './analysis';
import { CampaignIdParams, FilterQuery, MentionCategoryBody, MentionIdParams, MentionsQuery, filterOf } from './analysis.schemas';
import { rankProblemsFor } from './analysis.service';
import { codeMentions, listMentionsForCoding, type MentionForCoding } from './coding.service';

function mentionJson(m: MentionForCoding) {
  return {
    id: m.id,
    text: m.text,
    language: m.language,
    rank: m.rank,
    categoryId: m.categoryId,
    suggestions: m.suggestions.map((s) => ({ categoryId: s.categoryId, name: s.name, score: s.score })),
  };
}

/** /api/v1: the ranked problems of a campaign and coding its mentions. */
export function analysisApiRoutes({ db, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/campaigns/:id/problems', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const problems = await rankProblemsFor(db, currentUser(res), id, filterOf(query), query.order);
    res.json({ problems: problems.map(toColumns) });
  });

  router.get('/campaigns/:id/mentions', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { coded } = parseInput(MentionsQuery, req.query);
    const mentions = await listMentionsForCoding(db, currentUser(res), id, { coded });
    res.json({ mentions: mentions.map(mentionJson) });
  });

  router.put('/mentions/:id/category', requirePolicy(canCodeMentions), async (req, res) => {
    const { id } = parseParams(MentionIdParams, req.params);
    const { categoryId } = parseBody(MentionCategoryBody, req.body);
    const result = await codeMentions(db, currentUser(res), [id], categoryId, clock());
    res.json({ mention: { id, categoryId: result.categoryId }, batchId: result.batchId });
  });

  return router;
}
