import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyProbe, initialHealth, MAX_LOG_ENTRIES, nextProbeDelayMs } from './state.js';
import { healthConfigOf, mergeHealthcheck, HEALTH_DEFAULTS } from './config.js';

const probe = (exitCode: number, output = '') => ({ start: 's', end: 'e', exitCode, output });
const run = (codes: number[], o: { retries: number; inStartPeriod: boolean }) =>
  codes.reduce((h, c) => applyProbe(h, probe(c), o), initialHealth());

test('a success makes the container healthy and resets the streak', () => {
  const h = run([1, 0], { retries: 3, inStartPeriod: false });
  assert.equal(h.status, 'healthy');
  assert.equal(h.failingStreak, 0);
});

test('retries consecutive failures make it unhealthy, fewer do not', () => {
  assert.deepEqual(
    [1, 2, 3].map((n) => run(Array(n).fill(1), { retries: 3, inStartPeriod: false }).status),
    ['starting', 'starting', 'unhealthy'],
  );
  const h = run([0, 1, 1], { retries: 3, inStartPeriod: false });
  assert.deepEqual([h.status, h.failingStreak], ['healthy', 2]);
  assert.equal(run([0, 1, 1, 1], { retries: 3, inStartPeriod: false }).status, 'unhealthy');
});

test('failures in the start period do not count while starting', () => {
  const h = run([1, 1, 1, 1], { retries: 1, inStartPeriod: true });
  assert.deepEqual([h.status, h.failingStreak], ['starting', 0]);
  assert.equal(h.log.length, 4);
});

test('after a success, failures in the start period count', () => {
  const h = run([0, 1], { retries: 1, inStartPeriod: true });
  assert.deepEqual([h.status, h.failingStreak], ['unhealthy', 1]);
});

test('the log keeps the last 5 probes, output cut to 4096 bytes', () => {
  let h = initialHealth();
  for (let i = 0; i < 7; i++)
    h = applyProbe(h, probe(i, 'x'.repeat(5000)), { retries: 99, inStartPeriod: false });
  assert.equal(h.log.length, MAX_LOG_ENTRIES);
  assert.deepEqual(
    h.log.map((e) => e.exitCode),
    [2, 3, 4, 5, 6],
  );
  assert.equal(h.log[0]!.output.length, 4096);
});

test('next probe: start interval while starting in the start period, interval otherwise', () => {
  const cfg = healthConfigOf({
    test: ['CMD', 'true'],
    interval: 10e9,
    startPeriod: 60e9,
    startInterval: 1e9,
  })!;
  assert.equal(nextProbeDelayMs(cfg, initialHealth(), 0), 1000);
  assert.equal(nextProbeDelayMs(cfg, initialHealth(), 61e9), 10000);
  assert.equal(nextProbeDelayMs(cfg, { ...initialHealth(), status: 'healthy' }, 0), 10000);
});

test('config: CMD, CMD-SHELL, NONE, inherit, Docker defaults', () => {
  assert.deepEqual(healthConfigOf({ test: ['CMD', 'pg_isready', '-q'] })?.command, [
    'pg_isready',
    '-q',
  ]);
  assert.deepEqual(
    healthConfigOf({ test: ['CMD-SHELL', 'curl -f localhost || exit 1'] })?.command,
    ['/bin/sh', '-c', 'curl -f localhost || exit 1'],
  );
  assert.equal(healthConfigOf({ test: ['NONE'] }), null);
  assert.equal(healthConfigOf({ test: [] }), null);
  assert.equal(healthConfigOf(null), null);
  const d = healthConfigOf({ test: ['CMD', 'x'] })!;
  assert.deepEqual(
    [d.interval, d.timeout, d.retries, d.startPeriod, d.startInterval],
    [HEALTH_DEFAULTS.interval, HEALTH_DEFAULTS.timeout, 3, 0, 5e9],
  );
});

test('merge: the request wins field by field; empty test and zeros inherit the image', () => {
  const image = {
    test: ['CMD', 'img'],
    interval: 5e9,
    timeout: 2e9,
    retries: 4,
    startPeriod: 0,
    startInterval: 0,
  };
  assert.deepEqual(mergeHealthcheck(image, { test: [], interval: 1e9 }), {
    ...image,
    interval: 1e9,
  });
  assert.deepEqual(mergeHealthcheck(image, { test: ['NONE'] })?.test, ['NONE']);
  assert.deepEqual(mergeHealthcheck(null, { test: ['CMD', 'x'] }), { test: ['CMD', 'x'] });
  assert.deepEqual(mergeHealthcheck(image, undefined), image);
  assert.equal(mergeHealthcheck(null, undefined), null);
});
