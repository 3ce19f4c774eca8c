import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesPs, parsePsFilters, filtersStatus } from './ps-filter.js';

const c = (over: Partial<Parameters<typeof matchesPs>[0]> = {}) => ({
  id: 'abcdef0123456789'.padEnd(64, '0'),
  name: 'web-1',
  state: 'running' as const,
  image: '127.0.0.1:5000/team/busybox:1.36',
  imageId: `sha256:${'9'.repeat(64)}`,
  labels: { tier: 'front', team: 'a' },
  ...over,
});

test('ps --filter: name, id, status, label, ancestor as Docker reads them', () => {
  const has = (...flags: string[]) => matchesPs(c(), parsePsFilters(flags));
  assert.equal(has('name=web'), true);
  assert.equal(has('name=db'), false);
  assert.equal(has('id=abcdef'), true);
  assert.equal(has('status=running'), true);
  assert.equal(has('status=exited'), false);
  assert.equal(has('status=exited', 'status=running'), true, 'one key twice: either');
  assert.equal(has('label=tier'), true);
  assert.equal(has('label=tier=front'), true);
  assert.equal(has('label=tier=back'), false);
  assert.equal(has('label=tier', 'name=db'), false, 'two keys: both');
  for (const a of [
    'busybox',
    'team/busybox',
    'busybox:1.36',
    '127.0.0.1:5000/team/busybox:1.36',
    '9999',
  ]) {
    assert.equal(has(`ancestor=${a}`), true, a);
  }
  for (const a of ['busy', 'busybox:1.35', 'other/busybox', '8888']) {
    assert.equal(has(`ancestor=${a}`), false, a);
  }
  assert.equal(filtersStatus(parsePsFilters(['status=exited'])), true);
  assert.equal(filtersStatus(parsePsFilters(['name=x'])), false);
});

test('ps --filter: a bad filter is refused, naming it', () => {
  for (const bad of ['color=red', 'name', 'name=', 'status=sleeping', '=x']) {
    assert.throws(() => parsePsFilters([bad]), { code: 'INVALID_ARGUMENT' }, bad);
  }
});
