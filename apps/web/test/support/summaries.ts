import type { ContainerSummary } from '@berth/protocol';

/** An agent's container summary for tests: `hex` repeated is its id. */
export function containerSummary(
  hex: string,
  name: string,
  over: Partial<ContainerSummary> = {},
): ContainerSummary {
  return {
    id: hex.repeat(64).slice(0, 64),
    name,
    image: 'busybox',
    imageId: `sha256:${'b'.repeat(64)}`,
    command: ['sleep', '1000'],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: '2026-01-01T10:00:00Z',
    startedAt: '2026-01-01T10:00:01Z',
    finishedAt: null,
    ports: [],
    limits: {
      memory: null,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: {},
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    restartCount: 0,
    network: 'bridge',
    elevated: [],
    ...over,
  };
}
