import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanAge, humanDuration, humanSize, shortId } from './human.js';

test('humanSize: decimal units with 3 significant digits, like docker', () => {
  assert.equal(humanSize(0), '0B');
  assert.equal(humanSize(999), '999B');
  assert.equal(humanSize(1000), '1kB');
  assert.equal(humanSize(12_345_678), '12.3MB');
  assert.equal(humanSize(40_000_000), '40MB');
  assert.equal(humanSize(1_234_567_890_123), '1.23TB');
  assert.equal(humanSize(12_345_678, 4), '12.35MB');
});

test('humanDuration follows docker’s wording and thresholds', () => {
  const s = 1000;
  const h = 3600 * s;
  assert.equal(humanDuration(500), 'Less than a second');
  assert.equal(humanDuration(1 * s), '1 second');
  assert.equal(humanDuration(42 * s), '42 seconds');
  assert.equal(humanDuration(90 * s), 'About a minute');
  assert.equal(humanDuration(5 * 60 * s), '5 minutes');
  assert.equal(humanDuration(h), 'About an hour');
  assert.equal(humanDuration(30 * h), '30 hours');
  assert.equal(humanDuration(72 * h), '3 days');
  assert.equal(humanDuration(21 * 24 * h), '3 weeks');
  assert.equal(humanDuration(90 * 24 * h), '3 months');
  assert.equal(humanDuration(800 * 24 * h), '2 years');
});

test('humanAge and shortId', () => {
  const now = Date.parse('2026-01-01T03:00:00Z');
  assert.equal(humanAge('2026-01-01T00:00:00Z', now), '3 hours ago');
  assert.equal(humanAge(null, now), 'N/A');
  assert.equal(humanAge('not a date', now), 'N/A');
  assert.equal(shortId(`sha256:${'ab'.repeat(32)}`), 'abababababab');
});
