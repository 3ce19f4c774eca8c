import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { deathOnItsOwn } from './processes.js';

test('deathOnItsOwn: a harness signal or an exit is not a death; an abort or a segfault is', () => {
  assert.equal(deathOnItsOwn('the agent', null, 'tail'), null);
  assert.equal(deathOnItsOwn('the agent', 'SIGTERM', 'tail'), null);
  assert.equal(deathOnItsOwn('the agent', 'SIGKILL', 'tail'), null);
  assert.equal(
    deathOnItsOwn('the agent', 'SIGABRT', 'last line'),
    'the agent died of SIGABRT; its log ends:\nlast line',
  );
  assert.match(deathOnItsOwn('the agent', 'SIGSEGV', '') ?? '', /died of SIGSEGV/);
});

test('deathOnItsOwn: reads the signal a real child process died of', async () => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  const exit = once(child, 'exit');
  child.kill('SIGABRT');
  const [, signal] = (await exit) as [number | null, NodeJS.Signals | null];
  assert.match(deathOnItsOwn('sleep', signal, '') ?? '', /^sleep died of SIGABRT/);
});
