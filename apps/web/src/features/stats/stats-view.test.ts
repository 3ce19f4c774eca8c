import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatPercent, formatRate, formatThrottle } from './format.js';
import { applySummary, summaryKey } from './summary-store.js';
import { sparklinePath } from './sparkline-path.js';
import { containerCharts, latestCpu, mergePoints, withGaps } from './graph-model.js';
import { axisIncrs, axisRange, decimalsForStep, formatTicks } from './axis.js';
import type { StatsChartPoint } from '../../lib/stats/chart-points.js';

test('units read at a glance', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB');
  assert.equal(formatBytes(1.5 * 1024 ** 3), '1.50 GiB');
  assert.equal(formatBytes(null), '–');
  assert.equal(formatRate(1500), '1.50 kB/s');
  assert.equal(formatRate(12_300_000), '12.3 MB/s');
  assert.equal(formatPercent(3.14159), '3.14 %');
  assert.equal(formatPercent(150), '150 %');
  assert.equal(formatPercent(undefined), '–');
  assert.equal(formatThrottle(12.34), '12.3 ms/s');
});

test('summary store keeps the last N values per container and drops stopped ones', () => {
  const host = { at: 0, cpuPercent: 1, memoryUsed: 1, memoryTotal: 2, cpus: 2 };
  let m = applySummary(
    new Map(),
    {
      hostId: 'h',
      at: 0,
      host,
      containers: [{ id: 'a', cpuPercent: 1, memoryUsage: 10, memoryLimit: null }],
    },
    3,
  );
  m = applySummary(
    m,
    {
      hostId: 'other',
      at: 0,
      host,
      containers: [{ id: 'x', cpuPercent: 5, memoryUsage: 1, memoryLimit: 2 }],
    },
    3,
  );
  for (const cpu of [2, null, 4]) {
    m = applySummary(
      m,
      {
        hostId: 'h',
        at: 0,
        host,
        containers: [
          { id: 'a', cpuPercent: cpu, memoryUsage: 10, memoryLimit: 100 },
          { id: 'b', cpuPercent: 9, memoryUsage: 1, memoryLimit: null },
        ],
      },
      3,
    );
  }
  const a = m.get(summaryKey('h', 'a'))!;
  assert.deepEqual(a.history.cpu, [2, null, 4], 'bounded to 3, nulls kept as gaps');
  assert.equal(a.cpuPercent, 4);
  assert.equal(a.memoryLimit, 100);
  assert.ok(m.has('other:x'), 'other hosts untouched');
  m = applySummary(m, { hostId: 'h', at: 0, host, containers: [] }, 3);
  assert.equal(m.has('h:a'), false, 'a container no longer live is dropped');
  assert.ok(m.has('other:x'));
});

test('sparkline path: scaled to max, nulls break the line, empty when nothing known', () => {
  assert.equal(sparklinePath([null, null], { width: 10, height: 10 }), '');
  const d = sparklinePath([0, 50, null, 100], { width: 32, height: 12, max: 100, pad: 1 });
  assert.equal(d, 'M1.0 11.0L11.0 6.0M31.0 1.0');
});

function point(at: number, over: Partial<StatsChartPoint> = {}): StatsChartPoint {
  return {
    at,
    cpuPercent: 1,
    cpuPercentOfLimit: null,
    memoryUsage: 10,
    memoryWorkingSet: 8,
    memoryCache: null,
    memoryLimit: null,
    ioReadRate: 0,
    ioWriteRate: 0,
    netRxRate: 0,
    netTxRate: 0,
    pids: 1,
    pidsLimit: null,
    throttledMsPerSec: null,
    psiCpu: null,
    psiMemory: null,
    psiIo: null,
    ...over,
  };
}

test('merge: live points after the history for short ranges, cut to the range', () => {
  const now = 1_000_000;
  const history = [point(now - 400_000), point(now - 200_000), point(now - 2000)];
  const live = [point(now - 2000), point(now - 1000), point(now)];
  const merged = mergePoints(history, live, '5m', now);
  assert.deepEqual(
    merged.map((p) => now - p.at),
    [200_000, 199_999, 2000, 1000, 0],
    'a hole of 198 s in 1 s samples gets a gap point',
  );
  assert.equal(merged[1]!.cpuPercent, null);
  const long = mergePoints(history, live, '1h', now);
  assert.equal(
    long.filter((p) => p.cpuPercent !== null).length,
    3,
    'rollup ranges do not append 1 s samples',
  );
});

test('gaps: a stopped container shows a gap, not a line across it; dense points stay as they are', () => {
  const dense = [point(0), point(1000), point(2000)];
  assert.deepEqual(withGaps(dense, 5000), dense);
  const holed = withGaps([point(0), point(1000), point(60_000), point(61_000)], 5000);
  assert.deepEqual(
    holed.map((p) => [p.at, p.cpuPercent === null]),
    [
      [0, false],
      [1000, false],
      [1001, true],
      [60_000, false],
      [61_000, false],
    ],
  );
});

test('charts: CPU of limit only with a limit; limit lines only when known; PSI only on v2', () => {
  const plain = containerCharts([point(1000), point(2000)], { cgroupVersion: 1 });
  const ids = plain.map((c) => c.testId);
  assert.deepEqual(ids, [
    'graph-cpu',
    'graph-memory',
    'graph-io',
    'graph-network',
    'graph-pids',
    'graph-throttling',
  ]);
  assert.deepEqual(
    plain[0]!.series.map((s) => s.label),
    ['% of host'],
  );
  assert.deepEqual(
    plain[1]!.series.map((s) => s.label),
    ['working set'],
  );
  const limited = containerCharts(
    [point(1000, { cpuPercentOfLimit: 40, memoryLimit: 100, memoryCache: 3, pidsLimit: 64 })],
    { cgroupVersion: 2 },
  );
  assert.deepEqual(
    limited[0]!.series.map((s) => s.label),
    ['% of limit', '% of host'],
  );
  assert.deepEqual(
    limited[1]!.series.map((s) => s.label),
    ['working set', 'cache', 'limit'],
  );
  assert.deepEqual(limited[1]!.data, [[1], [8], [3], [100]]);
  assert.deepEqual(
    limited[4]!.series.map((s) => s.label),
    ['pids', 'pids.max'],
  );
  assert.equal(limited[limited.length - 1]!.testId, 'graph-psi');
  assert.deepEqual(latestCpu([point(1, { cpuPercent: 5 }), point(2, { cpuPercentOfLimit: 80 })]), {
    value: 80,
    of: 'limit',
  });
  assert.deepEqual(latestCpu([]), { value: null, of: 'host' });
});

test('axis range: flat or all-zero series still get a readable minimum range per unit', () => {
  assert.deepEqual(axisRange('rate', 0, 0), [0, 1000]);
  assert.deepEqual(axisRange('throttle', null, null), [0, 1]);
  assert.deepEqual(axisRange('percent', 0, 2), [0, 10]);
  assert.deepEqual(axisRange('bytes', 0, 0), [0, 1024 * 1024]);
  assert.deepEqual(axisRange('percent', 0, 3, { min: 0, max: 100 }), [0, 100]);
  const [lo, hi] = axisRange('rate', 0, 50_000);
  assert.equal(lo, 0);
  assert.ok(Math.abs(hi - 55_000) < 1e-6);
});

test('axis increments: binary steps for bytes, whole numbers for counts', () => {
  const bytes = axisIncrs('bytes');
  assert.ok(bytes.includes(16 * 1024 * 1024) && bytes.includes(32 * 1024 * 1024));
  assert.ok(bytes.every((b) => Number.isInteger(Math.log2(b))));
  assert.ok(axisIncrs('count').every((c) => Number.isInteger(c) && c >= 1));
  assert.ok(axisIncrs('throttle').includes(0.2));
});

test('tick labels: decimals follow the step, so neighbouring labels differ', () => {
  assert.deepEqual(formatTicks('rate', [0, 200, 400, 600, 800, 1000]), [
    '0.0 kB/s',
    '0.2 kB/s',
    '0.4 kB/s',
    '0.6 kB/s',
    '0.8 kB/s',
    '1.0 kB/s',
  ]);
  assert.deepEqual(formatTicks('throttle', [0, 0.2, 0.4]), ['0.0 ms/s', '0.2 ms/s', '0.4 ms/s']);
  assert.deepEqual(formatTicks('bytes', [0, 16 * 2 ** 20, 32 * 2 ** 20, 48 * 2 ** 20]), [
    '0 MiB',
    '16 MiB',
    '32 MiB',
    '48 MiB',
  ]);
  assert.deepEqual(formatTicks('bytes', [0, 2 ** 29, 2 ** 30]), ['0.0 GiB', '0.5 GiB', '1.0 GiB']);
  assert.deepEqual(formatTicks('percent', [0, 2.5, 5, 7.5]), ['0.0 %', '2.5 %', '5.0 %', '7.5 %']);
  assert.deepEqual(formatTicks('percent', [0, 20, 40]), ['0 %', '20 %', '40 %']);
  assert.deepEqual(formatTicks('count', [0, 2, 4]), ['0', '2', '4']);
  assert.deepEqual(formatTicks('rate', []), []);
  assert.equal(decimalsForStep(0.25), 2);
  assert.equal(decimalsForStep(0.1 + 0.2), 1);
  for (const [kind, ticks] of [
    ['rate', [0, 0.2, 0.4, 0.6, 0.8, 1].map((x) => x * 1000)],
    ['throttle', [0, 0.05, 0.1, 0.15]],
    ['bytes', [0, 2 ** 17, 2 ** 18, 3 * 2 ** 17]],
  ] as const) {
    const labels = formatTicks(kind, ticks);
    assert.equal(new Set(labels).size, labels.length, labels.join(', '));
  }
});
