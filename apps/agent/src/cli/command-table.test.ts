import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_MODULES, commandWord, modulesFor } from './command-table.js';

const words = (argv: string[]) => modulesFor(argv).map((m) => m.words[0]);

test('commandWord skips root options and the value of -H/--host', () => {
  assert.equal(commandWord(['run', '-d', 'busybox']), 'run');
  assert.equal(commandWord(['-H', 'unix:///x.sock', 'ps', '-a']), 'ps');
  assert.equal(commandWord(['--host', 'unix:///x.sock', 'stop', 'c']), 'stop');
  assert.equal(commandWord(['--host=unix:///x.sock', 'rm', 'c']), 'rm');
  assert.equal(commandWord(['--version']), null);
  assert.equal(commandWord([]), null);
  assert.equal(commandWord(['--', 'logs']), 'logs');
});

test('modulesFor loads only the modules of the command word', () => {
  assert.deepEqual(words(['run', '-d', 'busybox']), ['run']);
  assert.deepEqual(words(['-H', 'unix:///x.sock', 'stop', 'c']), ['start']);
  assert.deepEqual(words(['stats', '--no-stream']), ['ps']);
  // `image` extends the group `images` registers with pull/push/tag/save/load
  assert.deepEqual(words(['image', 'pull', 'x']), ['images', 'image']);
});

test('modulesFor: --version loads nothing; help, nothing or an unknown word load all', () => {
  assert.deepEqual(modulesFor(['--version']), []);
  assert.deepEqual(modulesFor(['-v']), []);
  assert.equal(modulesFor(['--help']), COMMAND_MODULES);
  assert.equal(modulesFor(['--version', '--help']), COMMAND_MODULES);
  assert.equal(modulesFor([]), COMMAND_MODULES);
  assert.equal(modulesFor(['help', 'run']), COMMAND_MODULES);
  assert.equal(modulesFor(['rnu']), COMMAND_MODULES);
});

test('every command word belongs to exactly one module (except the image group)', () => {
  const seen = new Map<string, number>();
  for (const m of COMMAND_MODULES) for (const w of m.words) seen.set(w, (seen.get(w) ?? 0) + 1);
  for (const [w, n] of seen) assert.equal(n, w === 'image' ? 2 : 1, w);
});
