import type { Db } from '../db/database';

export async function countContacts(db: Db): Promise<number> {
  const row = await db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published questionnaire versions published by a person (not by the first-start import). */
export async function countVersionsPublishedByPeople(db: Db): Promise<number> {
  const row = await db
    .selectFrom('questionnaire_version')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('published_by', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
