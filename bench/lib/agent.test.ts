import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AGENT_BIN, shebangLaunch } from './agent.js';

test('shebangLaunch: the environment and node flags a bin runs with', () => {
  assert.deepEqual(
    shebangLaunch('#!/usr/bin/env -S A=1 B=x=y node --max-semi-space-size=1 --foo'),
    { env: { A: '1', B: 'x=y' }, nodeFlags: ['--max-semi-space-size=1', '--foo'] },
  );
  assert.throws(() => shebangLaunch('#!/bin/sh'), /not a node shebang/);
  // the agent's own bin: what a profiled run repeats
  const agent = shebangLaunch(readFileSync(AGENT_BIN, 'utf8').split('\n', 1)[0]!);
  assert.equal(agent.env.MALLOC_ARENA_MAX, '2');
  assert.equal(agent.env.MALLOC_TRIM_THRESHOLD_, '131072');
  assert.ok(agent.nodeFlags.includes('--max-semi-space-size=1'), agent.nodeFlags.join(' '));
});
