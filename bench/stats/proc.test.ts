import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProcStat, parseStatusKb } from './proc.js';

test('parseProcStat reads utime+stime and cutime+cstime, whatever the command name holds', () => {
  const stat =
    '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 50 7 3 20 0 11 0 123 456 789';
  assert.deepEqual(parseProcStat(stat), { self: 200, children: 10 });
  assert.throws(() => parseProcStat('1 (x) S 1'), RangeError);
});

test('parseStatusKb reads kB lines in bytes', () => {
  const status = 'Name:\tnode\nVmHWM:\t  131072 kB\nVmRSS:\t   86016 kB\n';
  assert.equal(parseStatusKb(status, 'VmRSS'), 86016 * 1024);
  assert.equal(parseStatusKb(status, 'VmHWM'), 131072 * 1024);
  assert.equal(parseStatusKb(status, 'VmSwap'), null);
});
