import type { Logger } from '../shared/logger';

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
