import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from './backoff.js';

const opts = { baseMs: 1000, maxMs: 30_000 };

test('ceiling doubles and is capped; jitter spans the upper half', () => {
  assert.equal(
    backoffDelay(0, opts, () => 1),
    1000,
  );
  assert.equal(
    backoffDelay(0, opts, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(3, opts, () => 1),
    8000,
  );
  assert.equal(
    backoffDelay(10, opts, () => 1),
    30_000,
  );
  assert.equal(
    backoffDelay(10, opts, () => 0),
    15_000,
  );
  assert.equal(
    backoffDelay(10_000, opts, () => 0.5),
    22_500,
  );
  assert.equal(
    backoffDelay(-5, opts, () => 1),
    1000,
  );
});
