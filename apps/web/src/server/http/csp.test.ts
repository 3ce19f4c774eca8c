import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, newNonce } from './csp.js';

test('the page CSP: nonce-only scripts, no framing, same-origin sockets', () => {
  const csp = contentSecurityPolicy({ nonce: 'abc123==', dev: false });
  const d = new Map(csp.split('; ').map((part) => [part.split(' ')[0], part]));
  assert.equal(d.get('script-src'), "script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  assert.equal(d.get('frame-ancestors'), "frame-ancestors 'none'");
  assert.equal(d.get('object-src'), "object-src 'none'");
  assert.equal(d.get('connect-src'), "connect-src 'self'");
  assert.doesNotMatch(d.get('script-src')!, /unsafe-inline|unsafe-eval/);
  assert.match(contentSecurityPolicy({ nonce: 'n', dev: true }), /'unsafe-eval'/);
});

test('nonces are 128-bit base64 and fresh', () => {
  const a = newNonce();
  assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(a, newNonce());
});
