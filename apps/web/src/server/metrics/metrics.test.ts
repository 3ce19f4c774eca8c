import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '@berth/protocol';
import { fleetFamilies, type MetricsHost } from './fleet-families.js';
import { renderMetrics } from './render.js';
import type { LiveHost } from '../fleet/live-fleet.js';
import { parseMetrics } from '../../../test/support/prometheus.js';

const ID = 'c'.repeat(64);
const NOW = 2_000_000;

const host = (id: string, status = 'online'): MetricsHost => ({
  id,
  name: `name-${id}`,
  status,
  facts: {
    hostname: 'box',
    os: 'Debian',
    kernel: '6.1',
    arch: 'x64',
    agentVersion: '1.0',
    cpus: 2,
  },
});

const container = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: ID,
  name: 'web',
  image: 'busybox',
  imageId: 'sha256:x',
  command: [],
  state: 'running',
  exitCode: null,
  oomKilled: false,
  createdAt: '',
  startedAt: null,
  finishedAt: null,
  ports: [],
  limits: {} as ContainerSummary['limits'],
  labels: { 'com.docker.compose.project': 'shop' },
  restartPolicy: { name: 'always', maximumRetryCount: 0 },
  restartCount: 4,
  network: 'bridge',
  health: 'unhealthy',
  elevated: [],
  ...over,
});

const live = (over: Partial<LiveHost> = {}): LiveHost => ({
  connected: true,
  containers: [
    container(),
    container({ id: 'd'.repeat(64), name: 'old', state: 'exited', health: null, labels: {} }),
  ],
  summary: {
    at: 0,
    host: { at: 0, cpuPercent: 12.5, memoryUsed: 1000, memoryTotal: 4000, cpus: 2 },
    containers: [
      {
        id: ID,
        cpuPercent: 3,
        memoryUsage: 300,
        memoryLimit: 1024,
        cpuUsageNs: 2_500_000_000,
        memoryWorkingSet: 200,
        oomKills: 1,
        cpuPercentOfLimit: null,
      },
    ],
    dataRoot: { path: '/d', sizeBytes: 100, usedBytes: 60, availableBytes: 30 },
  },
  summaryReceivedAt: NOW - 4000,
  heartbeat: { receivedAt: NOW - 5000, sentAt: NOW - 5250 },
  ...over,
});

test('the fleet as metric families, rendered by prom-client and read back by another parser', async () => {
  const lives = new Map([
    ['h1', live()],
    ['h2', live({ connected: false })],
  ]);
  const families = fleetFamilies({
    now: NOW,
    hosts: [host('h1'), host('h2'), host('h3', 'revoked')],
    live: (id) => lives.get(id) ?? live({ connected: false }),
    rtt: new Map([['h1', 0.004]]),
  });
  const { body, contentType } = await renderMetrics(families, { withProcess: false });
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  const m = parseMetrics(body);
  const one = (name: string, labels: Record<string, string> = {}) => {
    const f = m.get(name);
    assert.ok(f, `${name} missing`);
    const hits = f.samples.filter((s) =>
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
    assert.equal(hits.length, 1, `${name} ${JSON.stringify(labels)}: ${hits.length} samples`);
    return hits[0]!;
  };
  assert.equal(one('berth_host_up', { host_id: 'h1' }).value, 1);
  assert.equal(one('berth_host_up', { host_id: 'h2' }).value, 0);
  assert.equal(m.get('berth_host_up')!.samples.length, 2, 'revoked hosts are left out');
  assert.equal(one('berth_host_cpu_percent', { host_id: 'h1' }).value, 12.5);
  assert.equal(one('berth_host_data_root_used_bytes').value, 60);
  assert.equal(one('berth_host_containers', { host_id: 'h1', state: 'exited' }).value, 1);
  assert.equal(one('berth_agent_heartbeat_age_seconds').value, 5);
  assert.equal(one('berth_agent_heartbeat_lag_seconds').value, 0.25);
  assert.equal(one('berth_agent_rtt_seconds').value, 0.004);
  const web = { id: ID, name: 'web', stack: 'shop', host: 'name-h1' };
  assert.equal(m.get('berth_container_cpu_seconds_total')!.type, 'COUNTER');
  assert.equal(one('berth_container_cpu_seconds_total', web).value, 2.5);
  assert.equal(one('berth_container_memory_working_set_bytes', web).value, 200);
  assert.equal(one('berth_container_memory_limit_bytes', web).value, 1024);
  assert.equal(one('berth_container_restarts_total', web).value, 4);
  assert.equal(one('berth_container_oom_kills_total', web).value, 1);
  assert.equal(one('berth_container_health_status', { ...web, status: 'unhealthy' }).value, 1);
  assert.equal(one('berth_container_health_status', { ...web, status: 'healthy' }).value, 0);
  assert.equal(one('berth_container_up', web).value, 1);
  assert.equal(one('berth_container_up', { name: 'old' }).value, 0);
  // the stopped container has no stats: nothing made up for it
  assert.equal(m.get('berth_container_cpu_seconds_total')!.samples.length, 1);
  // the disconnected host's containers are not reported
  assert.ok(m.get('berth_container_up')!.samples.every((s) => s.labels.host_id === 'h1'));
});

test('the web process metrics come along when asked', async () => {
  const { body } = await renderMetrics([], { withProcess: true });
  assert.ok(parseMetrics(body).has('berth_web_process_cpu_seconds_total'));
});
