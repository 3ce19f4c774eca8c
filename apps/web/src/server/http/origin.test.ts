import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSameOrigin, requestOrigin } from './origin.js';

const base = {
  host: '127.0.0.1:3000',
  scheme: 'http' as const,
  allowedOrigins: ['https://berth.example.com'],
};

test('the server’s own origin (scheme + Host) is accepted', () => {
  assert.equal(isSameOrigin({ ...base, origin: 'http://127.0.0.1:3000', referer: null }), true);
  assert.equal(isSameOrigin({ ...base, origin: 'https://berth.example.com', referer: null }), true);
});

test('foreign origins, scheme mismatches and missing origins are refused', () => {
  assert.equal(isSameOrigin({ ...base, origin: 'http://evil.test', referer: null }), false);
  assert.equal(isSameOrigin({ ...base, origin: 'https://127.0.0.1:3000', referer: null }), false);
  assert.equal(isSameOrigin({ ...base, origin: 'http://127.0.0.1:3001', referer: null }), false);
  assert.equal(isSameOrigin({ ...base, origin: null, referer: null }), false);
  assert.equal(isSameOrigin({ ...base, origin: 'null', referer: null }), false);
  assert.equal(isSameOrigin({ ...base, origin: 'garbage', referer: null }), false);
  assert.equal(
    isSameOrigin({ ...base, origin: 'http://127.0.0.1:3000', referer: null, host: null }),
    false,
  );
});

test('Referer stands in when Origin is absent; Origin wins when both are present', () => {
  assert.equal(
    isSameOrigin({ ...base, origin: undefined, referer: 'http://127.0.0.1:3000/hosts?x=1' }),
    true,
  );
  assert.equal(
    isSameOrigin({ ...base, origin: 'http://evil.test', referer: 'http://127.0.0.1:3000/' }),
    false,
  );
  assert.equal(requestOrigin({ origin: null, referer: 'javascript:alert(1)' }), null);
});
