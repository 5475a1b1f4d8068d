import type { Config } from '../config';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { respondentLink, unsubscribeLink } from './invitation-token';

/** What campaign use cases need besides the database. */
export interface CampaignContext {
  templates: ReadonlyMap<string, SurveyDefinition>;
  /** The server secret invitation tokens are derived from. */
  secret: string;
  baseUrl: string;
  /** In production unsubscribe links are always https. */
  isProduction: boolean;
}

export function campaignContext(config: Pick<Config, 'baseUrl' | 'env'>, secret: string, templates: ReadonlyMap<string, SurveyDefinition>): CampaignContext {
  return { templates, secret, baseUrl: config.baseUrl, isProduction: config.env === 'production' };
}

/** The personal respondent and unsubscribe links of a token. */
export function invitationLinks(ctx: Pick<CampaignContext, 'baseUrl' | 'isProduction'>, token: string): { link: string; unsubscribe: string } {
  const unsubscribeBase = ctx.isProduction ? ctx.baseUrl.replace(/^http:/, 'https:') : ctx.baseUrl;
  return { link: respondentLink(ctx.baseUrl, token), unsubscribe: unsubscribeLink(unsubscribeBase, token) };
}
