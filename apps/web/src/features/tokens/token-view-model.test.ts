import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCreateTokenRequest, toTokenViewModel } from './token-view-model.js';

const now = new Date('2026-03-01T00:00:00Z');

test('the form becomes a request: hosts empty = all, days → an expiry', () => {
  const r = toCreateTokenRequest(
    { name: 'ci', scopes: ['read'], hosts: [], expiresInDays: '30' },
    now,
  );
  assert.deepEqual(r, {
    ok: true,
    body: { name: 'ci', scopes: ['read'], hosts: null, expiresAt: '2026-03-31T00:00:00.000Z' },
  });
  const never = toCreateTokenRequest(
    { name: 'ci', scopes: ['metrics'], hosts: ['h1'], expiresInDays: '' },
    now,
  );
  assert.ok(never.ok && never.body.expiresAt === null && never.body.hosts?.[0] === 'h1');
});

test('bad forms say what is wrong', () => {
  assert.equal(
    toCreateTokenRequest({ name: 'x', scopes: [], hosts: [], expiresInDays: '' }, now).ok,
    false,
  );
  assert.equal(
    toCreateTokenRequest({ name: '', scopes: ['read'], hosts: [], expiresInDays: '' }, now).ok,
    false,
  );
  const days = toCreateTokenRequest(
    { name: 'x', scopes: ['read'], hosts: [], expiresInDays: '0' },
    now,
  );
  assert.deepEqual(days, { ok: false, error: 'Expiry: 1 to 365 days, or never' });
});

test('rows name hosts, say never for missing dates, and only active tokens can be revoked', () => {
  const vm = toTokenViewModel(
    {
      id: 't',
      name: 'ci',
      prefix: 'berth_abcdef',
      scopes: ['read', 'metrics'],
      hosts: ['h1', 'gone'],
      createdAt: '2026-01-02T03:04:05.000Z',
      expiresAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      revokedAt: '2026-01-03T00:00:00.000Z',
      status: 'revoked',
      owner: { id: 'u', username: 'me' },
    },
    new Map([['h1', 'alpha']]),
  );
  assert.equal(vm.hosts, 'alpha, gone');
  assert.equal(vm.expires, 'never');
  assert.equal(vm.lastUsed, 'never');
  assert.equal(vm.scopes, 'read, metrics');
  assert.equal(vm.canRevoke, false);
});
