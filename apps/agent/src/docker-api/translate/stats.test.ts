import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stats } from '@berth/runtime';
import { dockerCliCpuPercent, parseSystemCpuNs, toDockerStats } from './stats.js';

function stats(usageNs: number, at: number): Stats {
  return {
    timestampMs: at,
    cgroupVersion: 1,
    cpu: {
      usageNs,
      userNs: usageNs / 2,
      systemNs: usageNs / 2,
      quotaUs: null,
      periodUs: null,
      periods: 5,
      throttledPeriods: 1,
      throttledNs: 100,
    },
    memory: {
      usage: 10_000_000,
      limit: null,
      workingSet: 6_000_000,
      rss: 5_000_000,
      cache: 4_000_000,
      swap: null,
      oomKills: 0,
    },
    io: { readBytes: 4096, writeBytes: 8192, readOps: 1, writeOps: 2 },
    pids: { current: 3, limit: 100 },
    psi: null,
    network: { rxBytes: 1000, txBytes: 500, rxPackets: 10, txPackets: 5, rxErrors: 0, txErrors: 0 },
  };
}

const meta = { id: 'c1', name: 'web', onlineCpus: 2, hostMemory: 8 << 30 };

test('/proc/stat cpu line → host CPU ns', () => {
  assert.equal(parseSystemCpuNs('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3\n'), 10_000_000_000);
  assert.equal(parseSystemCpuNs('nonsense'), null);
});

test('docker stats computes CPU % from cpu_stats/precpu_stats as Docker does', () => {
  const pre = { stats: stats(1e9, 1000), systemNs: 100e9 };
  const cur = { stats: stats(1.5e9, 2000), systemNs: 102e9 };
  const d = toDockerStats(cur, pre, meta);
  // 0.5 s of CPU over 2 s of both CPUs' time → ×2 CPUs → 50 %
  assert.equal(dockerCliCpuPercent(d), 50);
  assert.equal(d.cpu_stats.online_cpus, 2);
  assert.equal(d.precpu_stats.system_cpu_usage, 100e9);
  assert.equal(d.name, '/web');
  assert.equal(d.read, new Date(2000).toISOString());
});

test('memory, limit, block I/O, network and pids in Docker’s fields', () => {
  const d = toDockerStats({ stats: stats(1, 1), systemNs: 1 }, null, meta);
  assert.equal(d.memory_stats.usage, 10_000_000);
  assert.equal(d.memory_stats.stats?.total_inactive_file, 4_000_000, 'usage − working set');
  assert.equal(d.memory_stats.limit, 8 << 30, 'no limit: the host’s memory');
  assert.deepEqual(d.blkio_stats.io_service_bytes_recursive, [
    { major: 0, minor: 0, op: 'Read', value: 4096 },
    { major: 0, minor: 0, op: 'Write', value: 8192 },
  ]);
  assert.equal(d.networks?.eth0?.rx_bytes, 1000);
  assert.deepEqual(d.pids_stats, { current: 3, limit: 100 });
  assert.equal(d.precpu_stats.cpu_usage.total_usage, 0, 'the first reading has no previous one');
  assert.equal(d.precpu_stats.system_cpu_usage, undefined);
  assert.equal(d.preread, '0001-01-01T00:00:00Z');
});
