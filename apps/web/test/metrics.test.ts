import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '@berth/testkit';
import { cgroupOf, startRealFleet, type RealFleet } from './support/real-fleet.js';
import { parseMetrics, type Sample } from './support/prometheus.js';

/**
 * GET /metrics against a real agent: one scrape target for the fleet, parsed by an independent
 * Prometheus text-format parser, its numbers checked against the kernel's cgroup files of a
 * real container (the oracle), and what a scrape may see.
 */
let fleet: RealFleet;
let token: string;
const MiB = 1024 * 1024;

before(async () => {
  fleet = await startRealFleet({ hostName: 'metrics-host' });
  const res = await fleet.admin.request('POST', '/api/tokens', {
    name: 'prometheus',
    scopes: ['metrics'],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  token = res.body.token as string;
});
after(async () => {
  await fleet?.stop();
});

async function scrape(bearer = token) {
  const res = await fetch(`${fleet.web.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    metrics: res.status === 200 ? parseMetrics(text) : null,
  };
}

function sampleOf(
  metrics: ReturnType<typeof parseMetrics>,
  name: string,
  labels: Record<string, string>,
): Sample | undefined {
  return metrics
    .get(name)
    ?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

test("a busy container's CPU seconds, memory working set and limit match its cgroup", async () => {
  const id = await fleet.run('hog', {
    cmd: ['sh', '-c', 'while :; do :; done'],
    memory: 64 * MiB,
    labels: { 'com.docker.compose.project': 'shop' },
  });
  const { pid } = await fleet.inspect(id);
  assert.ok(pid);
  const cgroup = cgroupOf(pid);
  const c = { id, name: 'hog', host_id: fleet.hostId };
  const first = await waitFor(
    'the container in a stats summary',
    async () => {
      const s = await scrape();
      const cpu = s.metrics && sampleOf(s.metrics, 'berth_container_cpu_seconds_total', c);
      return cpu && cpu.value > 0 ? { s, cpu: cpu.value } : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  const m = first.s.metrics!;
  assert.match(first.s.type ?? '', /^text\/plain; version=0\.0\.4/);
  assert.equal(m.get('berth_container_cpu_seconds_total')!.type, 'COUNTER');
  // the counter is a reading from the last 10 s: never above what the kernel counts now
  assert.ok(first.cpu <= cgroup.cpuSeconds(), `${first.cpu} s vs cgroup ${cgroup.cpuSeconds()} s`);
  assert.equal(sampleOf(m, 'berth_container_memory_limit_bytes', c)?.value, cgroup.memoryLimit());
  assert.equal(cgroup.memoryLimit(), 64 * MiB);
  const ws = sampleOf(m, 'berth_container_memory_working_set_bytes', c)!.value;
  assert.ok(ws > 0 && ws <= 64 * MiB, `working set ${ws}`);
  assert.equal(sampleOf(m, 'berth_container_up', c)?.value, 1);
  assert.equal(sampleOf(m, 'berth_container_restarts_total', c)?.value, 0);
  assert.equal(sampleOf(m, 'berth_container_oom_kills_total', c)?.value, 0);
  assert.equal(sampleOf(m, 'berth_container_up', c)?.labels.stack, 'shop');
  // CPU time climbs between scrapes of a busy loop (no rate asserted)
  await waitFor(
    'CPU seconds to climb',
    async () => {
      const s = await scrape();
      const v = s.metrics && sampleOf(s.metrics, 'berth_container_cpu_seconds_total', c)?.value;
      return v !== undefined && v !== null && v > first.cpu ? v : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 2000 },
  );
});

test('the host, its agent link and health checks are in the same scrape', async () => {
  await fleet.run('sick', {
    healthcheck: {
      test: ['CMD-SHELL', 'exit 1'],
      interval: 500_000_000,
      retries: 1,
      timeout: 2_000_000_000,
    },
  });
  const s = await waitFor(
    'the failing health check in the metrics',
    async () => {
      const r = await scrape();
      const v =
        r.metrics &&
        sampleOf(r.metrics, 'berth_container_health_status', { name: 'sick', status: 'unhealthy' });
      return v?.value === 1 ? r : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  const m = s.metrics!;
  const h = { host_id: fleet.hostId, host: 'metrics-host' };
  assert.equal(sampleOf(m, 'berth_host_up', h)?.value, 1);
  assert.ok(sampleOf(m, 'berth_host_memory_total_bytes', h)!.value > 0);
  const size = sampleOf(m, 'berth_host_data_root_size_bytes', h)!.value;
  const used = sampleOf(m, 'berth_host_data_root_used_bytes', h)!.value;
  assert.ok(size > 0 && used > 0 && used <= size);
  assert.ok(sampleOf(m, 'berth_agent_rtt_seconds', h)!.value > 0);
  assert.ok(sampleOf(m, 'berth_agent_stats_age_seconds', h)!.value >= 0);
  assert.ok((sampleOf(m, 'berth_host_containers', { ...h, state: 'running' })?.value ?? 0) >= 2);
  assert.ok(m.has('berth_web_process_cpu_seconds_total'));
});

test('who may scrape: a metrics token, not a read token, not anonymous; host limits apply', async () => {
  assert.equal((await fetch(`${fleet.web.baseUrl}/metrics`)).status, 401);
  const read = await fleet.admin.request('POST', '/api/tokens', {
    name: 'reader',
    scopes: ['read'],
  });
  assert.equal((await scrape(read.body.token as string)).status, 403);
  const other = await fleet.admin.request('POST', '/api/hosts', { name: 'metrics-other' });
  const otherId = (other.body.host as { id: string }).id;
  const limited = await fleet.admin.request('POST', '/api/tokens', {
    name: 'one',
    scopes: ['metrics'],
    hosts: [otherId],
  });
  const s = await scrape(limited.body.token as string);
  assert.equal(s.status, 200);
  const hostIds = new Set(
    [...s.metrics!.values()].flatMap((f) => f.samples.map((x) => x.labels.host_id)).filter(Boolean),
  );
  assert.ok(!hostIds.has(fleet.hostId), 'the other host is not in a host-limited scrape');
  assert.ok(!s.metrics!.has('berth_web_process_cpu_seconds_total'));
});
