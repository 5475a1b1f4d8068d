import { sql, type Kysely } from 'kysely';

// Imports and the API match contacts on email and customers on name without regard to case.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contact_email_lower_idx').on('contact').expression(sql`lower(email)`).execute();
  await db.schema.createIndex('customer_name_lower_idx').on('customer').expression(sql`lower(name)`).execute();
  await db.schema.createIndex('api_key_user_idx').on('api_key').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_key_user_idx').execute();
  await db.schema.dropIndex('customer_name_lower_idx').execute();
  await db.schema.dropIndex('contact_email_lower_idx').execute();
}
