import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimedText } from './claimed-text.js';

test('claimed text loses control and bidi characters and is capped', () => {
  assert.equal(
    claimedText('admin\n2026-01-01 user.login success'),
    'admin2026-01-01 user.login success',
  );
  assert.equal(claimedText('\u001b[31mred\u001b[0m'), '[31mred[0m');
  assert.equal(claimedText('evil\u202eoc.exe'), 'eviloc.exe');
  assert.equal(claimedText('x'.repeat(100)), `${'x'.repeat(64)}…`);
  assert.equal(claimedText('bob'), 'bob');
});
