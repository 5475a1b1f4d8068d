import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { buildCampaignSnapshot } from './snapshot.service';
import type { CampaignSnapshot } from './snapshot';
import type { SurveyDefinition } from './survey-definition';

export interface TemplateSummary {
  slug: string;
  version: number;
  /** The English title. */
  title: string;
  /** The title in each language it is written in. */
  titles: Partial<Record<string, string>>;
  sections: number;
}

function requireSurveyManager(user: CurrentUser): void {
  if (!canManageSurveys(user)) throw new ForbiddenError('only quality managers may preview survey templates');
}

/**
 * The survey templates, for quality managers and admins.
 * @throws ForbiddenError
 */
export function listSurveyTemplates(user: CurrentUser, templates: ReadonlyMap<string, SurveyDefinition>): TemplateSummary[] {
  requireSurveyManager(user);
  return [...templates.values()].map((def) => ({ slug: def.slug, version: def.version, title: def.title.en ?? '', titles: { ...def.title }, sections: def.sections.length }));
}

/**
 * A template resolved exactly as a launch would resolve it, so the catalogue problems shown are
 * today's. Stores nothing.
 * @throws ForbiddenError, NotFoundError (no such template)
 */
export async function previewSurveyTemplate(
  db: Db,
  user: CurrentUser,
  templates: ReadonlyMap<string, SurveyDefinition>,
  slug: string,
  now: Date,
): Promise<{ definition: SurveyDefinition; snapshot: CampaignSnapshot }> {
  requireSurveyManager(user);
  const definition = templates.get(slug);
  if (!definition) throw new NotFoundError(`survey template ${slug}`);
  return { definition, snapshot: await buildCampaignSnapshot(db, definition, now) };
}
