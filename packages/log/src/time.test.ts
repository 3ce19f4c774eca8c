import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpDate, isoTime } from './time.js';

const MAX = 8.64e15; // the ECMAScript time range: ±100 000 000 days around the epoch
const edges = [
  0,
  -1,
  1,
  999,
  MAX,
  -MAX,
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  Date.UTC(10000, 0, 1),
  Date.UTC(0, 0, 1) - 1,
  Date.UTC(-1, 0, 1),
  Date.UTC(2024, 1, 29, 12, 0, 0, 5),
  Date.UTC(2026, 11, 7, 5, 3, 25, 120),
];
// a fixed pseudo-random walk over the whole range (no clock, no Math.random: reproducible)
function* samples(): Generator<number> {
  yield* edges;
  let x = 0x2545f491;
  for (let i = 0; i < 20_000; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    const f = x / 2 ** 32;
    // half across all of time, half within ±200 years of 1970 (ms precision)
    yield Math.trunc(i % 2 === 0 ? (f * 2 - 1) * MAX : (f * 2 - 1) * 6.3e12);
  }
}

test('isoTime(ms) is Date#toISOString and httpDate(ms) Date#toUTCString, over the whole time range', () => {
  for (const ms of samples()) {
    assert.equal(isoTime(ms), new Date(ms).toISOString(), `isoTime(${ms})`);
    assert.equal(httpDate(ms), new Date(ms).toUTCString(), `httpDate(${ms})`);
  }
});

test('the current time by default, and an invalid time refused as toISOString refuses it', () => {
  const before = Date.now();
  const at = Date.parse(isoTime());
  assert.ok(at >= before && at <= Date.now());
  assert.ok(Math.abs(Date.parse(httpDate()) - Date.now()) < 2000);
  for (const bad of [NaN, Infinity, MAX + 1, -MAX - 1]) {
    assert.throws(() => isoTime(bad), RangeError);
    assert.throws(() => httpDate(bad), RangeError);
  }
});
