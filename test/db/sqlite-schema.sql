index answer_value_campaign_idx
CREATE INDEX "answer_value_campaign_idx" on "answer_value" ("campaign_id", "question_id")

index answer_value_response_idx
CREATE INDEX "answer_value_response_idx" on "answer_value" ("response_id")

index api_key_user_idx
CREATE INDEX "api_key_user_idx" on "api_key" ("user_id")

index audit_log_event_idx
CREATE INDEX "audit_log_event_idx" on "audit_log" ("event", "subject", "at")

index audit_log_ip_idx
CREATE INDEX "audit_log_ip_idx" on "audit_log" ("event", "ip", "at")

index campaign_status_idx
CREATE INDEX "campaign_status_idx" on "campaign" ("status", "starts_at")

index coding_event_batch_idx
CREATE INDEX "coding_event_batch_idx" on "coding_event" ("batch_id")

index coding_event_campaign_idx
CREATE INDEX "coding_event_campaign_idx" on "coding_event" ("campaign_id", "at")

index coding_event_mention_idx
CREATE INDEX "coding_event_mention_idx" on "coding_event" ("mention_id")

index contact_customer_idx
CREATE INDEX "contact_customer_idx" on "contact" ("customer_id")

index contact_email_lower_idx
CREATE INDEX "contact_email_lower_idx" on "contact" (lower(email))

index customer_kam_idx
CREATE INDEX "customer_kam_idx" on "customer" ("kam_user_id")

index customer_name_idx
CREATE INDEX "customer_name_idx" on "customer" ("name")

index customer_name_lower_idx
CREATE INDEX "customer_name_lower_idx" on "customer" (lower(name))

index invitation_contact_idx
CREATE INDEX "invitation_contact_idx" on "invitation" ("contact_id", "created_at")

index outbox_due_idx
CREATE INDEX "outbox_due_idx" on "outbox" ("status", "next_attempt_at")

index outbox_invitation_idx
CREATE INDEX "outbox_invitation_idx" on "outbox" ("invitation_id")

index outbox_lease_idx
CREATE INDEX "outbox_lease_idx" on "outbox" ("status", "lease_until")

index problem_category_merged_idx
CREATE INDEX "problem_category_merged_idx" on "problem_category" ("merged_into_id")

index problem_mention_campaign_idx
CREATE INDEX "problem_mention_campaign_idx" on "problem_mention" ("campaign_id", "category_id")

index problem_mention_rank_idx
CREATE INDEX "problem_mention_rank_idx" on "problem_mention" ("campaign_id", "question_id", "category_id", "response_id", "rank")

index problem_mention_response_idx
CREATE INDEX "problem_mention_response_idx" on "problem_mention" ("response_id")

index problem_rating_answer_campaign_idx
CREATE INDEX "problem_rating_answer_campaign_idx" on "problem_rating_answer" ("campaign_id", "category_id")

index problem_rating_answer_response_idx
CREATE INDEX "problem_rating_answer_response_idx" on "problem_rating_answer" ("response_id")

index problem_rating_answer_score_idx
CREATE INDEX "problem_rating_answer_score_idx" on "problem_rating_answer" ("campaign_id", "question_id", "category_id", "response_id")

index response_campaign_idx
CREATE INDEX "response_campaign_idx" on "response" ("campaign_id", "status")

index response_customer_idx
CREATE INDEX "response_customer_idx" on "response" ("customer_id", "submitted_at")

index session_expires_idx
CREATE INDEX "session_expires_idx" on "session" ("expires_at")

index sqlite_autoindex_api_key_1
null

index sqlite_autoindex_campaign_skip_1
null

index sqlite_autoindex_contact_1
null

index sqlite_autoindex_customer_1
null

index sqlite_autoindex_followup_1
null

index sqlite_autoindex_followup_2
null

index sqlite_autoindex_invitation_1
null

index sqlite_autoindex_invitation_2
null

index sqlite_autoindex_kysely_migration_1
null

index sqlite_autoindex_kysely_migration_lock_1
null

index sqlite_autoindex_response_1
null

index sqlite_autoindex_session_1
null

index sqlite_autoindex_setting_1
null

index sqlite_autoindex_suppression_1
null

index sqlite_autoindex_team_1
null

index sqlite_autoindex_team_member_1
null

index sqlite_autoindex_ticket_1
null

index sqlite_autoindex_user_1
null

index team_member_user_idx
CREATE INDEX "team_member_user_idx" on "team_member" ("user_id")

index ticket_activity_ticket_idx
CREATE INDEX "ticket_activity_ticket_idx" on "ticket_activity" ("ticket_id", "at")

index ticket_comment_ticket_idx
CREATE INDEX "ticket_comment_ticket_idx" on "ticket_comment" ("ticket_id")

index ticket_due_idx
CREATE INDEX "ticket_due_idx" on "ticket" ("status", "due_date")

index ticket_team_status_idx
CREATE INDEX "ticket_team_status_idx" on "ticket" ("team_id", "status")

table answer_value
CREATE TABLE "answer_value" ("id" integer primary key autoincrement, "response_id" integer not null references "response" ("id") on delete cascade, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "question_id" text not null, "value" real, "choice" text, "text" text)

table api_key
CREATE TABLE "api_key" ("id" integer primary key autoincrement, "name" text not null, "prefix" text not null, "key_hash" text not null unique, "user_id" integer not null references "user" ("id") on delete cascade, "created_by" integer references "user" ("id") on delete set null, "created_at" text not null, "last_used_at" text, "revoked_at" text)

table audit_log
CREATE TABLE "audit_log" ("id" integer primary key autoincrement, "at" text not null, "event" text not null, "actor_user_id" integer references "user" ("id") on delete set null, "subject" text, "ip" text, "detail" text)

table campaign
CREATE TABLE "campaign" ("id" integer primary key autoincrement, "name" text not null, "template" text not null, "status" text default 'draft' not null, "audience" text default '{}' not null, "starts_at" text, "closes_at" text not null, "reminder_after_days" integer default 7 not null, "reminder_max" integer default 2 not null, "mail" text default '{}' not null, "definition" text, "launched_at" text, "closed_at" text, "created_by" integer references "user" ("id") on delete set null, "created_at" text not null, "updated_at" text not null)

table campaign_skip
CREATE TABLE "campaign_skip" ("campaign_id" integer not null references "campaign" ("id") on delete cascade, "contact_id" integer not null references "contact" ("id") on delete cascade, "reason" text not null, constraint "campaign_skip_pk" primary key ("campaign_id", "contact_id"))

table coding_event
CREATE TABLE "coding_event" ("id" integer primary key autoincrement, "batch_id" text not null, "mention_id" integer not null references "problem_mention" ("id") on delete cascade, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "from_category_id" integer references "problem_category" ("id"), "to_category_id" integer references "problem_category" ("id"), "user_id" integer references "user" ("id") on delete set null, "at" text not null, "undone_at" text, "undone_by" integer references "user" ("id") on delete set null)

table contact
CREATE TABLE "contact" ("id" integer primary key autoincrement, "customer_id" integer not null references "customer" ("id") on delete cascade, "email" text not null unique, "name" text, "language" text, "opted_out_at" text, "created_at" text not null, "updated_at" text not null)

table customer
CREATE TABLE "customer" ("id" integer primary key autoincrement, "name" text not null, "ref" text unique, "segment" text, "region" text, "kam_user_id" integer references "user" ("id") on delete set null, "relationship" text, "language" text default 'en' not null, "created_at" text not null, "updated_at" text not null)

table followup
CREATE TABLE "followup" ("id" integer primary key autoincrement, "ticket_id" integer not null references "ticket" ("id") on delete cascade, "contact_id" integer not null references "contact" ("id") on delete cascade, "language" text not null, "token_hash" text not null unique, "created_at" text not null, "answered_at" text, "is_helpful" integer, constraint "followup_ticket_contact_uq" unique ("ticket_id", "contact_id"))

table invitation
CREATE TABLE "invitation" ("id" integer primary key autoincrement, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "contact_id" integer not null references "contact" ("id") on delete cascade, "token_hash" text not null unique, "is_revoked" integer default 0 not null, "reminders_sent" integer default 0 not null, "last_mailed_at" text, "opened_at" text, "created_at" text not null, constraint "invitation_campaign_contact_uq" unique ("campaign_id", "contact_id"))

table invitation_salt
CREATE TABLE "invitation_salt" ("invitation_id" integer primary key references "invitation" ("id") on delete cascade, "salt" text not null)

table kysely_migration
CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)

table kysely_migration_lock
CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)

table outbox
CREATE TABLE "outbox" ("id" integer primary key autoincrement, "kind" text not null, "to_email" text not null, "to_name" text, "subject" text not null, "text_body" text not null, "html_body" text not null, "headers" text default '{}' not null, "invitation_id" integer references "invitation" ("id") on delete set null, "ref_type" text, "ref_id" integer, "status" text default 'pending' not null, "attempts" integer default 0 not null, "next_attempt_at" text not null, "lease_until" text, "locked_by" text, "last_error" text, "message_id" text, "created_at" text not null, "sent_at" text)

table problem_category
CREATE TABLE "problem_category" ("id" integer primary key autoincrement, "name_en" text not null, "name_sv" text not null, "name_da" text not null, "description" text, "keywords" text default '' not null, "team_id" integer references "team" ("id") on delete set null, "is_active" integer default 1 not null, "merged_into_id" integer references "problem_category" ("id"), "created_at" text not null, "updated_at" text not null)

table problem_mention
CREATE TABLE "problem_mention" ("id" integer primary key autoincrement, "response_id" integer not null references "response" ("id") on delete cascade, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "question_id" text not null, "rank" integer not null, "text" text not null, "language" text not null, "category_id" integer references "problem_category" ("id"), "coded_by" integer references "user" ("id") on delete set null, "coded_at" text, "created_at" text not null)

table problem_rating_answer
CREATE TABLE "problem_rating_answer" ("id" integer primary key autoincrement, "response_id" integer not null references "response" ("id") on delete cascade, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "question_id" text not null, "category_id" integer not null references "problem_category" ("id"), "frequency" integer, "bother" integer, "is_frequent" integer, "is_bothersome" integer)

table response
CREATE TABLE "response" ("id" integer primary key autoincrement, "invitation_id" integer not null unique references "invitation" ("id") on delete cascade, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "customer_id" integer not null references "customer" ("id") on delete cascade, "contact_id" integer not null references "contact" ("id") on delete cascade, "language" text not null, "answers" text default '{}' not null, "status" text default 'partial' not null, "started_at" text not null, "updated_at" text not null, "submitted_at" text)

table session
CREATE TABLE "session" ("sid" text primary key, "data" text not null, "expires_at" text not null)

table setting
CREATE TABLE "setting" ("key" text primary key, "value" text not null)

table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq)

table suppression
CREATE TABLE "suppression" ("email" text primary key, "reason" text not null, "created_at" text not null)

table team
CREATE TABLE "team" ("id" integer primary key autoincrement, "name" text not null unique, "email" text not null, "is_active" integer default 1 not null, "created_at" text not null)

table team_member
CREATE TABLE "team_member" ("team_id" integer not null references "team" ("id") on delete cascade, "user_id" integer not null references "user" ("id") on delete cascade, constraint "team_member_pk" primary key ("team_id", "user_id"))

table ticket
CREATE TABLE "ticket" ("id" integer primary key autoincrement, "campaign_id" integer not null references "campaign" ("id") on delete cascade, "category_id" integer not null references "problem_category" ("id"), "team_id" integer not null references "team" ("id"), "title" text not null, "status" text default 'open' not null, "assignee_id" integer references "user" ("id") on delete set null, "due_date" text not null, "evidence" text not null, "resolution_note" text default '{}' not null, "created_by" integer references "user" ("id") on delete set null, "created_at" text not null, "updated_at" text not null, "resolved_at" text, "last_escalated_at" text, constraint "ticket_campaign_category_uq" unique ("campaign_id", "category_id"))

table ticket_activity
CREATE TABLE "ticket_activity" ("id" integer primary key autoincrement, "ticket_id" integer not null references "ticket" ("id") on delete cascade, "user_id" integer references "user" ("id") on delete set null, "at" text not null, "action" text not null, "detail" text default '' not null)

table ticket_comment
CREATE TABLE "ticket_comment" ("id" integer primary key autoincrement, "ticket_id" integer not null references "ticket" ("id") on delete cascade, "user_id" integer references "user" ("id") on delete set null, "body" text not null, "created_at" text not null)

table user
CREATE TABLE "user" ("id" integer primary key autoincrement, "email" text not null unique, "name" text not null, "role" text not null, "password_hash" text not null, "is_active" integer default 1 not null, "created_at" text not null, "updated_at" text not null)

