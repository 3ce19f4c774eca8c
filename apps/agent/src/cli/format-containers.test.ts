import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStats, ContainerSummary } from '@berth/protocol';
import {
  containerStatus,
  formatCommand,
  formatEventLine,
  formatPorts,
  formatPsTable,
  formatStatsTable,
  psJson,
  statsJson,
} from './format-containers.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const base: ContainerSummary = {
  id: 'a'.repeat(64),
  name: 'web',
  image: 'busybox',
  imageId: `sha256:${'b'.repeat(64)}`,
  command: ['httpd', '-f', '-p', '80'],
  state: 'running',
  exitCode: null,
  oomKilled: false,
  createdAt: '2026-01-01T00:05:00Z',
  startedAt: '2026-01-01T00:07:00Z',
  finishedAt: null,
  ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
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
};

test('status reads like docker for every state', () => {
  assert.equal(containerStatus(base, NOW), 'Up 3 minutes');
  assert.equal(containerStatus({ ...base, state: 'paused' }, NOW), 'Up 3 minutes (Paused)');
  assert.equal(containerStatus({ ...base, state: 'created', startedAt: null }, NOW), 'Created');
  assert.equal(
    containerStatus(
      { ...base, state: 'exited', exitCode: 137, finishedAt: '2026-01-01T00:09:58Z' },
      NOW,
    ),
    'Exited (137) 2 seconds ago',
  );
  assert.equal(
    containerStatus(
      { ...base, state: 'exited', exitCode: 0, finishedAt: '2026-01-01T00:09:59.5Z' },
      NOW,
    ),
    'Exited (0) Less than a second ago',
  );
  assert.equal(containerStatus({ ...base, state: 'removing' }, NOW), 'Removal In Progress');
});

test('ports: ip:host->container/proto, IPv6 in brackets', () => {
  assert.equal(formatPorts(base.ports), '127.0.0.1:8080->80/tcp');
  assert.equal(
    formatPorts([
      { hostIp: '::1', hostPort: 53, containerPort: 53, protocol: 'udp' },
      { hostIp: '0.0.0.0', hostPort: 1, containerPort: 2, protocol: 'tcp' },
    ]),
    '[::1]:53->53/udp, 0.0.0.0:1->2/tcp',
  );
  assert.equal(formatPorts([]), '');
});

test('command is quoted and truncated', () => {
  assert.equal(formatCommand(['httpd', '-f']), '"httpd -f"');
  assert.equal(
    formatCommand(['sh', '-c', 'while true; do sleep 1; done']),
    '"sh -c while true; d…"',
  );
});

test('ps table has docker columns', () => {
  const out = formatPsTable([base], NOW).split('\n');
  assert.match(out[0]!, /^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
  assert.match(
    out[1]!,
    /^aaaaaaaaaaaa\s+busybox\s+"httpd -f -p 80"\s+5 minutes ago\s+Up 3 minutes\s+127\.0\.0\.1:8080->80\/tcp\s+web$/,
  );
});

test('ps json keeps the stable keys', () => {
  const j = psJson({ ...base, state: 'exited', exitCode: 3, elevated: ['privileged'] }, NOW);
  for (const k of ['id', 'name', 'image', 'state', 'exitCode', 'ports', 'createdAt', 'status'])
    assert.ok(k in j, k);
  assert.equal(j.exitCode, 3);
  assert.deepEqual(j.elevated, ['privileged']);
});

const stats: ContainerStats = {
  id: 'a'.repeat(64),
  name: 'web',
  at: Date.parse('2026-01-01T00:00:00Z'),
  cpu: {
    usageNs: 1,
    percentOfHost: 12.345,
    percentOfLimit: null,
    onlineCpus: 2,
    periods: null,
    throttledPeriods: null,
    throttledNs: null,
  },
  memory: {
    usage: 2 * 1024 * 1024,
    limit: 64 * 1024 * 1024,
    workingSet: 1024 * 1024,
    rss: null,
    cache: null,
    swap: null,
    oomKills: 0,
  },
  io: { readBytes: 1000, writeBytes: 0, readOps: 1, writeOps: 0 },
  pids: { current: 3, limit: 100 },
  net: { rxBytes: 1500, txBytes: null, rxPackets: 1, txPackets: null, rxErrors: 0, txErrors: null },
  psi: null,
};

test('stats json keys and values', () => {
  const j = statsJson(stats);
  assert.deepEqual(
    [
      j.cpuPercent,
      j.memoryUsage,
      j.memoryWorkingSet,
      j.memoryLimit,
      j.pids,
      j.pidsLimit,
      j.netRx,
      j.netTx,
      j.blockRead,
      j.blockWrite,
    ],
    [12.345, 2097152, 1048576, 67108864, 3, 100, 1500, null, 1000, 0],
  );
  assert.equal(j.memoryPercent, (1 / 64) * 100);
});

test('stats table: working set over limit, host memory when unlimited, -- for unknown', () => {
  const lines = formatStatsTable([stats], 8 * 1024 ** 3).split('\n');
  assert.match(lines[1]!, /12\.35%\s+1MiB \/ 64MiB\s+1\.56%\s+1\.5kB \/ --\s+1kB \/ 0B\s+3$/);
  const unlimited = formatStatsTable(
    [{ ...stats, memory: { ...stats.memory, limit: null } }],
    8 * 1024 ** 3,
  );
  assert.match(unlimited, /1MiB \/ 8GiB/);
});

test('event line lists attributes', () => {
  assert.equal(
    formatEventLine({
      kind: 'container',
      type: 'die',
      id: 'x',
      at: 'T',
      name: 'web',
      exitCode: 1,
      signal: undefined,
    }),
    'T container die x (name=web, exitCode=1)\n',
  );
});
