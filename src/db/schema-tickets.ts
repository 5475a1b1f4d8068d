import type { ColumnType, Generated } from 'kysely';

// Tables added by the tickets feature (db/migrations/0007_tickets.ts).

export interface TicketTable {
  id: Generated<number>;
  campaign_id: number;
  category_id: number;
  team_id: number;
  title: string;
  status: ColumnType<string, string | undefined, string>;
  assignee_id: number | null;
  /** YYYY-MM-DD */
  due_date: string;
  /** JSON TicketEvidence, fixed at creation. */
  evidence: string;
  /** JSON { en?, sv?, da? } */
  resolution_note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  last_escalated_at: string | null;
}

export interface TicketCommentTable {
  id: Generated<number>;
  ticket_id: number;
  user_id: number | null;
  body: string;
  created_at: string;
}

export interface TicketActivityTable {
  id: Generated<number>;
  ticket_id: number;
  user_id: number | null;
  at: string;
  action: string;
  detail: ColumnType<string, string | undefined, string>;
}

export interface FollowupTable {
  id: Generated<number>;
  ticket_id: number;
  contact_id: number;
  language: string;
  token_hash: string;
  created_at: string;
  answered_at: string | null;
  is_helpful: number | null;
  /** held | sent | rejected (db/migrations/0008_followup_checks.ts) */
  state: ColumnType<string, string | undefined, string>;
  sent_at: string | null;
  comment: string | null;
  review_note: string | null;
  /** The link token is HMAC(server secret, "followup:" + salt), made when the mail is sent (0009). */
  token_salt: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A very negative response told to the account's KAM (db/migrations/0025_kam_alerts.ts). */
export interface KamAlertTable {
  id: Generated<number>;
  response_id: number;
  campaign_id: number;
  customer_id: number;
  contact_id: number;
  kam_user_id: number;
  /** JSON [{ question, value, scale }] */
  answers: string;
  created_at: string;
  mailed_at: string | null;
  handled_at: string | null;
  handled_by: number | null;
}

export interface TicketsTables {
  kam_alert: KamAlertTable;
  ticket: TicketTable;
  ticket_comment: TicketCommentTable;
  ticket_activity: TicketActivityTable;
  followup: FollowupTable;
}
