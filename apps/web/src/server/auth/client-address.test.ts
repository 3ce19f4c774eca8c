import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey } from './client-address.js';

test('IPv4 is its own key, also when IPv4-mapped', () => {
  assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:cb00:7107'), '203.0.113.7');
});

test('an IPv6 /64 counts as one address', () => {
  const a = addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
  assert.equal(a, '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8:1:2::1'), a);
  assert.equal(addressKey('2001:0DB8:0001:0002:ffff::9%eth0'), a);
  assert.notEqual(addressKey('2001:db8:1:3::1'), a);
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('fe80::1'), 'fe80:0:0:0::/64');
});

test('anything else is "unknown"', () => {
  for (const bad of [null, undefined, '', 'not-an-ip', '1.2.3', '2001:db8::g']) {
    assert.equal(addressKey(bad), 'unknown', String(bad));
  }
});
