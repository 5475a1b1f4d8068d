// The client side of the load generator: one autocannon process on the load core, sent one job
// per round.
import path from 'node:path';
import { startNode, type Child } from './processes';

export interface LoadJob {
  /** Origin, e.g. http://127.0.0.1:4000. */
  url: string;
  connections: number;
  /** Run for this many seconds, unless `amount` is given (then exactly that many requests). */
  seconds?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Request i uses requests[i % length]. */
  requests: { path: string; body?: string }[];
}

export interface LoadResult {
  total: number;
  seconds: number;
  /** Responses per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  maxLatency: number;
  bytes: number;
  errors: number;
  timeouts: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  /** How many different entries of `requests` were used. */
  distinctRequests: number;
}

type Reply = { ready: true } | { id: number; result?: LoadResult; error?: string };

export class LoadGenerator {
  private sequence = 0;
  private readonly waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;

  private constructor(private readonly proc: Child) {
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    proc.child.on('message', (message: Reply) => {
      if ('ready' in message) return markReady();
      const pending = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(`load generator: ${message.error}`));
      else pending?.resolve(message.result!);
    });
    void proc.exited.then((code) => {
      for (const pending of this.waiting.values()) pending.reject(new Error(`load generator exited (${code}):\n${proc.output()}`));
    });
  }

  static async start(): Promise<LoadGenerator> {
    const generator = new LoadGenerator(startNode(path.join(__dirname, 'load-worker.js'), [], { role: 'load', ipc: true }));
    await generator.ready;
    return generator;
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = ++this.sequence;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.proc.child.send({ id, job });
    });
  }

  async close(): Promise<void> {
    await this.proc.stop();
  }
}

/** Fails when a round had transport errors or answers other than the expected statuses. */
export function checkStatuses(label: string, result: LoadResult, expected: string[]): void {
  const unexpected = Object.entries(result.statuses).filter(([status]) => !expected.includes(status));
  if (result.errors > 0 || unexpected.length > 0) {
    throw new Error(`${label}: ${result.errors} errors (${result.timeouts} timeouts), statuses ${JSON.stringify(result.statuses)}; expected only ${expected.join(', ')}`);
  }
}
