import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLiveProcStat } from './backend.js';

test('/proc/<pid>/stat: running and sleeping are live; zombies, dead and missing are not', () => {
  assert.equal(isLiveProcStat('42 (sh) S 1 42 42 0'), true);
  assert.equal(isLiveProcStat('42 (my (odd) name) R 1 42'), true);
  assert.equal(isLiveProcStat('42 (sh) Z 1 42'), false);
  assert.equal(isLiveProcStat('42 (sh) X 1 42'), false);
  assert.equal(isLiveProcStat(null), false);
  assert.equal(isLiveProcStat('garbage'), false);
});
