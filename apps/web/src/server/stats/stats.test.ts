import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatsPoint } from '@berth/protocol';
import { MINUTE_MS, nextRollupFrom, rollupPoints } from './rollup.js';
import { createSubscriptionCounts, toAgentParams } from './subscription-counts.js';
import { fromRollups } from './rollup-points.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0); // a minute boundary

function pt(at: number, over: Partial<StatsPoint> = {}): StatsPoint {
  return {
    at,
    cpuPercent: 10,
    cpuPercentOfLimit: null,
    memoryUsage: 100,
    memoryWorkingSet: 80,
    memoryLimit: 1000,
    ioReadRate: 0,
    ioWriteRate: 0,
    netRxRate: 0,
    netTxRate: 0,
    pids: 2,
    ...over,
  };
}

test("rollup: complete minutes only, avg/max, bytes per minute from the agent's rates incl. across the boundary", () => {
  const points = [
    pt(T0 - 1000, { ioReadRate: null, netRxRate: null }), // before the first minute: a series' start
    pt(T0, { cpuPercent: 10, ioReadRate: 50, pids: 2 }), // 50 B/s over the 1 s since the last point
    pt(T0 + 30_000, { cpuPercent: 30, memoryUsage: 300, ioReadRate: 4, pids: 7 }), // 4 B/s × 30 s
    pt(T0 + MINUTE_MS, { cpuPercent: null, ioReadRate: 0.5 }),
    pt(T0 + 2 * MINUTE_MS + 1, { ioReadRate: 999 }), // minute not complete yet
  ];
  const buckets = rollupPoints(points, { fromMs: T0, nowMs: T0 + 2 * MINUTE_MS + 5000 });
  assert.equal(buckets.length, 2);
  const [m0, m1] = buckets as [(typeof buckets)[0], (typeof buckets)[0]];
  assert.equal(m0.minute, T0);
  assert.equal(m0.samples, 2);
  assert.equal(m0.cpuPercentAvg, 20);
  assert.equal(m0.cpuPercentMax, 30);
  assert.equal(m0.memoryUsageAvg, 200);
  assert.equal(m0.memoryUsageMax, 300);
  assert.equal(m0.ioReadBytes, 170, '50 from the boundary pair + 120 inside');
  assert.equal(m0.netRxBytes, 0);
  assert.equal(m0.pidsMax, 7);
  assert.equal(m0.memoryLimit, 1000);
  assert.equal(m1.minute, T0 + MINUTE_MS);
  assert.equal(m1.cpuPercentAvg, null, 'unknown stays null, never 0');
  assert.equal(m1.ioReadBytes, 15);
});

test('rollup: idempotent and an unknown rate (a counter reset) adds nothing', () => {
  const points = [pt(T0, { ioReadRate: null }), pt(T0 + 1000, { ioReadRate: null })];
  const a = rollupPoints(points, { fromMs: T0, nowMs: T0 + MINUTE_MS });
  assert.deepEqual(a, rollupPoints(points, { fromMs: T0, nowMs: T0 + MINUTE_MS }));
  assert.equal(a[0]!.ioReadBytes, null);
  assert.deepEqual(rollupPoints(points, { fromMs: T0, nowMs: T0 + 59_000 }), [], 'incomplete');
  assert.deepEqual(rollupPoints(points, { fromMs: T0 + 1, nowMs: T0 + 3 * MINUTE_MS }), []);
});

test('next rollup start: after the last minute, never before the ring', () => {
  const now = T0 + 30 * MINUTE_MS + 5000;
  const ring = 15 * MINUTE_MS;
  assert.equal(nextRollupFrom(undefined, now, ring), T0 + 16 * MINUTE_MS);
  assert.equal(nextRollupFrom(T0 + 28 * MINUTE_MS, now, ring), T0 + 29 * MINUTE_MS);
  assert.equal(nextRollupFrom(T0, now, ring), T0 + 16 * MINUTE_MS);
});

test('rollups → chart points: minute byte deltas become per-second rates', () => {
  const [p] = fromRollups([
    {
      containerId: 'h:c',
      minute: T0,
      samples: 60,
      cpuPercentAvg: 5,
      cpuPercentMax: 9,
      memoryUsageAvg: 10,
      memoryUsageMax: 20,
      memoryWorkingSet: 8,
      memoryLimit: null,
      ioReadBytes: 6000,
      ioWriteBytes: null,
      netRxBytes: 60,
      netTxBytes: 0,
      pidsMax: 3,
    },
  ]);
  assert.equal(p!.ioReadRate, 100);
  assert.equal(p!.ioWriteRate, null);
  assert.equal(p!.netRxRate, 1);
  assert.equal(p!.cpuPercent, 5);
  assert.equal(p!.pids, 3);
});

test('subscription counts: first viewer subscribes, last one leaving unsubscribes', () => {
  const c = createSubscriptionCounts();
  const ctr = { kind: 'container', containerId: 'abc' } as const;
  assert.deepEqual(c.add('s1', 'h', ctr), { first: true });
  assert.deepEqual(c.add('s2', 'h', ctr), { first: false });
  assert.deepEqual(c.add('s1', 'h', ctr), { first: false }, 'same tab twice');
  assert.deepEqual(c.socketsFor('h', ctr).sort(), ['s1', 's2']);
  assert.deepEqual(c.remove('s1', 'h', ctr), { last: false });
  assert.deepEqual(c.remove('s2', 'h', ctr), { last: false }, 's1 still has one');
  assert.deepEqual(c.remove('s1', 'h', ctr), { last: true });
  assert.deepEqual(c.remove('s1', 'h', ctr), { last: false }, 'unknown pair changes nothing');
  assert.deepEqual(c.socketsFor('h', ctr), []);
});

test('subscription counts: a socket leaving releases all its targets; targets per host', () => {
  const c = createSubscriptionCounts();
  c.add('s1', 'h', { kind: 'container', containerId: 'a' });
  c.add('s1', 'h', { kind: 'container', containerId: 'a' });
  c.add('s1', 'h', { kind: 'host' });
  c.add('s2', 'h', { kind: 'container', containerId: 'b' });
  c.add('s1', 'h2', { kind: 'container', containerId: 'a' });
  c.add('s2', 'h2', { kind: 'container', containerId: 'a' });
  assert.deepEqual(toAgentParams(c.targetsOf('h')), { containerIds: ['a', 'b'], host: true });
  const emptied = c.removeSocket('s1');
  assert.deepEqual(emptied, [
    { hostId: 'h', target: { kind: 'container', containerId: 'a' } },
    { hostId: 'h', target: { kind: 'host' } },
  ]);
  assert.deepEqual(toAgentParams(c.targetsOf('h')), { containerIds: ['b'] });
  assert.deepEqual(c.socketsFor('h2', { kind: 'container', containerId: 'a' }), ['s2']);
});

test('subscription counts: distinct targets per socket (what the per-socket cap counts)', () => {
  const c = createSubscriptionCounts();
  const a = { kind: 'container', containerId: 'a' } as const;
  c.add('s1', 'h', a);
  c.add('s1', 'h', a);
  c.add('s1', 'h', { kind: 'host' });
  c.add('s1', 'h2', a);
  c.add('s2', 'h', { kind: 'container', containerId: 'b' });
  assert.equal(c.targetCountOf('s1'), 3, 'the same target twice counts once');
  assert.equal(c.watches('s1', 'h', a), true);
  assert.equal(c.watches('s2', 'h', a), false);
  c.removeSocket('s1');
  assert.equal(c.targetCountOf('s1'), 0);
});
