import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerRecord, Stats } from '@berth/runtime';
import { containerInspect, containerSummary, effectiveCommand, mountsOf } from './dto.js';
import { eventTypeOf } from './events.js';
import { parseTmpfs, toCreateOptions, toUpdateInput } from './request.js';
import { toContainerStats } from './stats.js';
import { parsePs, procsFiles } from './top.js';

const rec: ContainerRecord = {
  id: 'c'.repeat(64),
  name: 'web',
  createdAt: '2026-01-01T00:00:00Z',
  image: {
    ref: `sha256:${'d'.repeat(64)}`,
    config: { cmd: ['/bin/sh'], entrypoint: ['/init'], env: ['PATH=/bin'] },
  },
  options: {
    image: 'busybox',
    memory: 67108864,
    volumes: ['/h:/c:ro', 'data:/d'],
    tmpfs: { '/run': '' },
    autoRemove: true,
    env: ['A=1'],
  },
  state: 'running',
  pid: 42,
  startedAt: '2026-01-01T00:00:01Z',
  finishedAt: null,
  exitCode: null,
  oomKilled: false,
  restartCount: 0,
  manuallyStopped: false,
  restartPolicy: { name: 'no', maximumRetryCount: 0 },
  stopSignal: 'SIGTERM',
  stopTimeout: 10,
  labels: { a: 'b' },
  network: {
    mode: 'bridge',
    netnsPath: '/x',
    ip: '10.88.0.2',
    gateway: '10.88.0.1',
    ports: [],
    endpoints: [
      {
        networkId: 'n'.repeat(64),
        network: 'app',
        ifname: 'eth0',
        ip: '10.88.0.2',
        prefixLen: 16,
        gateway: '10.88.0.1',
        mac: 'aa:bb',
        aliases: ['db'],
        ipv4Address: null,
        defaultRoute: true,
        dnsServer: '10.88.0.1',
      },
    ],
  },
  volumes: ['data'],
  rootfs: '/r',
  bundle: '/b',
  logPath: '/l',
  cgroupsPath: '/berth/c',
};

test('summary: image name as given, limits, command', () => {
  const s = containerSummary(rec);
  assert.equal(s.image, 'busybox');
  assert.equal(s.imageId, rec.image.ref);
  assert.equal(s.limits.memory, 67108864);
  assert.equal(s.limits.cpus, null);
  assert.deepEqual(s.command, ['/init', '/bin/sh']);
});

test('command follows docker: --entrypoint drops the image CMD, a command replaces it', () => {
  assert.deepEqual(effectiveCommand({ ...rec, options: { cmd: ['ls'] } }), ['/init', 'ls']);
  assert.deepEqual(effectiveCommand({ ...rec, options: { entrypoint: ['/x'] } }), ['/x']);
  assert.deepEqual(effectiveCommand({ ...rec, options: { entrypoint: [] } }), []);
});

test('inspect: mounts, env, autoRemove', () => {
  const i = containerInspect(rec);
  assert.equal(i.autoRemove, true);
  assert.deepEqual(i.config.env, ['PATH=/bin', 'A=1']);
  assert.equal(i.ip, '10.88.0.2');
  assert.deepEqual(i.networks, [
    {
      networkId: 'n'.repeat(64),
      network: 'app',
      ifname: 'eth0',
      ip: '10.88.0.2',
      prefixLen: 16,
      gateway: '10.88.0.1',
      mac: 'aa:bb',
      aliases: ['db'],
      ipv4Address: null,
    },
  ]);
  assert.deepEqual(mountsOf(rec.options), [
    { type: 'bind', source: '/h', destination: '/c', readOnly: true },
    { type: 'volume', source: 'data', destination: '/d', readOnly: false },
    { type: 'tmpfs', source: 'tmpfs', destination: '/run', readOnly: false },
  ]);
});

test('create request → runtime options', () => {
  const o = toCreateOptions({
    image: 'busybox',
    memory: 1,
    tmpfs: ['/run:size=1m', '/tmp'],
    autoRemove: true,
  });
  assert.equal(o.image, 'busybox');
  assert.equal(o.autoRemove, true);
  assert.equal(o.memory, 1);
  assert.deepEqual(o.tmpfs, { '/run': 'size=1m', '/tmp': '' });
  assert.equal(o.tty, false);
  assert.equal(o.openStdin, false);
  const t = toCreateOptions({ image: 'busybox', tty: true, openStdin: true });
  assert.deepEqual([t.tty, t.openStdin], [true, true]);
  assert.throws(() => parseTmpfs(['run']), /absolute/);
  assert.throws(() => toUpdateInput({}), /at least one/);
});

test('runtime events map to docker names', () => {
  assert.equal(eventTypeOf('exit'), 'die');
  assert.equal(eventTypeOf('remove'), 'destroy');
  assert.equal(eventTypeOf('start'), 'start');
});

test('stats: percentages from the previous sample, nulls kept', () => {
  const s: Stats = {
    timestampMs: 2000,
    cgroupVersion: 1,
    cpu: {
      usageNs: 1.5e9,
      userNs: null,
      systemNs: null,
      quotaUs: 50000,
      periodUs: 100000,
      periods: 1,
      throttledPeriods: 0,
      throttledNs: 0,
    },
    memory: { usage: 10, limit: null, workingSet: 5, rss: 1, cache: 2, swap: null, oomKills: 0 },
    io: { readBytes: 1, writeBytes: 2, readOps: 3, writeOps: 4 },
    pids: { current: 1, limit: null },
    psi: null,
    network: null,
  };
  const first = toContainerStats(rec, s, null, 2);
  assert.equal(first.cpu.percentOfHost, null);
  assert.equal(first.net.rxBytes, null);
  const next = toContainerStats(rec, s, { usageNs: 1e9, timestampMs: 1000 }, 2);
  assert.equal(next.cpu.percentOfHost, 25);
  assert.equal(next.cpu.percentOfLimit, 100);
  assert.equal(next.memory.limit, null);
});

test('top: ps parsing keeps spaces in the command', () => {
  const t = parsePs(
    '  UID   PID  PPID STIME     TIME COMMAND\n    0  10    1 05:37 00:00:00 httpd -f -p 80\n',
  );
  assert.deepEqual(t.titles, ['UID', 'PID', 'PPID', 'STIME', 'TIME', 'COMMAND']);
  assert.deepEqual(t.processes, [['0', '10', '1', '05:37', '00:00:00', 'httpd -f -p 80']]);
  assert.ok(procsFiles('/berth/x').includes('/sys/fs/cgroup/pids/berth/x/cgroup.procs'));
  assert.ok(procsFiles('/berth/x').includes('/sys/fs/cgroup/berth/x/cgroup.procs'));
});
