import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCreateUserRequest, toUserViewModel, upsertUser } from './user-view-model.js';

const u = {
  id: 'u1',
  username: 'bob',
  role: 'operator' as const,
  disabled: true,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
};

test('toUserViewModel: status, self, never logged in', () => {
  const vm = toUserViewModel(u, 'u1');
  assert.equal(vm.status, 'disabled');
  assert.equal(vm.isSelf, true);
  assert.equal(vm.lastLogin, 'never');
});

test('toCreateUserRequest validates before anything is sent', () => {
  assert.deepEqual(
    toCreateUserRequest({ username: ' vera ', password: 'x'.repeat(10), role: 'viewer' }),
    {
      ok: true,
      body: { username: 'vera', password: 'x'.repeat(10), role: 'viewer' },
    },
  );
  assert.equal(
    toCreateUserRequest({ username: 'v', password: 'x'.repeat(10), role: 'viewer' }).ok,
    false,
  );
  assert.equal(
    toCreateUserRequest({ username: 'vera', password: 'short', role: 'viewer' }).ok,
    false,
  );
  assert.equal(
    toCreateUserRequest({ username: 'vera', password: 'x'.repeat(10), role: 'root' }).ok,
    false,
  );
});

test('upsertUser replaces and sorts', () => {
  const list = upsertUser([u], { ...u, id: 'u0', username: 'alice' });
  assert.deepEqual(
    list.map((x) => x.username),
    ['alice', 'bob'],
  );
  assert.equal(
    upsertUser(list, { ...u, disabled: false }).find((x) => x.id === 'u1')?.disabled,
    false,
  );
});
