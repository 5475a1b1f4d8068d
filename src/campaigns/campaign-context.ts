import type { Config } from '../config';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { respondentLink, unsubscribeLink } from './invitation-token';

/** What campaign use cases need besides the database. */
export interface CampaignContext {
  templates: ReadonlyMap<string, SurveyDefinition>;
  /** The server secret invitation tokens are derived from. */
  secret: string;
  baseUrl: string;
  /** NODE_ENV=production. Links still use BASE_URL's own scheme (see the start-up warning about http). */
  isProduction: boolean;
}

export function campaignContext(config: Pick<Config, 'baseUrl' | 'env'>, secret: string, templates: ReadonlyMap<string, SurveyDefinition>): CampaignContext {
  return { templates, secret, baseUrl: config.baseUrl, isProduction: config.env === 'production' };
}

/**
 * The personal respondent and unsubscribe links of a token, both on BASE_URL as it is: a link
 * rewritten to https on an http-only deployment would lead nowhere.
 */
export function invitationLinks(ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>, token: string): { link: string; unsubscribe: string } {
  return { link: respondentLink(ctx.baseUrl, token), unsubscribe: unsubscribeLink(ctx.baseUrl, token) };
}
