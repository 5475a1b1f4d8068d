import { Kysely, sql } from 'kysely';
import { columnShapes } from './portable';

// Issue 15: a launch to 100,000 contacts grows the database by less. Each invitation keeps what
// it kept (sha256 of its token, the random salt the token is derived from with the server
// secret), in fewer bytes:
// - token_hash holds the first 16 bytes (128 bits) of the hash instead of 64 hex characters,
//   in the row and in its unique index: finding a token for a stored value still means
//   inverting sha256 (2^128 work), and a token is 256 bits no one can guess without the secret. PostgreSQL: bytea. SQLite keeps the declared type (a table rebuild of
//   invitation would touch every table that references it); a BLOB value is stored as a BLOB in
//   any column. A value that is not a sha256 in hex (none in real data) is kept as its text.
// - The salt moves from its own table (invitation_salt, one row and one key per invitation)
//   into invitation.token_salt, as its 16 bytes; a salt copied from the old table may stay text
//   (SQLite: always; PostgreSQL decodes it), and the app reads both.
// - invitation_contact_idx was (contact_id, created_at): 24 bytes of timestamp per invitation
//   for the frequency window's check, which reads the contact's few invitations anyway. It is
//   now (contact_id), what the contact's lookups and the foreign key's cascade need.
export async function up(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  if (col.isPostgres) {
    await sql`alter table invitation alter column token_hash type bytea using (
      case when token_hash ~ '^[0-9a-f]{64}$' then decode(substr(token_hash, 1, 32), 'hex') else convert_to(token_hash, 'UTF8') end)`.execute(db);
    await db.schema.alterTable('invitation').addColumn('token_salt', 'bytea').execute();
    await sql`update invitation set token_salt = (
      select case when s.salt ~ '^[A-Za-z0-9_-]{22}$' then decode(translate(s.salt, '-_', '+/') || '==', 'base64') else convert_to(s.salt, 'UTF8') end
      from invitation_salt s where s.invitation_id = invitation.id)`.execute(db);
  } else {
    await sql`update invitation set token_hash = unhex(substr(token_hash, 1, 32))
      where typeof(token_hash) = 'text' and length(token_hash) = 64 and token_hash not glob '*[^0-9a-f]*'`.execute(db);
    await db.schema.alterTable('invitation').addColumn('token_salt', 'blob').execute();
    await sql`update invitation set token_salt = (select s.salt from invitation_salt s where s.invitation_id = invitation.id)`.execute(db);
  }
  await db.schema.dropTable('invitation_salt').execute();
  await db.schema.dropIndex('invitation_contact_idx').execute();
  await db.schema.createIndex('invitation_contact_idx').on('invitation').column('contact_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const col = columnShapes(db);
  await db.schema.dropIndex('invitation_contact_idx').execute();
  await db.schema.createIndex('invitation_contact_idx').on('invitation').columns(['contact_id', 'created_at']).execute();
  await db.schema
    .createTable('invitation_salt')
    .addColumn('invitation_id', 'integer', (c) => c.primaryKey().references('invitation.id').onDelete('cascade'))
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();
  if (col.isPostgres) {
    await sql`insert into invitation_salt (invitation_id, salt)
      select id, case when length(token_salt) = 16 then rtrim(translate(encode(token_salt, 'base64'), '+/', '-_'), '=') else convert_from(token_salt, 'UTF8') end
      from invitation where token_salt is not null`.execute(db);
    await db.schema.alterTable('invitation').dropColumn('token_salt').execute();
    // Only the first half of each hash is left: a link still opens by it after the down migration
    // only where the app compares that half (as this version does).
    await sql`alter table invitation alter column token_hash type text using (
      case when length(token_hash) = 16 then encode(token_hash, 'hex') else convert_from(token_hash, 'UTF8') end)`.execute(db);
  } else {
    // SQLite cannot write base64 itself: the salts are turned back into text here.
    const rows = await sql<{ id: number; token_salt: Uint8Array | string }>`select id, token_salt from invitation where token_salt is not null`.execute(db);
    for (const r of rows.rows) {
      const salt = typeof r.token_salt === 'string' ? r.token_salt : Buffer.from(r.token_salt).toString('base64url');
      await db.insertInto('invitation_salt').values({ invitation_id: r.id, salt }).execute();
    }
    await db.schema.alterTable('invitation').dropColumn('token_salt').execute();
    await sql`update invitation set token_hash = lower(hex(token_hash)) where typeof(token_hash) = 'blob'`.execute(db);
  }
}
