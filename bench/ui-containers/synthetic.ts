import { createHash } from 'node:crypto';
import {
  ContainerSummarySchema,
  type ContainerEvent,
  type ContainerSummary,
  type HostFacts,
} from '@berth/protocol';

/** Pure: the i-th synthetic container (deterministic id, name, image); valid per the schema. */
export function syntheticContainer(i: number, now: Date): ContainerSummary {
  const id = createHash('sha256').update(`sim-container-${i}`).digest('hex');
  const running = i % 10 !== 0;
  const at = new Date(now.getTime() - (i + 60) * 1000).toISOString();
  return ContainerSummarySchema.parse({
    id,
    name: `sim-${String(i).padStart(4, '0')}`,
    image: `registry.example/app-${i % 12}:1.${i % 5}`,
    imageId: `sha256:${createHash('sha256')
      .update(`img-${i % 12}`)
      .digest('hex')}`,
    command: ['sleep', '3600'],
    state: running ? 'running' : 'exited',
    exitCode: running ? null : 0,
    oomKilled: false,
    createdAt: at,
    startedAt: at,
    finishedAt: running ? null : now.toISOString(),
    ports: [],
    limits: {
      memory: 64 << 20,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: { bench: 'ui-containers' },
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    restartCount: 0,
    network: 'bridge',
  });
}

/** Pure: flips a container running ↔ exited, returning the new summary and its event. */
export function toggled(c: ContainerSummary, now: Date): [ContainerSummary, ContainerEvent] {
  const at = now.toISOString();
  if (c.state === 'running') {
    const next = { ...c, state: 'exited' as const, exitCode: 137, finishedAt: at };
    return [
      next,
      { kind: 'container', type: 'die', id: c.id, name: c.name, image: c.image, at, exitCode: 137 },
    ];
  }
  const next = { ...c, state: 'running' as const, exitCode: null, startedAt: at, finishedAt: null };
  return [next, { kind: 'container', type: 'start', id: c.id, name: c.name, image: c.image, at }];
}

/** Pure: a changing CPU % and memory figure for container i at tick t. */
export function syntheticLoad(
  i: number,
  tick: number,
): { cpuPercent: number; memoryUsage: number } {
  const phase = (i * 7 + tick * 13) % 100;
  return {
    cpuPercent: Math.round(((phase * 37) % 1000) / 10) / 10,
    memoryUsage: (8 << 20) + ((i * 131 + tick * 977) % 40) * (1 << 20),
  };
}

export const SIMULATOR_FACTS: HostFacts = {
  hostname: 'sim-host',
  kernel: '6.1.0-sim',
  os: 'Simulated Linux',
  arch: 'x64',
  cgroupVersion: 2,
  cpus: 16,
  memoryBytes: 64 * 2 ** 30,
  runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
  agentVersion: '0.1.0-simulator',
};
