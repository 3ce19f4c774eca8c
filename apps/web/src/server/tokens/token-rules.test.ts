import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTokenRefusal, scopesOfRole } from './token-rules.js';
import { scopesAllow, scopesWithin } from '../../lib/token-scopes.js';
import { allows, allowsHost, visibleOn } from './access.js';
import type { Principal } from '../auth/principal.js';

const now = new Date('2026-01-01T00:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

test('scopes: read reads, operate acts, metrics scrapes only, admin does everything', () => {
  assert.equal(scopesAllow(['read'], 'containers.read'), true);
  assert.equal(scopesAllow(['read'], 'containers.operate'), false);
  assert.equal(scopesAllow(['read'], 'containers.env.read'), false);
  assert.equal(scopesAllow(['read'], 'metrics.read'), false);
  assert.equal(scopesAllow(['operate'], 'containers.operate'), true);
  assert.equal(scopesAllow(['operate'], 'hosts.read'), true);
  assert.equal(scopesAllow(['operate'], 'hosts.create'), false);
  assert.equal(scopesAllow(['operate'], 'tokens.manage'), false);
  assert.equal(scopesAllow(['metrics'], 'metrics.read'), true);
  assert.equal(scopesAllow(['metrics'], 'hosts.read'), false);
  assert.equal(scopesAllow(['admin'], 'users.manage'), true);
  assert.equal(scopesAllow(['admin'], 'tokens.manage'), true);
});

test('a token never exceeds its owner role: an admin-scoped token of a viewer only reads', () => {
  const viewer: Principal = {
    userId: 'u',
    username: 'v',
    role: 'viewer',
    sessionId: 'token:t',
    expiresAt: inDays(1),
    mustChangePassword: false,
    token: { id: 't', name: 'n', scopes: ['admin'], hosts: null, expiresAt: null },
  };
  assert.equal(allows(viewer, 'hosts.read'), true);
  assert.equal(allows(viewer, 'containers.operate'), false);
  assert.equal(allows({ ...viewer, role: 'admin' }, 'users.manage'), true);
  assert.equal(allows({ ...viewer, role: 'admin', token: undefined }, 'users.manage'), true);
  const readOnly = {
    ...viewer,
    role: 'admin' as const,
    token: { ...viewer.token!, scopes: ['read' as const] },
  };
  assert.equal(allows(readOnly, 'users.manage'), false);
});

test('host limits: other hosts are refused and filtered out', () => {
  const p = {
    token: { id: 't', name: 'n', scopes: ['read' as const], hosts: ['h1'], expiresAt: null },
  };
  assert.equal(allowsHost(p, 'h1'), true);
  assert.equal(allowsHost(p, 'h2'), false);
  assert.equal(allowsHost({}, 'h2'), true);
  assert.deepEqual(
    visibleOn(p, [{ h: 'h1' }, { h: 'h2' }], (x) => x.h),
    [{ h: 'h1' }],
  );
});

test('new tokens stay within the role', () => {
  assert.deepEqual(scopesOfRole('viewer'), ['read', 'metrics']);
  const r = newTokenRefusal(
    { scopes: ['operate'], hosts: null, expiresAt: null },
    { role: 'viewer' },
    now,
  );
  assert.equal(r?.code, 'PERMISSION_DENIED');
  assert.equal(
    newTokenRefusal({ scopes: ['read'], hosts: null, expiresAt: null }, { role: 'viewer' }, now),
    null,
  );
});

test('expiry must be in the future and within a year', () => {
  const base = { scopes: ['read' as const], hosts: null };
  assert.equal(
    newTokenRefusal({ ...base, expiresAt: inDays(-1) }, { role: 'admin' }, now)?.code,
    'INVALID_ARGUMENT',
  );
  assert.equal(
    newTokenRefusal({ ...base, expiresAt: inDays(400) }, { role: 'admin' }, now)?.code,
    'INVALID_ARGUMENT',
  );
  assert.equal(newTokenRefusal({ ...base, expiresAt: inDays(30) }, { role: 'admin' }, now), null);
});

test('a token making a token cannot widen scopes, hosts or lifetime', () => {
  const held = {
    id: 't',
    name: 'n',
    scopes: ['admin' as const],
    hosts: ['h1', 'h2'],
    expiresAt: inDays(10),
  };
  const creator = { role: 'admin' as const, token: held };
  const ok = { scopes: ['read' as const], hosts: ['h1'], expiresAt: inDays(5) };
  assert.equal(newTokenRefusal(ok, creator, now), null);
  assert.equal(newTokenRefusal({ ...ok, hosts: null }, creator, now)?.code, 'PERMISSION_DENIED');
  assert.equal(newTokenRefusal({ ...ok, hosts: ['h3'] }, creator, now)?.code, 'PERMISSION_DENIED');
  assert.equal(
    newTokenRefusal({ ...ok, expiresAt: null }, creator, now)?.code,
    'PERMISSION_DENIED',
  );
  assert.equal(
    newTokenRefusal({ ...ok, expiresAt: inDays(11) }, creator, now)?.code,
    'PERMISSION_DENIED',
  );
  const narrow = { role: 'admin' as const, token: { ...held, scopes: ['read' as const] } };
  assert.equal(
    newTokenRefusal({ ...ok, scopes: ['operate'] }, narrow, now)?.code,
    'PERMISSION_DENIED',
  );
  assert.equal(scopesWithin(['read'], ['operate']), true);
  assert.equal(scopesWithin(['metrics'], ['operate']), false);
});
