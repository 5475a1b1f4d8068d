import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './shared/logger';
import type { Clock } from './shared/time';
import type { SurveyDefinition } from './surveys/survey-definition';

/** What createApp is built from. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** The secret that signs session cookies and personal-link form tokens. */
  sessionSecret: string;
  /** Survey templates from surveys/*.json, validated at start-up. */
  templates: ReadonlyMap<string, SurveyDefinition>;
}

/** Everything the routers need, with the clock resolved. */
export type RouteDeps = AppDeps & { clock: Clock };
