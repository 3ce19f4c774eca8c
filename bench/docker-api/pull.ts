import type { BerthAgent } from '../lib/agent.js';
import { timed } from '../lib/timing.js';
import { berthCli, type DockerClient } from './clients.js';

/** Pulls an image cold and forgets it again (untimed), so the next pull fetches every layer. */
export interface Puller {
  readonly engine: DockerClient['engine'];
  /** How the pull is made (the same `docker pull`, or Berth's CLI where its socket lacks it). */
  readonly via: string;
  pull(ref: string): Promise<void>;
  reset(ref: string): Promise<void>;
}

export function dockerPuller(c: DockerClient): Puller {
  return {
    engine: c.engine,
    via: 'docker pull',
    pull: async (ref) => void (await c.docker(['pull', ref])),
    async reset(ref) {
      await c.docker(['rmi', ref]);
      await c.docker(['image', 'prune', '--all', '--force']);
    },
  };
}

/**
 * Berth's side: `docker pull` through its Docker API when the socket serves image pulls, else
 * `berth pull` (Berth's own CLI, labelled as such). Reset with `berth rmi` + `berth image prune`,
 * which also drops the layers no image uses.
 */
export async function berthPuller(
  c: DockerClient,
  agent: BerthAgent,
  probeRef: string,
): Promise<Puller> {
  const probe = await c.tryDocker(['pull', probeRef]);
  const viaDocker = probe.code === 0;
  const reset = async (ref: string) => {
    await berthCli(agent, ['rmi', ref]);
    await berthCli(agent, ['image', 'prune', '-f']);
  };
  if (viaDocker) await reset(probeRef);
  return {
    engine: 'berth',
    via: viaDocker ? 'docker pull' : 'berth pull (FALLBACK: the Docker API has no image pull here)',
    pull: async (ref) =>
      void (viaDocker ? await c.docker(['pull', ref]) : await berthCli(agent, ['pull', ref])),
    reset,
  };
}

/** Cold pulls of `ref`, alternating which engine goes first; ms per engine. */
export async function measurePulls(
  pullers: readonly Puller[],
  ref: string,
  opts: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Map<string, number[]>> {
  const samples = new Map(pullers.map((p) => [p.engine as string, [] as number[]]));
  for (let round = -opts.warmup; round < opts.runs; round++) {
    const order = (round & 1) === 0 ? pullers : [...pullers].reverse();
    const parts: string[] = [];
    for (const p of order) {
      const t = await timed(() => p.pull(ref));
      await p.reset(ref);
      if (round >= 0) samples.get(p.engine)!.push(t.ms);
      parts.push(`${p.engine} ${t.ms.toFixed(0)} ms`);
    }
    opts.log(`  ${round < 0 ? 'warm-up' : `run ${round + 1}/${opts.runs}`}: ${parts.join(', ')}`);
  }
  return samples;
}
