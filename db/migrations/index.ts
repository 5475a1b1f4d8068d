import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_customers_campaigns_responses';

// Listed explicitly: no folder scanning, so tsc output, ts-jest and the CLI all see the same list.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_customers_campaigns_responses': m0002,
};
