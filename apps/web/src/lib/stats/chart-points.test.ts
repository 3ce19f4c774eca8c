import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatsBatchSample, StatsPoint } from '@berth/protocol';
import { fromHistoryPoints, fromLiveSample, sourceForRange, trimWindow } from './chart-points.js';

test('range → source: ≤ 15 min from the agent ring, beyond from rollups', () => {
  assert.equal(sourceForRange('5m'), 'agent');
  assert.equal(sourceForRange('15m'), 'agent');
  assert.equal(sourceForRange('1h'), 'rollup');
  assert.equal(sourceForRange('24h'), 'rollup');
  assert.equal(sourceForRange('7d'), 'rollup');
});

const p = (at: number, io: number | null): StatsPoint => ({
  at,
  cpuPercent: 1,
  cpuPercentOfLimit: null,
  memoryUsage: 1,
  memoryWorkingSet: 1,
  memoryLimit: null,
  ioReadRate: io,
  ioWriteRate: 0,
  netRxRate: 0,
  netTxRate: 0,
  pids: 1,
});

test("history points: the agent's rates as they are; what the ring lacks is unknown", () => {
  const out = fromHistoryPoints([p(0, null), p(1000, 500), p(2000, null)]);
  assert.deepEqual(
    out.map((x) => x.ioReadRate),
    [null, 500, null],
  );
  assert.equal(out[1]!.memoryCache, null, 'the ring has no cache: unknown, not 0');
});

test("live sample: the agent's CPU % and rates, PSI some avg10", () => {
  const base = {
    id: 'c',
    name: 'c',
    containerId: 'c',
    at: Date.parse('2026-01-01T00:00:01.000Z'),
    rates: {
      ioReadRate: 4096,
      ioWriteRate: null,
      netRxRate: 0,
      netTxRate: 0,
      throttledMsPerSec: null,
    },
    cpu: {
      usageNs: 1,
      percentOfHost: 10,
      percentOfLimit: 20,
      onlineCpus: 2,
      periods: 1,
      throttledPeriods: 0,
      throttledNs: 0,
    },
    memory: { usage: 1, limit: 2, workingSet: 1, rss: 1, cache: 1, swap: null, oomKills: 0 },
    io: { readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0 },
    pids: { current: 1, limit: 10 },
    net: { rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0 },
    psi: null,
  };
  const sample: StatsBatchSample = {
    ...base,
    rates: { ...base.rates, throttledMsPerSec: 250 },
    psi: { cpu: { some: { avg10: 1.5, avg60: 1 }, full: null }, memory: null, io: null },
  };
  const pt = fromLiveSample(sample);
  assert.equal(pt.at, Date.parse('2026-01-01T00:00:01.000Z'));
  assert.equal(pt.cpuPercent, 10);
  assert.equal(pt.cpuPercentOfLimit, 20);
  assert.equal(pt.ioReadRate, 4096);
  assert.equal(pt.ioWriteRate, null);
  assert.equal(pt.throttledMsPerSec, 250);
  assert.equal(pt.psiCpu, 1.5);
  assert.equal(pt.psiMemory, null);
  assert.equal(fromLiveSample(base).throttledMsPerSec, null);
});

test('trimWindow keeps the last window only', () => {
  assert.deepEqual(
    trimWindow([{ at: 1 }, { at: 5 }, { at: 10 }], 10, 5).map((x) => x.at),
    [5, 10],
  );
});
