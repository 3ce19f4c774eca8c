import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stats } from '@berth/runtime';
import {
  dockerCliCpuPercent,
  earlierTick,
  parseSystemCpuNs,
  statsFromRecent,
  toDockerStats,
} from './stats.js';

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

test('one answer from the sampler: latest tick with the previous as precpu; one-shot without; else null', () => {
  const tick = (usageNs: number, at: number) => ({
    stats: stats(usageNs, at),
    systemCpuNs: at * 2e6, // 2 CPUs' worth of ns per ms
  });
  const recent = {
    pid: 42,
    current: tick(1_500_000_000, 2000),
    previous: tick(1_000_000_000, 1000),
  };
  const s = statsFromRecent(recent, 42, false, meta)!;
  assert.equal(s.read, new Date(2000).toISOString());
  assert.equal(s.preread, new Date(1000).toISOString());
  assert.equal(s.cpu_stats.system_cpu_usage, 4_000_000_000);
  assert.equal(s.precpu_stats.cpu_usage.total_usage, 1_000_000_000);
  // 0.5 s of CPU over 1 s of wall time on 2 CPUs (2 s of host CPU time) × 2 CPUs = 50 %
  assert.equal(dockerCliCpuPercent(s), 50);
  const one = statsFromRecent(recent, 42, true, meta)!;
  assert.equal(one.precpu_stats.cpu_usage.total_usage, 0, 'one-shot: no precpu, as Docker');
  assert.equal(one.cpu_stats.cpu_usage.total_usage, 1_500_000_000);
  assert.equal(statsFromRecent(recent, 43, false, meta), null, 'readings of another run');
  assert.equal(statsFromRecent({ ...recent, previous: null }, 42, false, meta), null, 'no precpu');
  assert.ok(statsFromRecent({ ...recent, previous: null }, 42, true, meta), 'one-shot needs none');
  assert.equal(statsFromRecent(null, 42, true, meta), null);
  assert.equal(statsFromRecent(undefined, 42, true, meta), null, 'no sampler');
  const unknownHost = statsFromRecent(
    { ...recent, current: { ...recent.current, systemCpuNs: null } },
    42,
    false,
    meta,
  )!;
  assert.equal(dockerCliCpuPercent(unknownHost), 0, 'no host CPU time: 0 %, never a made-up one');
});

test('a reading taken now gets the sampler’s tick of the same run as precpu when far enough back', () => {
  const recent = {
    pid: 7,
    current: { stats: stats(1_000_000_000, 1000), systemCpuNs: 2e9 },
    previous: null,
  };
  const now = { stats: stats(1_200_000_000, 1400), systemNs: 2.8e9 };
  const pre = earlierTick(recent, 7, now, 250)!;
  assert.equal(pre.systemNs, 2e9);
  assert.equal(dockerCliCpuPercent(toDockerStats(now, pre, meta)), 50);
  assert.equal(earlierTick(recent, 7, now, 500), null, 'too close');
  assert.equal(earlierTick(recent, 8, now, 250), null, 'another run');
  assert.equal(earlierTick(null, 7, now, 250), null);
});
