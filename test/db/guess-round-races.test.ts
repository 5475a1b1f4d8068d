import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import { openGuessRound } from '../../src/guesses/guess.service';
import { insertGuessRound } from '../../src/guesses/guess.repository';
import { ConflictError } from '../../src/shared/errors';
import { createTestDbFile } from '../support/test-db';
import { createUser } from '../support/factories';
import { createCampaign } from '../support/analysis-factories';
import type { SharedTestDatabase } from '../support/test-database';

// Two quality managers on two instances open the campaign's guess round at the same moment: one
// round, and the other is told there is one (on PostgreSQL the second insert used to fail on the
// unique campaign and answer 500).
describe('two managers opening one campaign\'s guess round at once', () => {
  let shared: SharedTestDatabase;
  let first: Db;
  let second: Db;
  beforeEach(async () => {
    shared = await createTestDbFile('pds-guess-race-');
    first = shared.open();
    second = shared.open();
  });
  afterEach(async () => {
    await Promise.all([first.destroy(), second.destroy()]);
    await shared.cleanup();
  });

  it('opens one round and refuses the other as a conflict', async () => {
    const campaign = await createCampaign(first, { name: 'Annual 2026', status: 'running', shape: { maxItems: 3 } });
    const u = await createUser(first, { role: 'manager', name: 'Bo' });
    const bo: CurrentUser = { id: u.id, email: u.email, name: 'Bo', role: 'manager', teamIds: [] };
    const staff = await createUser(first, { role: 'member' });

    let outcome: Promise<PromiseSettledResult<number>> | undefined;
    await first.transaction().execute(async (trx) => {
      // Anna's round, not committed yet, when Bo's request reads that there is none.
      await insertGuessRound(trx, { campaignId: campaign.id, listSize: 5, createdBy: null }, new Date());
      outcome = openGuessRound(second, bo, campaign.id, { listSize: 5, userIds: [staff.id] }, new Date(), 'http://localhost').then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const settled = await outcome!;

    expect(settled.status).toBe('rejected');
    expect((settled as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await first.selectFrom('guess_round').select('id').execute()).toHaveLength(1);
  });
});
