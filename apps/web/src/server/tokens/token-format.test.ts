import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bearerOf, displayPrefix, isTokenShaped, newToken, TOKEN_PREFIX } from './token-format.js';

test('new tokens carry the scanner prefix, 40 base62 characters, and differ', () => {
  const a = newToken();
  const b = newToken();
  assert.ok(a.startsWith(TOKEN_PREFIX));
  assert.equal(a.length, TOKEN_PREFIX.length + 40);
  assert.ok(isTokenShaped(a));
  assert.notEqual(a, b);
});

test('bytes from 248 up are skipped, so every character is equally likely', () => {
  let call = 0;
  // first buffer: only rejectable bytes; second: bytes that map to '1'
  const random = (n: number) => Buffer.alloc(n, call++ === 0 ? 250 : 63);
  assert.equal(newToken(random), `${TOKEN_PREFIX}${'1'.repeat(40)}`);
});

test('the display prefix never carries the whole secret', () => {
  const t = newToken();
  assert.equal(displayPrefix(t).length, TOKEN_PREFIX.length + 6);
  assert.ok(t.startsWith(displayPrefix(t)));
});

test('bearer headers: a token, a malformed bearer, or no bearer at all', () => {
  const t = newToken();
  assert.deepEqual(bearerOf(`Bearer ${t}`), { token: t });
  assert.deepEqual(bearerOf(`bearer   ${t} `), { token: t });
  assert.deepEqual(bearerOf('Bearer nope'), { malformed: true });
  assert.deepEqual(bearerOf(`Bearer ${t} extra`), { malformed: true });
  assert.deepEqual(bearerOf('Bearer'), { malformed: true });
  assert.equal(bearerOf('Basic dXNlcjpwYXNz'), null);
  assert.equal(bearerOf(null), null);
  assert.equal(bearerOf(''), null);
});
