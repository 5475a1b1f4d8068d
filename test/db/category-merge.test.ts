import type { Db } from '../../src/db/database';
import { mergeCategories, type CategoryMergeHook } from '../../src/catalogue/catalogue.service';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

describe('mergeCategories and its hooks', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function twoCategoriesWithAMention() {
    const survivor = await createCategory(db, { en: 'Survivor' });
    const merged = await createCategory(db, { en: 'Merged' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    await createResponse(db, campaign.id, (await createCustomer(db)).id, { problems: [{ categoryId: merged.id, rank: 1 }] });
    const manager = await createUser(db, { role: 'manager' });
    return { survivor, merged, manager: { id: manager.id, email: manager.email, name: 'Manager', role: manager.role, teamIds: [] } };
  }

  it('calls each hook once inside the transaction with the merged and the surviving id', async () => {
    const { survivor, merged, manager } = await twoCategoriesWithAMention();
    const calls: { fromId: number; intoId: number; mentionCategory: number | null }[] = [];
    const hook: CategoryMergeHook = async (trx, merge) => {
      const mention = await trx.selectFrom('problem_mention').select('category_id').executeTakeFirstOrThrow();
      calls.push({ ...merge, mentionCategory: mention.category_id });
    };

    await mergeCategories(db, manager, merged.id, survivor.id, new Date('2026-04-01T00:00:00Z'), [hook]);

    expect(calls).toEqual([{ fromId: merged.id, intoId: survivor.id, mentionCategory: survivor.id }]);
  });

  it('rolls the whole merge back when a hook fails', async () => {
    const { survivor, merged, manager } = await twoCategoriesWithAMention();
    const failing: CategoryMergeHook = async () => {
      throw new Error('tickets could not follow');
    };

    await expect(mergeCategories(db, manager, merged.id, survivor.id, new Date(), [failing])).rejects.toThrow('tickets could not follow');

    const categories = await db.selectFrom('problem_category').select(['id', 'merged_into_id', 'is_active']).orderBy('id').execute();
    expect(categories).toEqual([
      { id: survivor.id, merged_into_id: null, is_active: 1 },
      { id: merged.id, merged_into_id: null, is_active: 1 },
    ]);
    expect(await db.selectFrom('problem_mention').select('category_id').execute()).toEqual([{ category_id: merged.id }]);
  });
});
