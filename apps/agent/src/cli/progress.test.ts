import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressBar, progressLine, ProgressView, statusLabel } from './progress.js';

const layer = `sha256:${'a1'.repeat(32)}`;
const other = `sha256:${'b2'.repeat(32)}`;

test('progressBar: docker’s 50-column bar', () => {
  assert.equal(progressBar(0, 100), `[>${' '.repeat(49)}]`);
  assert.equal(progressBar(50, 100), `[${'='.repeat(25)}>${' '.repeat(24)}]`);
  assert.equal(progressBar(100, 100), `[${'='.repeat(50)}]`);
  assert.equal(progressBar(5, 10, 10), '[=====>    ]');
  assert.equal(progressBar(5, 0), '');
});

test('progressLine: short id, label, bar and sizes while transferring', () => {
  assert.equal(
    progressLine({ layer, status: 'downloading', current: 12_300_000, total: 40_000_000 }, 'pull'),
    `a1a1a1a1a1a1: Downloading ${progressBar(12_300_000, 40_000_000)}  12.3MB/40MB`,
  );
  assert.equal(
    progressLine({ layer, status: 'done', current: 1, total: 1 }, 'pull'),
    'a1a1a1a1a1a1: Pull complete',
  );
  assert.equal(statusLabel('done', 'push'), 'Pushed');
  assert.equal(statusLabel('already exists', 'pull'), 'Already exists');
  assert.equal(statusLabel('already exists', 'push'), 'Layer already exists');
});

test('TTY view: a new line per layer, then in-place redraws with cursor moves', () => {
  const v = new ProgressView('pull', true);
  assert.equal(
    v.update({ layer, status: 'waiting', current: 0, total: 10 }),
    'a1a1a1a1a1a1: Waiting\n',
  );
  assert.equal(
    v.update({ layer: other, status: 'waiting', current: 0, total: 10 }),
    'b2b2b2b2b2b2: Waiting\n',
  );
  const redraw = v.update({ layer, status: 'downloading', current: 5, total: 10 });
  assert.equal(
    redraw,
    `\u001b[2A\r\u001b[2Ka1a1a1a1a1a1: Downloading ${progressBar(5, 10)}  5B/10B\r\u001b[2B`,
  );
  assert.ok(
    v.update({ layer: other, status: 'done', current: 10, total: 10 }).startsWith('\u001b[1A'),
  );
});

test('plain view: one line per status change, no bars, no escapes', () => {
  const v = new ProgressView('push', false);
  const out = [
    v.update({ layer, status: 'pushing', current: 1, total: 10 }),
    v.update({ layer, status: 'pushing', current: 5, total: 10 }),
    v.update({ layer, status: 'done', current: 10, total: 10 }),
  ].join('');
  assert.equal(out, `a1a1a1a1a1a1: Pushing ${progressBar(1, 10)}  1B/10B\na1a1a1a1a1a1: Pushed\n`);
});
