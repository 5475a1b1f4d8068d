import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_customers_campaigns_responses';
import * as m0003 from './0003_contacts_api';
import * as m0004 from './0004_campaigns_mail';
import * as m0005 from './0005_responses';
import * as m0006 from './0006_analysis';
import * as m0007 from './0007_tickets';
import * as m0008 from './0008_followup_checks';
import * as m0009 from './0009_secrets_and_throttles';
import * as m0010 from './0010_health_check';
import * as m0011 from './0011_outbox_shared_texts';
import * as m0012 from './0012_questionnaires';
import * as m0013 from './0013_job_lock';
import * as m0014 from './0014_progress_indexes';
import * as m0015 from './0015_launch_progress';
import * as m0016 from './0016_contact_source';
import * as m0017 from './0017_webhooks';
import * as m0018 from './0018_organisation';
import * as m0019 from './0019_user_invitations';
import * as m0020 from './0020_guess_rounds';
import * as m0022 from './0022_coding';
import * as m0023 from './0023_kam_reminders';
import * as m0025 from './0025_kam_alerts';
import * as m0029 from './0029_postgres_native_types';
import * as m0030 from './0030_user_language';
import * as m0031 from './0031_admin_list_indexes';
import * as m0032 from './0032_category_translations';
import * as m0033 from './0033_coding_version_at_commit';
import * as m0034 from './0034_ranking_detail_indexes';
import * as m0035 from './0035_compact_invitations';
import * as m0036 from './0036_category_name_version_at_commit';
import * as m0037 from './0037_ranking_totals';
import * as m0038 from './0038_guess_results_seen';

// Listed explicitly: no folder scanning, so tsc output, ts-jest and the CLI all see the same list.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_customers_campaigns_responses': m0002,
  '0003_contacts_api': m0003,
  '0004_campaigns_mail': m0004,
  '0005_responses': m0005,
  '0006_analysis': m0006,
  '0007_tickets': m0007,
  '0008_followup_checks': m0008,
  '0009_secrets_and_throttles': m0009,
  '0010_health_check': m0010,
  '0011_outbox_shared_texts': m0011,
  '0012_questionnaires': m0012,
  '0013_job_lock': m0013,
  '0014_progress_indexes': m0014,
  '0015_launch_progress': m0015,
  '0016_contact_source': m0016,
  '0017_webhooks': m0017,
  '0018_organisation': m0018,
  '0019_user_invitations': m0019,
  '0020_guess_rounds': m0020,
  '0022_coding': m0022,
  '0023_kam_reminders': m0023,
  '0025_kam_alerts': m0025,
  '0029_postgres_native_types': m0029,
  '0030_user_language': m0030,
  '0031_admin_list_indexes': m0031,
  '0032_category_translations': m0032,
  '0033_coding_version_at_commit': m0033,
  '0034_ranking_detail_indexes': m0034,
  '0035_compact_invitations': m0035,
  '0036_category_name_version_at_commit': m0036,
  '0037_ranking_totals': m0037,
  '0038_guess_results_seen': m0038,
};
