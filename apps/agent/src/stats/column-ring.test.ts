import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnRing } from './column-ring.js';

test('ring keeps the last `capacity` rows in order and overwrites the oldest', () => {
  const ring = new ColumnRing(['a', 'b'] as const, 3);
  assert.equal(ring.latest(), null);
  for (let t = 1; t <= 5; t++) ring.push({ at: t * 1000, a: t, b: t % 2 === 0 ? null : -t });
  assert.equal(ring.size, 3);
  assert.deepEqual(ring.rows(), [
    { at: 3000, a: 3, b: -3 },
    { at: 4000, a: 4, b: null },
    { at: 5000, a: 5, b: -5 },
  ]);
  assert.deepEqual(ring.latest(), { at: 5000, a: 5, b: -5 });
});

test('rows(since) and mean(field, since) use the time window; null stays null, never 0', () => {
  const ring = new ColumnRing(['cpu'] as const, 900);
  for (let t = 0; t < 1000; t++) ring.push({ at: t, cpu: t < 995 ? null : t });
  assert.equal(ring.size, 900);
  assert.equal(ring.rows()[0]!.at, 100);
  assert.deepEqual(
    ring.rows(998).map((r) => r.at),
    [998, 999],
  );
  assert.equal(ring.rows(5000).length, 0);
  assert.equal(ring.mean('cpu', 990), (995 + 996 + 997 + 998 + 999) / 5);
  assert.equal(ring.mean('cpu', 0 + 100), (995 + 996 + 997 + 998 + 999) / 5);
  assert.equal(ring.mean('cpu', 2000), null);
  const nulls = new ColumnRing(['x'] as const, 2);
  nulls.push({ at: 1, x: null });
  nulls.push({ at: 2, x: Number.NaN });
  assert.equal(nulls.mean('x', 0), null);
  assert.deepEqual(nulls.rows(), [
    { at: 1, x: null },
    { at: 2, x: null },
  ]);
});

test('capacity must be a positive integer', () => {
  assert.throws(() => new ColumnRing(['a'], 0), RangeError);
  assert.throws(() => new ColumnRing(['a'], 1.5), RangeError);
});

test('float32 fields: half the bytes, gauges round to 7 significant digits; others stay exact', () => {
  const ring = new ColumnRing(['gauge', 'counter'] as const, 2, { float32: ['gauge'] });
  const big = 2 ** 40 + 1; // a cumulative byte counter past float32's 24-bit mantissa
  ring.push({ at: 1, gauge: 1 / 3, counter: big });
  ring.push({ at: 2, gauge: null, counter: big + 1 });
  const [a, b] = ring.rows();
  assert.equal(a!.counter, big);
  assert.equal(b!.counter! - a!.counter!, 1, 'counter deltas survive');
  assert.ok(Math.abs(a!.gauge! - 1 / 3) < 1e-7 && a!.gauge !== 1 / 3);
  assert.equal(b!.gauge, null, 'null stays null');
});

test('columns of both widths share one buffer without overlapping, across wrap-around', () => {
  const fields = ['g1', 'c1', 'g2', 'c2'] as const;
  const ring = new ColumnRing(fields, 3, { float32: ['g1', 'g2'] });
  for (let t = 1; t <= 7; t++)
    ring.push({ at: t, g1: t, c1: 10 * t, g2: -t, c2: t === 6 ? null : 2 ** 40 + t });
  assert.deepEqual(ring.rows(), [
    { at: 5, g1: 5, c1: 50, g2: -5, c2: 2 ** 40 + 5 },
    { at: 6, g1: 6, c1: 60, g2: -6, c2: null },
    { at: 7, g1: 7, c1: 70, g2: -7, c2: 2 ** 40 + 7 },
  ]);
  assert.equal(ring.mean('g2', 6), -6.5);
  assert.equal(ring.mean('c1', 0), 60);
});
