// A second process writing the same SQLite file: N read-then-write transactions.
import { openDatabase } from '../../src/db/database';

async function main() {
  const [file, countArg] = process.argv.slice(2);
  const db = openDatabase(file!);
  // Start together with the parent, so the writes really overlap.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let failures = 0;
  for (let i = 0; i < Number(countArg); i++) {
    try {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('setting').select('value').where('key', '=', 'counter').executeTakeFirst();
        // Widen the window between the read and the write, as real services do.
        await new Promise((resolve) => setImmediate(resolve));
        const value = Number(row?.value ?? 0) + 1;
        await trx
          .insertInto('setting')
          .values({ key: 'counter', value: String(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
          .execute();
      });
    } catch (error) {
      failures++;
      console.error(String(error));
    }
  }
  await db.destroy();
  process.stdout.write(`${JSON.stringify({ failures })}\n`);
  process.exit(0);
}

void main();
