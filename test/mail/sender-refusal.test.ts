// A refusal of the sender is not the recipients' fault: sending pauses and resumes, nobody is suppressed.
import type { Db } from '../../src/db/database';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { findSendingPause } from '../../src/mail/sending-pause.service';
import { createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import type { FaultContext } from './fault-smtp-server';
import { eachTestGetsFaultServer, type FaultWorld } from './fault-per-test';
import { outboxRows } from './helpers';
import { runUntilNothingLeft } from './run-until-done';

describe('a mail server that refuses the sender for a few seconds', () => {
  let db: Db;
  let start: FaultWorld['start'];
  eachTestGetsFaultServer((w) => ({ db, start } = w));

  it('pauses sending, shows why, suppresses no contact, and delivers every invitation once afterwards', async () => {
    let refuseUntil: number | undefined;
    let refused = 0;
    const refuseForAWhile = ({ stage }: FaultContext) => {
      if (stage !== 'mail') return undefined;
      refuseUntil ??= Date.now() + 3000;
      if (Date.now() >= refuseUntil) return undefined;
      refused++;
      return { code: 554, text: '5.7.1 Relaying temporarily denied' };
    };
    const { server, worker } = await start(refuseForAWhile, { pauseSeconds: 1, retrySeconds: 1 });
    const customer = await createCustomer(db);
    for (let i = 0; i < 30; i++) await createContact(db, customer, { email: `contact${i}@example.com` });
    await launchCampaign(db, testSystem, await createDraftCampaign(db, new Date()), ctx, new Date());

    let seenPause: Awaited<ReturnType<typeof findSendingPause>>;
    const watch = setInterval(() => void findSendingPause(db).then((p) => (seenPause ??= p)), 50);
    const result = await runUntilNothingLeft(db, worker, 30_000);
    clearInterval(watch);

    expect(result.timedOut).toBe(false);
    expect(refused).toBeGreaterThan(0);
    expect(seenPause?.reason).toBe('554 5.7.1 Relaying temporarily denied');
    expect(await db.selectFrom('suppression').selectAll().execute()).toEqual([]);
    const rows = await outboxRows(db);
    expect(rows.map((r) => r.status)).toEqual(Array(30).fill('sent'));
    expect(server.accepted).toHaveLength(30);
    expect(new Set(server.accepted.map((m) => m.to[0])).size).toBe(30);
    // Delivered: the next refusal starts again with the first, short pause.
    expect(await findSendingPause(db)).toBeUndefined();
  }, 60_000);
});
