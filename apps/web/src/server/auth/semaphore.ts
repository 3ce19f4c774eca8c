/**
 * At most `max` tasks run at once; up to `maxWaiting` more wait in line (FIFO). Beyond that
 * `run` refuses at once with `onFull()`'s error, so a flood cannot queue unbounded work (argon2
 * hashes cost 19 MiB and tens of milliseconds each). Pure: no timers, no I/O.
 */
export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Running and waiting tasks. */
  load(): { running: number; waiting: number };
}

export function createSemaphore(opts: {
  max: number;
  maxWaiting: number;
  onFull: () => Error;
}): Semaphore {
  let running = 0;
  const waiting: (() => void)[] = [];

  function release() {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    async run(task) {
      if (running >= opts.max) {
        if (waiting.length >= opts.maxWaiting) throw opts.onFull();
        // The releasing task hands its slot over: `running` stays the same.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
