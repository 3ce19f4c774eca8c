import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyAuditFilter, pageCount, toAuditQueryString } from './audit-view-model.js';

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
