import type { Logger } from '../shared/logger';
import type { Clock } from '../shared/time';

/**
 * Runs `step` again and again until stopped; each pass waits `idleMs` unless it found work.
 * The wait keeps the process alive (a worker process has nothing else to), and stop() ends it.
 */
export function runLoop(step: () => Promise<boolean>, idleMs: number, logger?: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const done = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await step();
      } catch (error) {
        logger?.error({ err: error }, 'background worker step failed');
      }
      if (!busy && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, idleMs);
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await done;
    },
  };
}

/**
 * A worker's passes, one at a time: run() refuses a second pass while one is under way (they
 * would claim and count the same work twice), and `current` is that pass, for stop() to wait on.
 * `now` is a fixed time (tests) or a clock (the background worker).
 */
export class SinglePass<T> {
  current: Promise<T> | undefined;

  constructor(private readonly workerName: string) {}

  async run(now: Date | Clock, pass: (clock: Clock) => Promise<T>): Promise<T> {
    if (this.current) throw new Error(`the ${this.workerName} is already running`);
    this.current = pass(typeof now === 'function' ? now : () => now);
    try {
      return await this.current;
    } finally {
      this.current = undefined;
    }
  }
}
