import type { Db } from '../../src/db/database';
import { claimDueMails } from '../../src/mail/delivery.repository';
import { enqueueMail } from '../../src/mail/outbox.repository';
import { addSeconds } from '../../src/shared/time';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('claiming due mails', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  // On PostgreSQL an UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED) claimed all
  // 400 mails in one call: the plan ran the subquery again.
  it('gives concurrent claimers at most their limit each and every mail to exactly one of them', async () => {
    for (let i = 0; i < 400; i++) await enqueueMail(db, { kind: 'ticket', to: `c${i}@example.com`, subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }, NOW);
    const claimedBy = new Map<number, string>();
    const sizes: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batches = await Promise.all(Array.from({ length: 8 }, (_, w) => claimDueMails(db, `w${w}`, NOW, addSeconds(NOW, 300), 7).then((mails) => ({ w, mails }))));
      for (const { w, mails } of batches) {
        sizes.push(mails.length);
        for (const m of mails) {
          expect(claimedBy.get(m.id)).toBeUndefined();
          claimedBy.set(m.id, `w${w}`);
        }
      }
    }
    // 8 claimers × 7 × 10 rounds is more than 400: every mail is claimed, none by two claimers.
    expect(claimedBy.size).toBe(400);
    expect(Math.max(...sizes)).toBe(7);
  });
});
