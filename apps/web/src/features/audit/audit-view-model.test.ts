import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyAuditFilter, targetLabel, toAuditQueryString } from './audit-view-model.js';
import { pageCount } from '../../lib/paging.js';

test('toAuditQueryString leaves out empty fields', () => {
  assert.equal(toAuditQueryString(emptyAuditFilter), 'page=1&pageSize=50');
  assert.equal(
    toAuditQueryString({ action: ' host.', actor: 'admin', outcome: 'denied', page: 3 }, 10),
    'action=host.&actor=admin&outcome=denied&page=3&pageSize=10',
  );
});

test('pageCount is at least 1', () => {
  assert.equal(pageCount(0, 50), 1);
  assert.equal(pageCount(101, 50), 3);
});

test('audit targets by name: containers on their host, hosts; gone ones keep the recorded name', () => {
  const names = {
    hosts: new Map([['h1', 'edge-1']]),
    containers: new Map([[`h1:${'a'.repeat(64)}`, 'web-1']]),
  };
  assert.equal(targetLabel(`container:h1:${'a'.repeat(64)}`, null, names), 'web-1 on edge-1');
  assert.equal(
    targetLabel(`container:h1:${'b'.repeat(64)}`, '{"name":"old-db"}', names),
    'old-db on edge-1',
  );
  assert.equal(
    targetLabel(`container:h9:${'c'.repeat(64)}`, null, names),
    `${'c'.repeat(12)} on a removed host`,
  );
  assert.equal(targetLabel('host:h1', null, names), 'host edge-1');
  assert.equal(targetLabel('host:h9', '{"name":"gone-2"}', names), 'host gone-2');
  assert.equal(targetLabel('user:u1', null, names), 'user:u1');
  assert.equal(targetLabel(null, null, names), '—');
});
