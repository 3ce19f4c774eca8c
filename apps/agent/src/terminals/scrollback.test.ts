import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scrollback } from './scrollback.js';

test('scrollback keeps everything until full, then the newest bytes only', () => {
  const s = new Scrollback(16);
  s.push(Buffer.from('hello '));
  s.push(Buffer.from('world'));
  assert.equal(s.snapshot().toString(), 'hello world');
  s.push(Buffer.from('\nline two\n'));
  assert.equal(s.bytes, 16);
  // The cut fell inside "world": the replay starts at the next line.
  assert.equal(s.snapshot().toString(), 'line two\n');
});

test('scrollback: one chunk bigger than the whole buffer keeps its tail; zero capacity keeps nothing', () => {
  const s = new Scrollback(8);
  s.push(Buffer.from('0123456789\nabcdefghijkl'));
  assert.equal(s.bytes, 8);
  assert.equal(s.snapshot().toString(), 'efghijkl', 'no newline within reach: as it is');
  const none = new Scrollback(0);
  none.push(Buffer.from('x'));
  assert.equal(none.snapshot().length, 0);
});

test('scrollback stays bounded under a flood of small chunks', () => {
  const s = new Scrollback(1000);
  for (let i = 0; i < 10_000; i++) s.push(Buffer.from(`${i}\n`));
  assert.ok(s.bytes <= 1000);
  assert.match(s.snapshot().toString(), /^\d+\n/);
  assert.match(s.snapshot().toString(), /9999\n$/);
});
