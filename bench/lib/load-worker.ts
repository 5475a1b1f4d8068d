// The load generator's own process (started by load.ts on the load core): runs autocannon for
// each job it is sent and answers with the figures. Each request takes the next path (and body)
// of the job's list, so a round spreads over many respondent tokens.
import type { LoadJob, LoadResult } from './load';

interface Cannon {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
interface CannonResult {
  duration: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
}
type CannonFn = (opts: Record<string, unknown>, done: (error: Error | null, result: CannonResult) => void) => Cannon;
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as CannonFn;

function run(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const statuses: Record<string, number> = {};
    const started = process.hrtime.bigint();
    let lastResponse = started;
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.seconds }),
        method: job.method ?? 'GET',
        headers: job.headers ?? {},
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => {
              const item = job.requests[next++ % job.requests.length]!;
              return { ...req, path: item.path, ...(item.body === undefined ? {} : { body: item.body }) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          total: result.requests.total,
          seconds,
          // With `amount`, autocannon ends the run only at its next one-second sample tick, so its
          // duration is rounded up to whole seconds (1,500 requests in 3.1 s read as 375/s): time
          // such a run to its last response instead.
          rps: result.requests.total / (job.amount ? Number(lastResponse - started) / 1e9 : result.duration),
          p50: result.latency.p50,
          p99: result.latency.p99,
          maxLatency: result.latency.max,
          bytes: result.throughput.total,
          errors: result.errors,
          timeouts: result.timeouts,
          statuses,
          distinctRequests: Math.min(next, job.requests.length),
        });
      },
    );
    instance.on('response', (_client, statusCode) => {
      const key = String(statusCode);
      statuses[key] = (statuses[key] ?? 0) + 1;
      lastResponse = process.hrtime.bigint();
    });
  });
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send!({ id: message.id, result }),
    (error: Error) => process.send!({ id: message.id, error: error.message }),
  );
});
process.send!({ ready: true });
