// A second process on the same database (a SQLite file or a PostgreSQL URL), for tests of
// concurrent workers and launches:
//   worker <file> <smtpUrl> <nowIso>   drains the outbox
//   launch <file> <campaignId> <nowIso> launches a campaign
//   run <file> <smtpUrl> <optionsJson>  sends on the real clock until nothing is left to send
//                                       (options: TestWorkerOptions, plus untilMs, the longest run)
import { openTarget, workerFor, type TestWorkerOptions } from './helpers';
import { runUntilNothingLeft } from './run-until-done';

async function main() {
  const [mode, file, arg, nowIso] = process.argv.slice(2);
  const db = openTarget(file!);
  const now = mode === 'run' ? new Date() : new Date(nowIso!);
  // Loaded only for a launch, before "ready" so both launches start together: the factories read
  // every survey template, which a sender does not need.
  const launching = mode === 'launch' ? { ...(await import('../../src/campaigns/campaign.service')), ...(await import('../support/campaign-factories')) } : undefined;
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let result: unknown;
  try {
    if (mode === 'worker') {
      const { worker, transport } = workerFor(db, arg!, { workerId: `child-${process.pid}` });
      result = await worker.drain(now);
      transport.close();
    } else if (mode === 'run') {
      const options = JSON.parse(nowIso!) as TestWorkerOptions & { untilMs?: number };
      const { worker, transport } = workerFor(db, arg!, { workerId: `child-${process.pid}`, ...options });
      result = await runUntilNothingLeft(db, worker, options.untilMs ?? 60_000);
      transport.close();
    } else {
      const { launchCampaign, ctx, testSystem } = launching!;
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
