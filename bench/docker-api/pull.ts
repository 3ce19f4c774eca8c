import { readFile } from 'node:fs/promises';
import type { BerthAgent } from '../lib/agent.js';
import { median } from '../lib/stats.js';
import { timed } from '../lib/timing.js';
import { rotation } from '../start/rounds.js';
import { berthCli, type DockerClient } from './clients.js';

/** Pulls an image cold and forgets it again (untimed), so the next pull fetches every layer. */
export interface Puller {
  readonly engine: DockerClient['engine'];
  /** How the pull is made (the same `docker pull`, or Berth's CLI where its socket lacks it). */
  readonly via: string;
  /** The engine's daemon, whose CPU time (its own and its reaped children's) a pull costs. */
  readonly pid?: number;
  pull(ref: string): Promise<void>;
  reset(ref: string): Promise<void>;
}

export function dockerPuller(c: DockerClient, pid?: number): Puller {
  return {
    engine: c.engine,
    via: 'docker pull',
    pid,
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
    engine: c.engine,
    pid: agent.pid,
    via: viaDocker ? 'docker pull' : 'berth pull (FALLBACK: the Docker API has no image pull here)',
    pull: async (ref) =>
      void (viaDocker ? await c.docker(['pull', ref]) : await berthCli(agent, ['pull', ref])),
    reset,
  };
}

/**
 * CPU time of a process and its reaped children (dockerd's untar runs in a re-exec'ed child), in
 * ms, from /proc/PID/stat; undefined without a pid.
 */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // fields after "(comm)": state is field 3, utime..cstime are fields 14..17 (clock ticks)
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0);
  return ticks * 10; // USER_HZ is 100 on Linux
}

/**
 * Cold pulls of `ref`, rotating which engine goes first; ms per engine. Logs each pull's wall
 * time and its daemon's CPU time (less swayed by other jobs' load than the wall time is).
 */
export async function measurePulls(
  pullers: readonly Puller[],
  ref: string,
  opts: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Map<string, number[]>> {
  const samples = new Map(pullers.map((p) => [p.engine as string, [] as number[]]));
  const cpu = new Map(pullers.map((p) => [p.engine as string, [] as number[]]));
  for (let round = -opts.warmup; round < opts.runs; round++) {
    // rotated, not reversed: with three engines a reversal kept the same one in the middle, always
    // pulling right after another engine's pull (whose writeback and reset were still going on)
    const order = rotation(pullers, round);
    const parts: string[] = [];
    for (const p of order) {
      const before = await processCpuMs(p.pid);
      const t = await timed(() => p.pull(ref));
      const after = await processCpuMs(p.pid);
      await p.reset(ref);
      const used = before === undefined || after === undefined ? undefined : after - before;
      if (round >= 0) samples.get(p.engine)!.push(t.ms);
      if (round >= 0 && used !== undefined) cpu.get(p.engine)!.push(used);
      parts.push(
        `${p.engine} ${t.ms.toFixed(0)} ms${used === undefined ? '' : ` (cpu ${used} ms)`}`,
      );
    }
    opts.log(`  ${round < 0 ? 'warm-up' : `run ${round + 1}/${opts.runs}`}: ${parts.join(', ')}`);
  }
  const cpuMedians = [...cpu]
    .filter(([, s]) => s.length > 0)
    .map(([e, s]) => `${e} ${median(s).toFixed(0)} ms`);
  if (cpuMedians.length > 0) opts.log(`  daemon CPU per pull, median: ${cpuMedians.join(', ')}`);
  return samples;
}
