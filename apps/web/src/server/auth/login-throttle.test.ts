import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLoginThrottle, loginThrottleDefaults } from './login-throttle.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

test('an account is blocked after its free failures, from any address', async () => {
  const c = clock();
  const th = createLoginThrottle({ now: c.now });
  const free = loginThrottleDefaults.account.freeFailures;
  for (let i = 0; i <= free; i++) {
    assert.equal((await th.check(`10.0.0.${i}`, 'Admin')).allowed, true, `attempt ${i + 1}`);
    await th.failed(`10.0.0.${i}`, 'Admin');
  }
  const blocked = await th.check('10.9.9.9', 'admin');
  assert.equal(blocked.allowed, false, 'usernames are case-insensitive');
  assert.equal(blocked.retryAfterMs, loginThrottleDefaults.account.baseDelayMs);
  assert.equal((await th.check('10.9.9.9', 'someone-else')).allowed, true);
});

test('an address (IPv6 /64) is blocked after its free failures, whatever the username', async () => {
  const th = createLoginThrottle({ now: clock().now });
  const free = loginThrottleDefaults.address.freeFailures;
  for (let i = 0; i <= free; i++)
    await th.failed(`2001:db8:5:6::${(i + 1).toString(16)}`, `user${i}`);
  assert.equal((await th.check('2001:db8:5:6:ffff::1', 'fresh-name')).allowed, false);
  assert.equal((await th.check('2001:db8:5:7::1', 'fresh-name')).allowed, true, 'another /64');
});

test('backoff doubles per further failure; success clears the account, not the address', async () => {
  const c = clock();
  const th = createLoginThrottle({
    now: c.now,
    account: { freeFailures: 1, baseDelayMs: 100, maxDelayMs: 10_000 },
    address: { freeFailures: 3, baseDelayMs: 100, maxDelayMs: 10_000 },
  });
  await th.failed('1.1.1.1', 'u');
  await th.failed('1.1.1.1', 'u');
  assert.equal((await th.check('1.1.1.1', 'u')).retryAfterMs, 100);
  c.advance(100);
  await th.failed('1.1.1.1', 'u');
  assert.equal((await th.check('1.1.1.1', 'u')).retryAfterMs, 200);
  c.advance(200);
  await th.succeeded('1.1.1.1', 'u');
  assert.equal((await th.check('2.2.2.2', 'u')).allowed, true, 'account cleared');
  await th.failed('1.1.1.1', 'v');
  assert.equal((await th.check('1.1.1.1', 'w')).allowed, false, 'the address kept counting');
});
