import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, sleep } from './backoff.js';

const equal = { baseMs: 1000, maxMs: 30_000, jitter: 'equal' } as const;
const full = { baseMs: 200, maxMs: 5000, jitter: 'full' } as const;

test('equal jitter: the ceiling doubles and is capped; the delay spans its upper half', () => {
  const cases: [number, number, number][] = [
    [0, 1, 1000],
    [0, 0, 500],
    [3, 1, 8000],
    [10, 1, 30_000],
    [10, 0, 15_000],
    [10_000, 0.5, 22_500],
    [-5, 1, 1000],
  ];
  for (const [attempt, r, want] of cases)
    assert.equal(
      backoffDelay(attempt, equal, () => r),
      want,
    );
});

test('full jitter: anywhere below the capped ceiling', () => {
  assert.equal(
    backoffDelay(0, full, () => 0.999),
    199,
  );
  assert.equal(
    backoffDelay(10, full, () => 0.5),
    2500,
  );
  assert.equal(
    backoffDelay(2, full, () => 0),
    0,
  );
});

test('sleep ends early, false, when its signal aborts', async () => {
  const ac = new AbortController();
  const slept = sleep(60_000, ac.signal);
  ac.abort();
  assert.equal(await slept, false);
  assert.equal(await sleep(1), true);
  assert.equal(await sleep(60_000, ac.signal), false);
});
