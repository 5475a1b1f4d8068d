import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import { codeFromCodingForm, codeMentionsIn } from '../../src/analysis/coding.service';
import { createCategoryFromGroup } from '../../src/analysis/emerging.service';
import { CodingForm } from '../../src/analysis/analysis.schemas';
import { ValidationError } from '../../src/shared/errors';
import { createTestDbFile } from '../support/test-db';
import { createUser } from '../support/factories';
import { createCampaign, createCategory, createCustomer, createResponse } from '../support/analysis-factories';
import type { SharedTestDatabase } from '../support/test-database';

// Two quality managers on two instances code the same mention at the same time: the one who
// commits second must not overwrite the first one's coding with a page that showed it uncoded
// (on PostgreSQL the second one's read used to see the mention uncoded and its write went on).
describe('two coders at once on one mention', () => {
  let shared: SharedTestDatabase;
  let first: Db;
  let second: Db;
  beforeEach(async () => {
    shared = await createTestDbFile('pds-coding-race-');
    first = shared.open();
    second = shared.open();
  });
  afterEach(async () => {
    await Promise.all([first.destroy(), second.destroy()]);
    await shared.cleanup();
  });

  async function setup() {
    const late = await createCategory(first, { en: 'Late deliveries' });
    const invoice = await createCategory(first, { en: 'Invoice errors' });
    const campaign = await createCampaign(first, { shape: { maxItems: 3 } });
    const customer = await createCustomer(first);
    const response = await createResponse(first, campaign.id, customer.id, { problems: [{ categoryId: null, rank: 1, text: 'Appen kraschar när vi skannar', language: 'sv' }] });
    const actor = async (name: string): Promise<CurrentUser> => {
      const u = await createUser(first, { role: 'manager', name });
      return { id: u.id, email: u.email, name, role: 'manager', teamIds: [] };
    };
    return { late, invoice, campaign, mentionId: response.mentionIds[0]!, anna: await actor('Anna'), bo: await actor('Bo') };
  }

  /** Anna codes the mention to `late` on the first instance and commits only after `other` (on the second) has had time to read it. */
  async function whileAnnaCodes<T>(world: Awaited<ReturnType<typeof setup>>, other: () => Promise<T>): Promise<PromiseSettledResult<T>> {
    let outcome: Promise<PromiseSettledResult<T>> | undefined;
    await first.transaction().execute(async (trx) => {
      await codeMentionsIn(trx, world.anna, { mentionIds: [world.mentionId], categoryId: world.late.id, campaignId: world.campaign.id }, new Date());
      outcome = other().then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    return outcome!;
  }

  async function codingOf(db: Db, mentionId: number) {
    const mention = await db.selectFrom('problem_mention').select(['category_id', 'coded_by']).where('id', '=', mentionId).executeTakeFirstOrThrow();
    const events = await db.selectFrom('coding_event').select(['from_category_id', 'to_category_id', 'user_id']).orderBy('id').execute();
    return { mention, events };
  }

  it('refuses the coding page\'s row that the other coder coded meanwhile, and keeps that coding', async () => {
    const world = await setup();
    const form = CodingForm.parse({ apply: String(world.mentionId), [`category_${world.mentionId}`]: String(world.invoice.id) });

    const outcome = await whileAnnaCodes(world, () => codeFromCodingForm(second, world.bo, world.campaign.id, form, new Date()));

    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual({ [`category-${world.mentionId}`]: ['coding.errors.codedMeanwhile'] });
    expect(await codingOf(first, world.mentionId)).toEqual({
      mention: { category_id: world.late.id, coded_by: world.anna.id },
      events: [{ from_category_id: null, to_category_id: world.late.id, user_id: world.anna.id }],
    });
  });

  it('creates no category from an emerging group when the other coder coded one of its mentions meanwhile', async () => {
    const world = await setup();
    const values = { names: { en: 'App crashes', sv: 'Appen kraschar', da: 'Appen crasher' }, keywords: [], mentionIds: [world.mentionId] };

    const outcome = await whileAnnaCodes(world, () => createCategoryFromGroup(second, world.bo, world.campaign.id, values, new Date()));

    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect(await codingOf(first, world.mentionId)).toEqual({
      mention: { category_id: world.late.id, coded_by: world.anna.id },
      events: [{ from_category_id: null, to_category_id: world.late.id, user_id: world.anna.id }],
    });
    expect(await first.selectFrom('problem_category').select('id').where('id', 'not in', [world.late.id, world.invoice.id]).execute()).toEqual([]);
  });

  it('records what a deliberate recoding replaced, even when the other coder committed it a moment before', async () => {
    const world = await setup();

    const outcome = await whileAnnaCodes(world, () => second.transaction().execute((trx) => codeMentionsIn(trx, world.bo, { mentionIds: [world.mentionId], categoryId: world.invoice.id }, new Date())));

    expect(outcome.status).toBe('fulfilled');
    const { events } = await codingOf(first, world.mentionId);
    expect(events).toEqual([
      { from_category_id: null, to_category_id: world.late.id, user_id: world.anna.id },
      { from_category_id: world.late.id, to_category_id: world.invoice.id, user_id: world.bo.id },
    ]);
  });
});
