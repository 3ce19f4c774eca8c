import { timed } from '../lib/timing.js';
import type { DockerClient } from './clients.js';

/** Starts `n` `sleep` containers (`--network none`), two clients at a time; returns their IDs. */
export async function startFleet(c: DockerClient, image: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  const one = async () => {
    const out = await c.docker(['run', '-d', '--network', 'none', image, 'sleep', '3600']);
    ids.push(out.trim());
  };
  for (let i = 0; i < n; i += 2) await Promise.all(n - i > 1 ? [one(), one()] : [one()]);
  return ids;
}

export async function removeFleet(c: DockerClient, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 25) await c.docker(['rm', '-f', ...ids.slice(i, i + 25)]);
}

/**
 * `docker stats --no-stream` over all running containers, `runs` times (after `warmup`); checks
 * that every container shows up. Times in ms.
 */
export async function measureStats(
  c: DockerClient,
  expected: number,
  opts: { runs: number; warmup: number },
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = -opts.warmup; i < opts.runs; i++) {
    const t = await timed(() =>
      c.docker(['stats', '--no-stream', '--format', '{{.ID}} {{.CPUPerc}} {{.MemUsage}}']),
    );
    const rows = t.value.trim().split('\n').filter(Boolean).length;
    if (rows !== expected)
      throw new Error(`${c.engine}: docker stats listed ${rows} containers, expected ${expected}`);
    if (i >= 0) samples.push(t.ms);
  }
  return samples;
}
