import type { Db } from '../../src/db/database';
import { catalogueSuggester } from '../../src/analysis/coding.service';
import { editCategory } from '../../src/catalogue/catalogue.service';
import { createTestApp, csrfOf, signedInAgent } from '../support/test-app';
import { createTestDbFile } from '../support/test-db';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { sql } from 'kysely';
import { findSuggesterVersion } from '../../src/analysis/coding.repository';
import { describePostgresOnly, type SharedTestDatabase } from '../support/test-database';

// The suggester is built once per catalogue or coding change and reused; two instances share a database.
describe('the coding suggester cache', () => {
  let shared: SharedTestDatabase;
  let first: Db;
  let second: Db;
  beforeEach(async () => {
    shared = await createTestDbFile('pds-coding-cache-');
    first = shared.open();
    second = shared.open();
  });
  afterEach(async () => {
    await Promise.all([first.destroy(), second.destroy()]);
    await shared.cleanup();
  });

  async function setup() {
    const delivery = await createCategory(first, { en: 'Late delivery', sv: 'Sen leverans', da: 'Forsinket levering', keywords: 'leverans, delivery' });
    const damaged = await createCategory(first, { en: 'Damaged goods', sv: 'Skadat gods', da: 'Beskadigede varer', keywords: 'skadad, damaged' });
    const campaign = await createCampaign(first, { shape: { maxItems: 3 } });
    const customer = await createCustomer(first);
    const r = await createResponse(first, campaign.id, customer.id, {
      problems: [
        { categoryId: null, rank: 1, text: 'Pallarna kom tillplattade', language: 'sv' },
        { categoryId: null, rank: 2, text: 'Tillplattade pallar igen', language: 'sv' },
      ],
    });
    const manager = await createUser(first, { role: 'manager' });
    return { delivery, damaged, campaign, mentionIds: r.mentionIds, manager };
  }

  it('is reused while nothing changes and rebuilt after a coding, an undo and a catalogue edit', async () => {
    const { damaged, mentionIds, manager } = await setup();
    const built = await catalogueSuggester(first);
    expect(await catalogueSuggester(first)).toBe(built);

    await first.updateTable('problem_mention').set({ category_id: damaged.id, coded_by: manager.id }).where('id', '=', mentionIds[0]!).execute();
    const afterCoding = await catalogueSuggester(first);
    expect(afterCoding).not.toBe(built);
    expect(await catalogueSuggester(first)).toBe(afterCoding);

    await first.updateTable('problem_mention').set({ category_id: null, coded_by: null }).where('id', '=', mentionIds[0]!).execute();
    const afterUndo = await catalogueSuggester(first);
    expect(afterUndo).not.toBe(afterCoding);

    const keeper = { id: manager.id, email: manager.email, name: 'Manager', role: 'manager' as const, teamIds: [] };
    await editCategory(first, keeper, damaged.id, {
      names: { en: 'Damaged goods', sv: 'Skadat gods', da: 'Beskadigede varer' },
      description: null,
      keywords: ['skadad', 'damaged', 'krossad'],
      teamId: null,
      isActive: true,
    }, new Date());
    expect(await catalogueSuggester(first)).not.toBe(afterUndo);
  });

  it('learns a coding done on another instance on the next view', async () => {
    const { damaged, campaign, mentionIds, manager } = await setup();
    const one = await signedInAgent(createTestApp(first), manager);
    const two = await signedInAgent(createTestApp(second), manager);
    const firstSuggestion = async () => {
      const page = await one.get(`/campaigns/${campaign.id}/coding`).expect(200);
      return new RegExp(`name="accept" value="${mentionIds[1]}:${damaged.id}"`).test(page.text);
    };
    expect(await firstSuggestion()).toBe(false);

    const csrf = await csrfOf(two, `/campaigns/${campaign.id}/coding`);
    await two.post(`/campaigns/${campaign.id}/coding`).type('form').send({ _csrf: csrf, accept: `${mentionIds[0]}:${damaged.id}` }).expect(303);

    expect(await firstSuggestion()).toBe(true);
  });

  describePostgresOnly('on PostgreSQL', () => {
    // Two codings on two instances at once: the second commits while the first is still open
    // (with a lock wait it would hit its lock timeout), and each moves the version once.
    it('lets concurrent codings commit without waiting for each other, and counts both', async () => {
      const { damaged, delivery, mentionIds } = await setup();
      const before = await findSuggesterVersion(first);
      await first.transaction().execute(async (one) => {
        await one.updateTable('problem_mention').set({ category_id: damaged.id }).where('id', '=', mentionIds[0]!).execute();
        await second.transaction().execute(async (two) => {
          await sql`set local lock_timeout = '5s'`.execute(two);
          await two.updateTable('problem_mention').set({ category_id: delivery.id }).where('id', '=', mentionIds[1]!).execute();
        });
        expect(await findSuggesterVersion(second)).toBe(before + 1);
      });
      expect(await findSuggesterVersion(second)).toBe(before + 2);
    });

    // A category's name in one language changes (a translation or a rename) on one instance
    // while a manager codes on another: the coding commits while the rename is still open.
    it('lets a coding commit while a category is being renamed on another instance, and counts both', async () => {
      const { damaged, delivery, mentionIds } = await setup();
      const before = await findSuggesterVersion(first);
      await first.transaction().execute(async (one) => {
        await one.updateTable('problem_category_name').set({ name: 'Transportskada' })
          .where('category_id', '=', damaged.id).where('language', '=', 'sv').execute();
        await second.transaction().execute(async (two) => {
          await sql`set local lock_timeout = '5s'`.execute(two);
          await two.updateTable('problem_mention').set({ category_id: delivery.id }).where('id', '=', mentionIds[1]!).execute();
        });
        expect(await findSuggesterVersion(second)).toBe(before + 1);
      });
      expect(await findSuggesterVersion(second)).toBe(before + 2);
    });

    it('lets two categories be translated at once on two instances, and counts both', async () => {
      const { damaged, delivery } = await setup();
      const before = await findSuggesterVersion(first);
      await first.transaction().execute(async (one) => {
        await one.insertInto('problem_category_name').values({ category_id: damaged.id, language: 'de', name: 'Beschädigte Ware' }).execute();
        await second.transaction().execute(async (two) => {
          await sql`set local lock_timeout = '5s'`.execute(two);
          await two.insertInto('problem_category_name').values({ category_id: delivery.id, language: 'de', name: 'Verspätete Lieferung' }).execute();
        });
        expect(await findSuggesterVersion(second)).toBe(before + 1);
      });
      expect(await findSuggesterVersion(second)).toBe(before + 2);
    });
  });
});
