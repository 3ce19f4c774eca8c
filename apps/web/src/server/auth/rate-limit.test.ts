import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRateLimiter, loginRateKey } from './rate-limit.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

test('allows up to maxFailures, then blocks with a retry time', () => {
  const c = clock();
  const rl = createRateLimiter({ maxFailures: 3, windowMs: 60_000, now: c.now });
  const k = loginRateKey('127.0.0.1', 'Admin');
  assert.equal(rl.recordFailure(k).allowed, true);
  c.advance(1000);
  assert.equal(rl.recordFailure(k).allowed, true);
  assert.equal(rl.check(k).allowed, true);
  const third = rl.recordFailure(k);
  assert.equal(third.allowed, false);
  assert.equal(third.retryAfterMs, 59_000);
  assert.equal(rl.check(k).allowed, false);
});

test('the window slides: old failures expire', () => {
  const c = clock();
  const rl = createRateLimiter({ maxFailures: 2, windowMs: 10_000, now: c.now });
  rl.recordFailure('k');
  rl.recordFailure('k');
  assert.equal(rl.check('k').allowed, false);
  c.advance(10_001);
  assert.equal(rl.check('k').allowed, true);
});

test('keys are independent, usernames case-insensitive, reset clears', () => {
  const rl = createRateLimiter({ maxFailures: 1, windowMs: 1000, now: () => 5 });
  rl.recordFailure(loginRateKey('1.1.1.1', 'bob'));
  assert.equal(rl.check(loginRateKey('1.1.1.1', 'BOB')).allowed, false);
  assert.equal(rl.check(loginRateKey('2.2.2.2', 'bob')).allowed, true);
  rl.reset(loginRateKey('1.1.1.1', 'bob'));
  assert.equal(rl.check(loginRateKey('1.1.1.1', 'bob')).allowed, true);
});

test('memory is bounded by maxKeys', () => {
  const rl = createRateLimiter({ maxFailures: 1, windowMs: 1000, now: () => 5, maxKeys: 2 });
  rl.recordFailure('a');
  rl.recordFailure('b');
  rl.recordFailure('c');
  assert.equal(rl.check('a').allowed, true, 'oldest key evicted');
  assert.equal(rl.check('c').allowed, false);
});
