import type { ContainerDriver, RunSpec } from '../containers/driver.js';
import { ms } from '../lib/report.js';
import { timed } from '../lib/timing.js';

/** Per driver: `run -d` times and stop + rm times, in milliseconds. */
export interface LifecycleSamples {
  run: number[];
  remove: number[];
}

/** Pure: the drivers rotated by `round`, so each goes first, second, … equally often. */
export function rotation<T>(items: readonly T[], round: number): T[] {
  const k = ((round % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * `warmup` discarded rounds, then `runs` measured ones. A round runs one container per driver
 * (in rotating order) and removes it right away: `run` is timed until the engine answered
 * (container running), `remove` is stop `-t 0` + rm.
 */
export async function measureLifecycles(
  drivers: readonly ContainerDriver[],
  spec: RunSpec,
  opts: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Map<string, LifecycleSamples>> {
  const samples = new Map(
    drivers.map((d) => [d.label, { run: [], remove: [] } as LifecycleSamples]),
  );
  for (let round = -opts.warmup; round < opts.runs; round++) {
    const parts: string[] = [];
    for (const d of rotation(drivers, round)) {
      const started = await timed(() => d.run(spec));
      const removed = await timed(() => d.remove(started.value));
      if (round >= 0) {
        samples.get(d.label)!.run.push(started.ms);
        samples.get(d.label)!.remove.push(removed.ms);
      }
      parts.push(`${d.label} ${ms(started.ms)}/${ms(removed.ms)}`);
    }
    opts.log(`  ${round < 0 ? 'warm-up' : `run ${round + 1}/${opts.runs}`}: ${parts.join(', ')}`);
  }
  return samples;
}
