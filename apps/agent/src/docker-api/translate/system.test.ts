import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SystemInfo } from '@berth/protocol';
import { goArch, toDockerInfo, toDockerVersion, unameMachine } from './system.js';

const info: SystemInfo = {
  facts: {
    hostname: 'h1',
    kernel: '6.1.0-test',
    os: 'Debian GNU/Linux 12 (bookworm)',
    arch: 'x64',
    cgroupVersion: 1,
    cpus: 2,
    memoryBytes: 4 << 30,
    runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
    agentVersion: '0.1.0',
  },
  hostId: null,
  server: null,
  connected: false,
  dataRoot: '/var/lib/berth',
  execRoot: '/run/berth',
  uptimeSec: 5,
  containers: { total: 3, running: 1 },
  images: 2,
  link: { state: 'disabled', error: null },
};

test('architectures: Go names for /version, uname names for /info', () => {
  assert.equal(goArch('x64'), 'amd64');
  assert.equal(goArch('arm64'), 'arm64');
  assert.equal(unameMachine('x64'), 'x86_64');
  assert.equal(unameMachine('arm64'), 'aarch64');
});

test('/version reports API 1.41 (min 1.12) and the Engine component', () => {
  const v = toDockerVersion(info, '0.1.0');
  assert.equal(v.ApiVersion, '1.41');
  assert.equal(v.MinAPIVersion, '1.12');
  assert.equal(v.Os, 'linux');
  assert.equal(v.Arch, 'amd64');
  assert.equal(v.KernelVersion, '6.1.0-test');
  assert.deepEqual(
    v.Components.map((c) => c.Name),
    ['Engine', 'runc', 'conmon'],
  );
  assert.equal(v.Components[0]!.Details.ApiVersion, '1.41');
});

test('/info counts by state and reports the host', () => {
  const i = toDockerInfo(
    info,
    { running: 1, paused: 1, stopped: 2, images: 2 },
    new Date('2026-01-01T00:00:00Z'),
    '0.1.0',
  );
  assert.equal(i.Containers, 4);
  assert.equal(i.ContainersRunning, 1);
  assert.equal(i.ContainersPaused, 1);
  assert.equal(i.ContainersStopped, 2);
  assert.equal(i.Images, 2);
  assert.equal(i.NCPU, 2);
  assert.equal(i.MemTotal, 4 << 30);
  assert.equal(i.CgroupVersion, '1');
  assert.equal(i.OperatingSystem, 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(i.Architecture, 'x86_64');
  assert.equal(i.Name, 'h1');
  assert.equal(i.DockerRootDir, '/var/lib/berth');
  assert.equal(i.SystemTime, '2026-01-01T00:00:00.000Z');
  assert.equal(i.Swarm.LocalNodeState, 'inactive');
});
