import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerProgress } from '@berth/runtime';
import { digestOf } from './image-fixtures.js';
import { PullProgress, PushProgress, progressBar } from './image-progress.js';
import { humanSize, shortId } from '../../human-units.js';

const L = digestOf('layer');
const p = (status: LayerProgress['status'], current = 0, total = 100): LayerProgress => ({
  layer: L,
  status,
  current,
  total,
});

test('sizes and bars as Docker prints them', () => {
  assert.equal(humanSize(999), '999B');
  assert.equal(humanSize(1234), '1.23kB');
  assert.equal(humanSize(12_345_678), '12.3MB');
  assert.equal(shortId(L), L.slice(7, 19));
  assert.match(progressBar(50, 100), /^\[={25}> {24}\] +50B\/100B$/);
  assert.match(progressBar(100, 100), /^\[={50}\]/);
});

test('pull: dockerd’s per-layer sequence', () => {
  const t = new PullProgress();
  const lines = [
    p('waiting'),
    p('waiting'),
    p('downloading', 40),
    p('verifying', 100),
    p('extracting'),
    p('done', 100),
    p('done', 100),
  ].flatMap((e) => t.translate(e));
  assert.deepEqual(
    lines.map((l) => l.status),
    [
      'Pulling fs layer',
      'Downloading',
      'Verifying Checksum',
      'Download complete',
      'Extracting',
      'Pull complete',
    ],
  );
  assert.ok(lines.every((l) => l.id === shortId(L)));
  assert.deepEqual(lines[1]!.progressDetail, { current: 40, total: 100 });
  assert.equal(typeof lines[1]!.progress, 'string');
  assert.ok(t.changed);
});

test('pull: a layer already here is held back until asked for', () => {
  const t = new PullProgress();
  const lines = [p('waiting'), p('already exists', 100)].flatMap((e) => t.translate(e));
  assert.deepEqual(lines, []);
  assert.equal(t.changed, false);
  assert.deepEqual(
    t.takeHeld().map((l) => [l.status, l.id]),
    [['Already exists', shortId(L)]],
  );
  assert.deepEqual(t.takeHeld(), []);
});

test('push: layers by diff ID, the config not shown', () => {
  const diff = digestOf('diff');
  const t = new PushProgress((b) => (b === L ? diff : undefined), 'x/base');
  assert.deepEqual(t.translate({ ...p('pushing', 5), layer: digestOf('config') }), []);
  assert.deepEqual(
    [p('pushing', 5), p('done'), p('already exists'), p('mounted')].flatMap((e) =>
      t.translate(e).map((l) => [l.status, l.id]),
    ),
    [
      ['Pushing', shortId(diff)],
      ['Pushed', shortId(diff)],
      ['Layer already exists', shortId(diff)],
      ['Mounted from x/base', shortId(diff)],
    ],
  );
  assert.deepEqual(
    t.preparing([digestOf('a'), digestOf('b')]).map((l) => [l.status, l.id]),
    [
      ['Preparing', shortId(digestOf('b'))],
      ['Preparing', shortId(digestOf('a'))],
    ],
  );
});
