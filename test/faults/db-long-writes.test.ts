import { importContacts } from '../../src/customers/contact-import.service';
import type { ImportRowInput } from '../../src/customers/contact-import';
import { systemActor } from '../../src/auth/user';
import { describeSqliteOnly } from '../support/test-database';
import type { Db } from '../../src/db/database';
import { eachTestGets } from '../support/per-test';

// better-sqlite3 is one connection per process: a write transaction that runs for seconds holds
// every other request's writes (and reads) until it commits. Long imports commit in chunks.
describeSqliteOnly('a large contact import', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  const rows = (n: number): ImportRowInput[] =>
    Array.from({ length: n }, (_, i) => ({
      line: i + 2,
      customer: `Customer ${i % 700}`,
      email: `person${i}@example.com`,
      name: `Person ${i}`,
      language: 'sv',
    }) as unknown as ImportRowInput);

  it('lets other writes through while it runs, and a second import of the same rows changes nothing', async () => {
    const actor = systemActor('test');
    const importing = importContacts(db, actor, { rows: rows(5000) }, new Date());
    let importDone = false;
    void importing.then(() => (importDone = true));
    // A respondent's write arriving just after the import started.
    await new Promise((resolve) => setImmediate(resolve));
    await db.insertInto('setting').values({ key: 'meanwhile', value: '1' }).execute();
    expect(importDone).toBe(false);
    const first = await importing;
    expect(first.errors).toEqual([]);
    expect(first.created).toBe(5000);
    expect(await db.selectFrom('contact').select('id').execute()).toHaveLength(5000);
    expect(first.customersCreated).toBe(700);

    const second = await importContacts(db, actor, { rows: rows(5000) }, new Date());
    expect(second).toMatchObject({ created: 0, updated: 0, customersCreated: 0, customersUpdated: 0 });
    expect(second.unchanged).toBe(5000);
  });
});
