import type { ContainerDriver, RunSpec } from '../containers/driver.js';
import { timed } from '../lib/timing.js';

/**
 * Starts `count` containers with `concurrency` requests in flight; returns their IDs and the
 * wall time. Stops at the first failure (the caller's cleanup removes what was started).
 */
export async function startFleet(
  driver: ContainerDriver,
  spec: RunSpec,
  count: number,
  opts: { concurrency: number; onProgress?: (started: number) => void },
): Promise<{ ids: string[]; ms: number }> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      ids.push(await driver.run(spec));
      if (ids.length % 50 === 0) opts.onProgress?.(ids.length);
    }
  };
  const t = await timed(() =>
    Promise.all(Array.from({ length: Math.min(opts.concurrency, count) }, worker)),
  );
  return { ids, ms: t.ms };
}
