import { Router } from 'express';
import { noResultsHold, type ResultsHold } from './analysis.routes';
import type { RouteDeps } from '../deps';
import { currentUser, requirePolicy } from '../auth/middleware';
import { canCodeMentions } from './analysis.policy';
import { parseBody, parseInput, parseParams } from '../shared/input';
import { toColumns } from './analysis';
import { jsonContent, jsonResponse, type ApiOperations } from '../api/openapi';
import {
  CampaignIdParams,
  FilterQuery,
  MentionCategoryBody,
  MentionCodedJson,
  MentionIdParams,
  MentionListJson,
  MentionsQuery,
  RankedProblemsJson,
  filterOf,
  type MentionJson,
} from './analysis.schemas';
import { rankProblemsFor } from './analysis.service';
import { codeMentions, listMentionsForCoding, type MentionForCoding } from './coding.service';

function mentionJson(m: MentionForCoding): MentionJson {
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
export function analysisApiRoutes({ db, clock, resultsHold = noResultsHold }: RouteDeps & { resultsHold?: ResultsHold }): Router {
  const router = Router();

  router.get('/campaigns/:id/problems', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const query = parseInput(FilterQuery, req.query);
    const problems = await rankProblemsFor(db, currentUser(res), id, filterOf(query), query.order);
    if (await resultsHold(req, res, id)) return;
    res.json({ problems: problems.map(toColumns) });
  });

  router.get('/campaigns/:id/mentions', async (req, res) => {
    const { id } = parseParams(CampaignIdParams, req.params);
    const { coded } = parseInput(MentionsQuery, req.query);
    const mentions = await listMentionsForCoding(db, currentUser(res), id, { coded });
    if (await resultsHold(req, res, id)) return;
    res.json({ mentions: mentions.map(mentionJson) } satisfies MentionListJson);
  });

  router.put('/mentions/:id/category', requirePolicy(canCodeMentions), async (req, res) => {
    const { id } = parseParams(MentionIdParams, req.params);
    const { categoryId } = parseBody(MentionCategoryBody, req.body);
    const result = await codeMentions(db, currentUser(res), { mentionIds: [id], categoryId }, clock());
    res.json({ mention: { id, categoryId: result.categoryId }, batchId: result.batchId } satisfies MentionCodedJson);
  });

  return router;
}

/** The OpenAPI description of the routes above; a route missing here fails test/http/openapi.test.ts. */
export const analysisApiOperations: ApiOperations = {
  'GET /campaigns/:id/problems': {
    operationId: 'listRankedProblems',
    tags: ['Analysis'],
    summary: "The campaign's ranked problems",
    description:
      'The problem categories customers reported, most important first, with the same figures as the problems CSV. ' +
      'Filters narrow the respondents by their account (repeat a key for several values); a KAM sees their own accounts only. ' +
      "409 while the key's user is invited to guess the campaign's top problems and has not seen its results in the app.",
    requestParams: { path: CampaignIdParams, query: FilterQuery },
    responses: { 200: jsonResponse('The ranked problems.', RankedProblemsJson) },
    errors: [400, 403, 404, 409],
  },
  'GET /campaigns/:id/mentions': {
    operationId: 'listMentions',
    tags: ['Analysis'],
    summary: "The campaign's problem mentions, for coding",
    description:
      'Each problem as the customer wrote it, with suggested categories. `coded=false` lists those still to code. ' +
      "409 while the key's user is invited to guess the campaign's top problems and has not seen its results in the app.",
    requestParams: { path: CampaignIdParams, query: MentionsQuery },
    responses: { 200: jsonResponse('The mentions.', MentionListJson) },
    errors: [400, 403, 404, 409],
  },
  'PUT /mentions/:id/category': {
    operationId: 'codeMention',
    tags: ['Analysis'],
    summary: 'Code a mention to a category',
    requestParams: { path: MentionIdParams },
    requestBody: { required: true, content: jsonContent(MentionCategoryBody, { categoryId: 7 }) },
    responses: { 200: jsonResponse('The mention as coded now.', MentionCodedJson) },
    errors: [403, 404, 422],
  },
};
