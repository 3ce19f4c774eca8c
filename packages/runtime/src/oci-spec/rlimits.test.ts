import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcLimits } from './rlimits.js';

test('parseProcLimits reads /proc/self/limits rows', () => {
  const text = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max processes             96365                96365                processes
Max open files            1024                 20000                files
`;
  const l = parseProcLimits(text);
  assert.deepEqual(l.RLIMIT_NOFILE, { soft: 1024, hard: 20000 });
  assert.deepEqual(l.RLIMIT_NPROC, { soft: 96365, hard: 96365 });
  assert.equal(l.RLIMIT_CPU?.hard, Number.MAX_SAFE_INTEGER);
});
