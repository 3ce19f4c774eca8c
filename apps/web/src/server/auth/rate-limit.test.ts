import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs, createRateLimiter, type RateLimiterOptions } from './rate-limit.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const base = { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };

test('free failures cost nothing; then each failure blocks twice as long, up to the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(base, n)),
    [0, 0, 1000, 2000, 4000, 8000, 8000],
  );
  const c = clock();
  const rl = createRateLimiter({ ...base, now: c.now });
  assert.equal(rl.recordFailure('k').allowed, true);
  assert.equal(rl.recordFailure('k').allowed, true);
  const third = rl.recordFailure('k');
  assert.deepEqual(third, { allowed: false, retryAfterMs: 1000 });
  c.advance(400);
  assert.deepEqual(rl.check('k'), { allowed: false, retryAfterMs: 600 });
  c.advance(600);
  assert.equal(rl.check('k').allowed, true);
  assert.deepEqual(rl.recordFailure('k'), { allowed: false, retryAfterMs: 2000 });
});

test('a quiet key is forgotten and starts over; reset clears at once', () => {
  const c = clock();
  const rl = createRateLimiter({ ...base, now: c.now });
  for (let i = 0; i < 3; i++) rl.recordFailure('k');
  c.advance(60_000);
  assert.equal(rl.check('k').allowed, true);
  assert.equal(rl.size(), 0, 'forgotten');
  assert.equal(rl.recordFailure('k').allowed, true, 'counting starts again');
  for (let i = 0; i < 3; i++) rl.recordFailure('j');
  rl.reset('j');
  assert.equal(rl.check('j').allowed, true);
});

test('blocked keys are never evicted early: a flood of new keys is refused instead', () => {
  const c = clock();
  const opts: RateLimiterOptions = { ...base, freeFailures: 0, maxKeys: 3, now: c.now };
  const rl = createRateLimiter(opts);
  for (const k of ['a', 'b', 'c']) assert.equal(rl.recordFailure(k).allowed, false);
  // The table is full of blocked keys: a fresh key cannot push one out…
  assert.equal(rl.recordFailure('d').allowed, false);
  assert.equal(rl.check('d').allowed, false, 'fail closed while full');
  for (const k of ['a', 'b', 'c']) assert.equal(rl.check(k).allowed, false, `${k} still blocked`);
  // …until a block runs out: then the oldest unblocked key makes room.
  c.advance(1000);
  assert.equal(rl.recordFailure('d').allowed, false);
  assert.equal(rl.size(), 3);
});

test('unblocked keys make room for new ones, oldest first', () => {
  const rl = createRateLimiter({ ...base, maxKeys: 2, now: () => 5 });
  rl.recordFailure('a');
  rl.recordFailure('b');
  rl.recordFailure('c');
  assert.equal(rl.size(), 2);
  // 'a' (one free failure) was evicted: two more failures do not block it yet.
  rl.recordFailure('a');
  assert.equal(rl.recordFailure('a').allowed, true);
});
