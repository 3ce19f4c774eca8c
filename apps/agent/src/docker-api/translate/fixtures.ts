import type { ContainerRecord } from '@berth/runtime';

/** A container record as the runtime keeps it (for the translation tests). */
export function record(over: Partial<ContainerRecord> = {}): ContainerRecord {
  return {
    id: 'a'.repeat(64),
    name: 'web',
    createdAt: '2026-01-01T00:00:00.000Z',
    image: {
      ref: 'sha256:' + 'b'.repeat(64),
      config: { env: ['PATH=/bin', 'A=image'], cmd: ['sh'], workingDir: '/', user: '' },
    },
    options: {
      image: 'busybox:1',
      env: ['A=own'],
      cmd: ['sleep', '10'],
      volumes: ['/host:/data:ro', 'vol1:/v'],
      tmpfs: { '/run': 'size=1m' },
      memory: 64 << 20,
      cpus: 1.5,
      tty: true,
      openStdin: true,
      autoRemove: false,
      docker: {
        exposedPorts: ['80/tcp', '53/udp'],
        networkMode: 'default',
        attachStdout: true,
        healthcheck: { Test: ['CMD', 'true'], Interval: 1e9 },
      },
    },
    state: 'running',
    pid: 4242,
    startedAt: '2026-01-01T00:00:01.000Z',
    finishedAt: null,
    exitCode: null,
    oomKilled: false,
    restartCount: 2,
    manuallyStopped: false,
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    labels: { tier: 'web' },
    network: {
      mode: 'bridge',
      netnsPath: '/var/run/netns/x',
      ip: '10.88.0.5',
      gateway: '10.88.0.1',
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      endpoints: [],
    },
    volumes: ['vol1'],
    rootfs: '/d/containers/a/rootfs',
    bundle: '/d/containers/a/bundle',
    logPath: '/d/containers/a/ctr.log',
    cgroupsPath: '/berth/a',
    ...over,
  } as ContainerRecord;
}
