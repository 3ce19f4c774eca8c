import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializeSessionCookie, sessionCookieValue, clearSessionCookie } from './cookie.js';

test('session cookie attributes: HttpOnly, SameSite=Strict, Path=/, Secure only on https', () => {
  const c = serializeSessionCookie('a'.repeat(43), { secure: false, maxAgeSec: 60 });
  assert.match(c, /^berth_session=a{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=60$/);
  assert.match(serializeSessionCookie('x', { secure: true, maxAgeSec: 1 }), /; Secure$/);
  assert.match(clearSessionCookie(false), /Max-Age=0/);
});

test('the cookie value is read only when well-formed', () => {
  const v = 'b'.repeat(43);
  assert.equal(sessionCookieValue(`x=1; berth_session=${v}; y=2`), v);
  assert.equal(sessionCookieValue('berth_session=short'), null);
  assert.equal(sessionCookieValue('berth_session=' + 'c'.repeat(40) + ';'), 'c'.repeat(40));
  assert.equal(sessionCookieValue(`berth_session=${'d'.repeat(40)}%00`), null);
  assert.equal(sessionCookieValue(null), null);
});
