import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyProgress, emptyPull, shortDigest } from './pull-progress.js';

test('pull progress: per-layer bars in first-seen order, overall percent, done when all done', () => {
  let v = applyProgress(emptyPull, { layer: 'sha256:aa', status: 'waiting', current: 0, total: 0 });
  assert.equal(v.layers[0]!.percent, null, 'unknown size → indeterminate');
  assert.equal(v.percent, null);
  v = applyProgress(v, { layer: 'sha256:bb', status: 'downloading', current: 25, total: 100 });
  v = applyProgress(v, { layer: 'sha256:aa', status: 'downloading', current: 50, total: 100 });
  assert.deepEqual(
    v.layers.map((l) => [l.layer, l.percent]),
    [
      ['sha256:aa', 50],
      ['sha256:bb', 25],
    ],
  );
  assert.equal(v.percent, 38);
  assert.equal(v.done, false);
  v = applyProgress(v, { layer: 'sha256:aa', status: 'already exists', current: 0, total: 100 });
  v = applyProgress(v, { layer: 'sha256:bb', status: 'done', current: 100, total: 100 });
  assert.equal(v.percent, 100);
  assert.equal(v.done, true);
  assert.equal(v.layers[0]!.percent, 100);
  assert.equal(shortDigest('sha256:' + 'f'.repeat(64)), 'f'.repeat(12));
  assert.equal(shortDigest(null), '(unreferenced)');
});
