import { Migrator, sql } from 'kysely';
import { migrations } from '../../db/migrations';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database';
import { categoryNameSql, categoryNamesIn, findCategoryById, insertCategory, listCategories, updateCategory } from '../../src/catalogue/catalogue.repository';
import { describeSqliteOnly } from '../support/test-database';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-01T10:00:00.000Z');

describeSqliteOnly('migration 0032_category_translations', () => {
  it('copies every category’s English, Swedish and Danish name into the per-language names, and back on rollback', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0030_user_language')).error).toBeUndefined();
    await sql`insert into problem_category (name_en, name_sv, name_da, keywords, is_active, created_at, updated_at)
      values ('Late delivery', 'Sen leverans', 'Forsinket levering', 'late', 1, ${NOW.toISOString()}, ${NOW.toISOString()}),
             ('Invoice errors', 'Fel på fakturan', 'Fejl i fakturaen', '', 0, ${NOW.toISOString()}, ${NOW.toISOString()})`.execute(db);

    await migrateToLatest(db);

    const categories = await listCategories(db);
    expect(categories.map((c) => ({ names: c.names, keywords: c.keywords, isActive: c.isActive }))).toEqual([
      { names: { en: 'Invoice errors', sv: 'Fel på fakturan', da: 'Fejl i fakturaen' }, keywords: [], isActive: false },
      { names: { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering' }, keywords: ['late'], isActive: true },
    ]);
    const columns = await sql<{ name: string }>`select name from pragma_table_info('problem_category')`.execute(db);
    expect(columns.rows.map((c) => c.name)).not.toContain('name_en');

    expect((await migrator.migrateTo('0030_user_language')).error).toBeUndefined();
    const back = await sql<{ name_en: string; name_sv: string; name_da: string }>`select name_en, name_sv, name_da from problem_category order by id`.execute(db);
    expect(back.rows).toEqual([
      { name_en: 'Late delivery', name_sv: 'Sen leverans', name_da: 'Forsinket levering' },
      { name_en: 'Invoice errors', name_sv: 'Fel på fakturan', name_da: 'Fejl i fakturaen' },
    ]);
    await db.destroy();
  });
});

describe('category names per language', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const values = (names: Record<string, string>) => ({ names, description: null, keywords: [], teamId: null });

  it('stores and reads a name in a fourth language (Norwegian) with no schema change', async () => {
    const id = await insertCategory(db, values({ en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', nb: 'Forsinket levering (nb)' }), NOW);
    const other = await insertCategory(db, values({ en: 'Invoice errors', sv: 'Fel på fakturan', da: 'Fejl i fakturaen' }), NOW);

    expect((await findCategoryById(db, id))!.names).toEqual({ en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', nb: 'Forsinket levering (nb)' });
    // A category nobody named in Norwegian is shown with its English name.
    expect(await categoryNamesIn(db, [id, other], 'nb')).toEqual(new Map([[id, 'Forsinket levering (nb)'], [other, 'Invoice errors']]));
    const rows = await db.selectFrom('problem_category').select(['id', categoryNameSql('problem_category.id', 'nb').as('name')]).orderBy('id').execute();
    expect(rows).toEqual([{ id, name: 'Forsinket levering (nb)' }, { id: other, name: 'Invoice errors' }]);

    await updateCategory(db, id, { ...values({ en: 'Late deliveries', nb: 'Sene leveranser' }), isActive: true }, NOW);
    expect((await findCategoryById(db, id))!.names).toEqual({ en: 'Late deliveries', sv: 'Sen leverans', da: 'Forsinket levering', nb: 'Sene leveranser' });
  });
});
