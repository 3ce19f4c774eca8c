import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBoolean, parseBytes, parseCpus, parseDuration, parseInteger } from './units.js';

test('durations in Go syntax → nanoseconds', () => {
  assert.equal(parseDuration('30s', 'x'), 30e9);
  assert.equal(parseDuration('1m30s', 'x'), 90e9);
  assert.equal(parseDuration('1.5s', 'x'), 1.5e9);
  assert.equal(parseDuration('500ms', 'x'), 500e6);
  assert.equal(parseDuration('10us', 'x'), 10e3);
  assert.equal(parseDuration('1h2m3s4ms', 'x'), 3723004e6);
  assert.equal(parseDuration('0', 'x'), 0);
  assert.equal(parseDuration(10, 'x'), 10e9);
});

test('bad durations name their place', () => {
  assert.throws(
    () => parseDuration('10', 'services.a.healthcheck.interval'),
    /services\.a\.healthcheck\.interval: invalid duration "10"/,
  );
  assert.throws(() => parseDuration('1x', 'x'), /invalid duration/);
  assert.throws(() => parseDuration('', 'x'), /duration/);
});

test('byte values', () => {
  assert.equal(parseBytes('2b', 'x'), 2);
  assert.equal(parseBytes('1024kb', 'x'), 1024 * 1024);
  assert.equal(parseBytes('300m', 'x'), 300 * 1024 ** 2);
  assert.equal(parseBytes('1gb', 'x'), 1024 ** 3);
  assert.equal(parseBytes('1.5G', 'x'), 1.5 * 1024 ** 3);
  assert.equal(parseBytes(4096, 'x'), 4096);
  assert.throws(
    () => parseBytes('12 parsecs', 'services.a.mem_limit'),
    /services\.a\.mem_limit: invalid byte value/,
  );
});

test('cpus, integers and booleans from interpolated strings', () => {
  assert.equal(parseCpus('0.5', 'x'), 0.5);
  assert.equal(parseCpus(2, 'x'), 2);
  assert.throws(() => parseCpus('half', 'x'), /invalid cpus/);
  assert.equal(parseInteger('3', 'x'), 3);
  assert.throws(() => parseInteger('3.5', 'x'), /not an integer/);
  assert.equal(parseBoolean('true', 'x'), true);
  assert.equal(parseBoolean('0', 'x'), false);
  assert.throws(() => parseBoolean('maybe', 'x'), /not a boolean/);
});
