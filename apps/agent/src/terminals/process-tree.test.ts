import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { descendants, hangUpTree, parentOf, readProcs } from './process-tree.js';

test('parentOf reads the ppid after the last parenthesis, whatever the command name holds', () => {
  assert.equal(parentOf('42 (sh) S 7 42 42 0 -1'), 7);
  assert.equal(parentOf('43 (a) b (c) S 9 1 1'), 9);
  assert.equal(parentOf('garbage'), null);
});

test('descendants: children, grandchildren, not the root, not strangers, no loops', () => {
  const procs = [
    { pid: 10, ppid: 1 },
    { pid: 11, ppid: 10 },
    { pid: 12, ppid: 11 },
    { pid: 13, ppid: 10 },
    { pid: 20, ppid: 1 },
    { pid: 30, ppid: 31 },
    { pid: 31, ppid: 30 },
  ];
  assert.deepEqual(descendants(10, procs), [11, 13, 12]);
  assert.deepEqual(descendants(20, procs), []);
  assert.deepEqual(descendants(30, procs), [31], 'a cycle ends');
});

test('hangUpTree ends every process under a real one (this machine’s /proc), not the root', async () => {
  // The root stands for the terminal's runc exec; under it a shell with a background job.
  const root = spawn('sh', ['-c', 'sh -c "sleep 300 & sleep 301; wait" & wait'], {
    stdio: 'ignore',
  });
  let found: number[] = [];
  for (let i = 0; i < 100 && found.length < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    found = descendants(root.pid!, await readProcs());
  }
  assert.equal(found.length, 3, 'the inner shell and its two sleeps');
  const exited = new Promise((r) => root.once('exit', r));
  const { signalled, killed } = await hangUpTree(root.pid!, 200);
  assert.equal(signalled, 3);
  await killed;
  await exited; // its children gone, the root's `wait` returns
  assert.deepEqual(descendants(root.pid!, await readProcs()), []);
});
