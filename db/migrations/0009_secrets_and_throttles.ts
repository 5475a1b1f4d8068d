import crypto from 'node:crypto';
import { Kysely } from 'kysely';

// Issue 11: a copy of the database opens nothing, and throttles hold across processes.
export async function up(db: Kysely<any>): Promise<void> {
  // Session ids are stored as sha256 from now on; the ids stored in clear are dropped, which
  // signs everybody out once. Each session names its user, so a password change can end them.
  await db.deleteFrom('session').execute();
  await db.schema.alterTable('session').addColumn('user_id', 'integer').execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  // A follow-up's link token is derived at send time from the server secret and this salt
  // (as invitations' are); the outbox keeps a placeholder, never the link.
  await db.schema.alterTable('followup').addColumn('token_salt', 'text').execute();
  // Follow-up mails already in the outbox carry their link in clear. Sent ones keep a copy with
  // the link cut out (the contact's mail still works); unsent ones get a salt and the placeholder
  // the worker fills in ('[[pds-token]]', TOKEN_MARKER in src/mail/mail.ts), so they still go out.
  const stored = await db
    .selectFrom('outbox')
    .select(['id', 'status', 'ref_id', 'text_body', 'html_body'])
    .where('kind', '=', 'followup')
    .execute();
  for (const mail of stored as { id: number; status: string; ref_id: number | null; text_body: string; html_body: string }[]) {
    const isUnsent = (mail.status === 'pending' || mail.status === 'sending') && mail.ref_id !== null;
    const replacement = isUnsent ? '/f/[[pds-token]]' : '/f/…';
    const cut = (body: string) => body.replace(/\/f\/[A-Za-z0-9_-]+/g, replacement);
    await db.updateTable('outbox').set({ text_body: cut(mail.text_body), html_body: cut(mail.html_body) }).where('id', '=', mail.id).execute();
    if (isUnsent) {
      await db.updateTable('followup').set({ token_salt: crypto.randomBytes(16).toString('base64url') }).where('id', '=', mail.ref_id).execute();
    }
  }

  // Fixed-window counters shared by every process: unknown personal links per address and
  // failed sign-ins per account, per address and per account and address together.
  await db.schema
    .createTable('rate_limit')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
  await db.schema.alterTable('followup').dropColumn('token_salt').execute();
  await db.schema.dropIndex('session_user_idx').execute();
  await db.schema.alterTable('session').dropColumn('user_id').execute();
}
