import { readFileSync, readdirSync } from 'node:fs';
import type { ContainerDriver, NetworkMode } from '../containers/driver.js';
import { measureLifecycles, type LifecycleSamples } from '../start/rounds.js';
import type { DockerClient } from './clients.js';

/** utime, stime, cutime, cstime of /proc/<pid>/stat in ms (clock ticks of 10 ms). */
function statTimes(pid: number): [number, number, number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = (i: number) => Number(f[i - 3]) * 10;
  return [tick(14), tick(15), tick(16), tick(17)];
}

/** The live direct children of `pid` named `sh`: the agent's spawner shell (runtime/spawner). */
function shellChildren(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(' ').map(Number) : []) {
        if (readFileSync(`/proc/${k}/comm`, 'utf8').trim() === 'sh') out.push(k);
      }
    }
  } catch {
    /* a child gone meanwhile */
  }
  return out;
}

/**
 * CPU time (ms) a process used, and its children: the ones it waited for (cutime, cstime of
 * /proc/<pid>/stat; clock ticks of 10 ms) plus a live spawner shell's own time and its waited-for
 * children's (the overlay mount, conmon's foreground process: forked by the shell since
 * 2026-12-07). conmon's daemon (detached) and what it runs are not counted.
 */
export function cpuMs(pid: number): { self: number; children: number } {
  const [u, s, cu, cs] = statTimes(pid);
  let children = cu + cs;
  for (const sh of shellChildren(pid)) {
    try {
      children += statTimes(sh).reduce((a, b) => a + b, 0);
    } catch {
      /* gone meanwhile */
    }
  }
  return { self: u + s, children };
}

/** Per engine with a pid: CPU of the agent (self) and its direct children during each run -d. */
export type RunCpu = Map<string, { self: number[]; children: number[] }>;

/** `docker run -d`, then `docker stop -t 0` + `docker rm`: the same client on either engine. */
export function cliDriver(c: DockerClient, pid?: number, cpu?: RunCpu): ContainerDriver {
  const run = async (spec: Parameters<ContainerDriver['run']>[0]) =>
    (await c.docker(['run', '-d', '--network', spec.network, spec.image, ...spec.cmd])).trim();
  return {
    label: c.engine,
    run:
      pid === undefined || !cpu
        ? run
        : async (spec) => {
            const before = cpuMs(pid);
            const id = await run(spec);
            const after = cpuMs(pid);
            const e = cpu.get(c.engine) ?? { self: [], children: [] };
            e.self.push(after.self - before.self);
            e.children.push(after.children - before.children);
            cpu.set(c.engine, e);
            return id;
          },
    async remove(id) {
      await c.docker(['stop', '-t', '0', id]);
      await c.docker(['rm', id]);
    },
  };
}

/** Rounds of run -d / stop + rm on both engines, in rotating order; samples per engine. */
export function measureRunRemove(
  clients: readonly DockerClient[],
  image: string,
  network: NetworkMode,
  opts: { runs: number; warmup: number; log: (line: string) => void },
  cpu?: { pids: ReadonlyMap<string, number>; into: RunCpu },
): Promise<Map<string, LifecycleSamples>> {
  const spec = { image, cmd: ['sleep', '3600'], network };
  return measureLifecycles(
    clients.map((c) => cliDriver(c, cpu?.pids.get(c.engine), cpu?.into)),
    spec,
    opts,
  );
}
