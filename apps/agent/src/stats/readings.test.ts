import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stats } from '@berth/runtime';
import { READING_WIDTH, RunReadings, packReading, unpackReading } from './readings.js';

/** A v2 reading with every kind of value: PSI with and without windows, network, large counters. */
function v2(at: number): Stats {
  return {
    timestampMs: at,
    cgroupVersion: 2,
    cpu: {
      usageNs: 123_456_789_012_345,
      userNs: 100_000_000_001,
      systemNs: 23_456_789_012,
      quotaUs: 50_000,
      periodUs: 100_000,
      periods: 42,
      throttledPeriods: 7,
      throttledNs: 1_500_000,
    },
    memory: {
      usage: 16_777_216,
      limit: 33_554_432,
      workingSet: 12_345_678,
      rss: 8_000_000,
      cache: 4_000_000,
      swap: 0,
      oomKills: 1,
    },
    io: { readBytes: 4096, writeBytes: 2 ** 40 + 3, readOps: 1, writeOps: 9 },
    pids: { current: 3, limit: 512 },
    psi: {
      cpu: { some: { avg10: 0.25, avg60: 1.5 }, full: { avg10: 0, avg60: 0.01 } },
      memory: { some: { avg10: 12.34, avg60: 0 }, full: null },
      io: null,
    },
    network: {
      rxBytes: 9_007_199_254_740,
      txBytes: 1,
      rxPackets: 2,
      txPackets: 3,
      rxErrors: 4,
      txErrors: 5,
    },
  };
}

/** A v1 reading with unknowns: nulls everywhere they may be, no PSI, no network. */
function v1(at: number): Stats {
  return {
    timestampMs: at,
    cgroupVersion: 1,
    cpu: {
      usageNs: 0,
      userNs: null,
      systemNs: null,
      quotaUs: null,
      periodUs: null,
      periods: null,
      throttledPeriods: null,
      throttledNs: null,
    },
    memory: {
      usage: 1,
      limit: null,
      workingSet: null,
      rss: null,
      cache: null,
      swap: null,
      oomKills: null,
    },
    io: { readBytes: null, writeBytes: null, readOps: null, writeOps: null },
    pids: { current: null, limit: null },
    psi: null,
    network: null,
  };
}

test('a packed reading unpacks to the same values: nulls, PSI windows present or not, network', () => {
  const slots = new Float64Array(2 * READING_WIDTH);
  packReading(v2(1000), 5e12, slots, 0);
  packReading(v1(2000), null, slots, 1);
  assert.deepEqual(unpackReading(slots, 0), v2(1000));
  assert.deepEqual(unpackReading(slots, 1), v1(2000));
  const emptyPressures = { ...v2(3000), psi: { cpu: null, memory: null, io: null } };
  packReading(emptyPressures, null, slots, 0);
  assert.deepEqual(unpackReading(slots, 0), emptyPressures, 'psi with no pressure is not null');
});

test('run readings: latest for the rates, the two recent ones only once their tick completed', () => {
  const r = new RunReadings();
  assert.equal(r.latest(), null);
  assert.equal(r.recent(), null);
  r.add(v2(1000));
  assert.deepEqual(r.latest(), v2(1000));
  assert.equal(r.recent(), null, 'read, tick not completed yet');
  r.remember(7);
  assert.deepEqual(r.recent(), { current: { stats: v2(1000), systemCpuNs: 7 }, previous: null });
  assert.equal(r.recentAt, 1000);
  r.add(v1(2000));
  assert.deepEqual(r.latest(), v1(2000));
  assert.equal(r.recent()!.current.stats.timestampMs, 1000, 'the next tick reads: still answered');
  r.remember(null);
  assert.deepEqual(r.recent(), {
    current: { stats: v1(2000), systemCpuNs: null },
    previous: { stats: v2(1000), systemCpuNs: 7 },
  });
  r.add(v2(3000)); // a tick that failed after reading: never remembered
  r.add(v2(4000));
  assert.deepEqual(r.latestNetwork(), v2(4000).network);
  assert.deepEqual(r.latestCounters(), { cpuUsageNs: 123_456_789_012_345, oomKills: 1 });
  assert.deepEqual(
    [r.recent()!.previous!.stats.timestampMs, r.recent()!.current.stats.timestampMs],
    [1000, 2000],
    'the recent pair is untouched by reads of unfinished ticks',
  );
  r.remember(9);
  assert.deepEqual(
    [r.recent()!.previous!.stats.timestampMs, r.recent()!.current.stats.timestampMs],
    [2000, 4000],
  );
  r.forgetRecent();
  assert.equal(r.recent(), null);
  assert.equal(r.recentAt, null);
  assert.deepEqual(r.latest(), v2(4000), 'the rates still derive from the latest read');
  r.add(v1(5000));
  r.remember(1);
  assert.equal(r.recent()!.previous, null, 'readings before forgetting are gone');
});
