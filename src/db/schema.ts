import type { ColumnType, Generated } from 'kysely';
import type { ContactsTables } from './schema-contacts';
import type { CampaignsTables } from './schema-campaigns';
import type { ResponsesTables } from './schema-responses';
import type { AnalysisTables } from './schema-analysis';
import type { TicketsTables } from './schema-tickets';
import type { QuestionnairesTables } from './schema-questionnaires';
import type { GuessesTables } from './schema-guesses';
import type { WebhooksTables } from './schema-webhooks';
import type { OrganisationTables } from './schema-organisation';
import type { KamTables } from './schema-kam';

/** Timestamps are ISO-8601 UTC strings; booleans are 0/1 (portable across SQLite and PostgreSQL). */
type Flag = ColumnType<number, number | undefined, number>;

export interface TeamTable {
  id: Generated<number>;
  name: string;
  email: string;
  is_active: Flag;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  is_active: Flag;
  created_at: string;
  updated_at: string;
  /** How KAM alerts are mailed: 'each' or 'daily' (db/migrations/0025_kam_alerts.ts). */
  alert_mail: ColumnType<string, string | undefined, string>;
  /** The language chosen for pages and staff mails; null: the organisation's (db/migrations/0030_user_language.ts). */
  language: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A one-time link to set a password (db/migrations/0019_user_invitations.ts); only the token's sha256 is kept. */
export interface UserInvitationTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: number | null;
  created_at: string;
}

export interface TeamMemberTable {
  team_id: number;
  user_id: number;
}

export interface SessionTable {
  /** sha256 of the session id (db/migrations/0009): a copy of the table signs nobody in. */
  sid: string;
  data: string;
  expires_at: string;
  /** The signed-in user, so a password change can end their sessions; null before sign-in. */
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A fixed-window counter of a throttle (db/migrations/0009). */
export interface RateLimitTable {
  bucket: string;
  window_start: string;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  event: string;
  actor_user_id: number | null;
  subject: string | null;
  ip: string | null;
  detail: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  ref: string | null;
  segment: string | null;
  region: string | null;
  kam_user_id: number | null;
  relationship: string | null;
  language: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  id: Generated<number>;
  customer_id: number;
  email: string;
  name: string | null;
  language: string | null;
  opted_out_at: string | null;
  /** The CRM (or other system) that manages the contact through the sync API; null: by hand or file import. */
  source: Generated<string | null>;
  /** When the contact left its source's list: kept, with its answers, but never invited. */
  inactive_at: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface SuppressionTable {
  email: string;
  reason: string;
  created_at: string;
}

export interface ProblemCategoryTable {
  id: Generated<number>;
  description: string | null;
  /** Comma-separated keywords in any language. */
  keywords: ColumnType<string, string | undefined, string>;
  team_id: number | null;
  is_active: Flag;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A category's name in one language (migration 0032): one row per category and language. */
export interface ProblemCategoryNameTable {
  category_id: number;
  language: string;
  name: string;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  template: string;
  status: ColumnType<string, string | undefined, string>;
  /** JSON: { segment?, region?, kamUserId?, relationship?, notEvaluatedDays? } */
  audience: ColumnType<string, string | undefined, string>;
  starts_at: string | null;
  closes_at: string;
  reminder_after_days: ColumnType<number, number | undefined, number>;
  reminder_max: ColumnType<number, number | undefined, number>;
  /** JSON: { en: { subject, body }, sv: …, da: … } */
  mail: ColumnType<string, string | undefined, string>;
  /** JSON snapshot of the survey definition (and catalogue items) taken at launch. */
  definition: string | null;
  launched_at: string | null;
  /** Null while a launch is still inviting its audience (it commits in chunks). */
  launch_finished_at: string | null;
  closed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** The sender name of the campaign's mails; null: the organisation's. */
  sender_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where replies go: 'organisation' (its reply-to), 'kam' (the contact's KAM) or 'address'. */
  reply_to_kind: ColumnType<string, string | undefined, string>;
  reply_to_address: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InvitationTable {
  id: Generated<number>;
  campaign_id: number;
  contact_id: number;
  /** The 32 bytes of sha256(token) (db/migrations/0035); see storedTokenHash in src/campaigns/invitation-token.ts. */
  token_hash: ColumnType<Uint8Array | string, Uint8Array | string, Uint8Array | string>;
  /** The random salt the token is derived from: 16 bytes, or its base64url text in rows from before 0035. */
  token_salt: ColumnType<Uint8Array | string | null, Uint8Array | string | null | undefined, Uint8Array | string | null>;
  is_revoked: Flag;
  reminders_sent: ColumnType<number, number | undefined, number>;
  last_mailed_at: string | null;
  opened_at: string | null;
  created_at: string;
}

export interface CampaignSkipTable {
  campaign_id: number;
  contact_id: number;
  reason: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  to_email: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of extra headers, e.g. List-Unsubscribe. */
  headers: ColumnType<string, string | undefined, string>;
  invitation_id: number | null;
  ref_type: string | null;
  ref_id: number | null;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** The shared text this mail is rendered from at send time; null when the row holds its own bodies. */
  template_id: number | null;
  /** JSON object of the values filled into the template's [[pds:name]] markers. */
  fields: string | null;
}

/** A mail text shared by many outbox mails (one campaign's invitation in one language). */
export interface OutboxTemplateTable {
  id: Generated<number>;
  key: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: ColumnType<string, string | undefined, string>;
  ref_type: string | null;
  ref_id: number | null;
  created_at: string;
}

export interface ResponseTable {
  id: Generated<number>;
  invitation_id: number;
  campaign_id: number;
  customer_id: number;
  contact_id: number;
  language: string;
  /** JSON of every value entered, keyed by question id. */
  answers: ColumnType<string, string | undefined, string>;
  status: ColumnType<string, string | undefined, string>;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface AnswerValueTable {
  id: Generated<number>;
  response_id: number;
  campaign_id: number;
  question_id: string;
  value: number | null;
  choice: string | null;
  text: string | null;
}

export interface ProblemMentionTable {
  id: Generated<number>;
  response_id: number;
  campaign_id: number;
  question_id: string;
  rank: number;
  text: string;
  language: string;
  category_id: number | null;
  coded_by: number | null;
  coded_at: string | null;
  created_at: string;
}

export interface ProblemRatingAnswerTable {
  id: Generated<number>;
  response_id: number;
  campaign_id: number;
  question_id: string;
  category_id: number;
  frequency: number | null;
  bother: number | null;
  is_frequent: number | null;
  is_bothersome: number | null;
}

/** A periodic job claimed by one instance until locked_until (db/migrations/0013_job_lock.ts). */
export interface JobLockTable {
  name: string;
  locked_until: string;
  owner: string;
}

export interface Database extends ContactsTables, CampaignsTables, ResponsesTables, AnalysisTables, TicketsTables, QuestionnairesTables, GuessesTables, WebhooksTables, OrganisationTables, KamTables {
  team: TeamTable;
  user: UserTable;
  user_invitation: UserInvitationTable;
  team_member: TeamMemberTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
  rate_limit: RateLimitTable;
  api_key: ApiKeyTable;
  customer: CustomerTable;
  contact: ContactTable;
  suppression: SuppressionTable;
  problem_category: ProblemCategoryTable;
  problem_category_name: ProblemCategoryNameTable;
  campaign: CampaignTable;
  invitation: InvitationTable;
  campaign_skip: CampaignSkipTable;
  outbox: OutboxTable;
  outbox_template: OutboxTemplateTable;
  response: ResponseTable;
  answer_value: AnswerValueTable;
  problem_mention: ProblemMentionTable;
  problem_rating_answer: ProblemRatingAnswerTable;
  job_lock: JobLockTable;
  health_check: HealthCheckTable;
}

/** One row that /healthz rewrites to prove the database can write. */
export interface HealthCheckTable {
  id: number;
  checked_at: string;
}
