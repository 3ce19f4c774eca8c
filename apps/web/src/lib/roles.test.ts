import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, can, isRole, roles } from './roles.js';

test('admin can do everything', () => {
  for (const a of actions) assert.equal(can('admin', a), true, a);
});

test('operator operates containers and terminals but manages nothing', () => {
  assert.equal(can('operator', 'containers.operate'), true);
  assert.equal(can('operator', 'terminal.open'), true);
  assert.equal(can('operator', 'stacks.deploy'), true);
  for (const a of [
    'hosts.create',
    'hosts.revoke',
    'users.manage',
    'audit.read',
    'containers.elevated',
  ] as const) {
    assert.equal(can('operator', a), false, a);
  }
});

test('viewer only reads and changes its own password', () => {
  const allowed = actions.filter((a) => can('viewer', a));
  assert.deepEqual(allowed, [
    'hosts.read',
    'containers.read',
    'account.update',
    'metrics.read',
    'alerts.read',
    'tokens.manage',
  ]);
});

test('environment values and stored registry credentials are not for viewers', () => {
  assert.equal(can('viewer', 'containers.env.read'), false);
  assert.equal(can('operator', 'containers.env.read'), true);
  for (const a of ['registries.credentials', 'registries.grant', 'registries.manage'] as const) {
    assert.equal(can('operator', a), false, a);
  }
});

test('isRole accepts exactly the three roles', () => {
  for (const r of roles) assert.equal(isRole(r), true);
  for (const bad of ['root', '', 'Admin', null, 1]) assert.equal(isRole(bad), false);
});
