// A second process on the same database (a SQLite file or a postgres:// URL), for tests of
// concurrent workers and launches:
//   worker <database> <smtpUrl> <nowIso>   drains the outbox
//   launch <database> <campaignId> <nowIso> launches a campaign
import { openDatabaseAt } from '../support/open-database-at';
import { launchCampaign } from '../../src/campaigns/campaign.service';
import { ctx, testSystem } from '../support/campaign-factories';
import { workerFor } from './helpers';

async function main() {
  const [mode, file, arg, nowIso] = process.argv.slice(2);
  const db = openDatabaseAt(file!);
  const now = new Date(nowIso!);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let result: unknown;
  try {
    if (mode === 'worker') {
      const { worker, transport } = workerFor(db, arg!, { workerId: `child-${process.pid}` });
      result = await worker.drain(now);
      transport.close();
    } else {
      result = await launchCampaign(db, testSystem, Number(arg), ctx, now);
    }
  } catch (error) {
    result = { error: (error as Error).constructor.name, message: (error as Error).message };
  }
  await db.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
