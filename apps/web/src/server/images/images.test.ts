import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toLayerSharing } from './layer-sharing.js';
import { createPullRegistry } from './pull-registry.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);

test('layer sharing: shared layers first, savings = Σ size × (users − 1)', () => {
  const view = toLayerSharing(
    'h',
    [
      { digest: 'sha256:l1', size: 100, imageIds: [A] },
      { digest: 'sha256:base', size: 1000, imageIds: [A, B] },
      { digest: null, size: 7, imageIds: [] },
    ],
    [
      { id: A, repoTags: ['app:1'] },
      { id: B, repoTags: [] },
    ],
    'agent',
  );
  assert.equal(view.sharedSavings, 1000);
  assert.equal(view.totalSize, 1107);
  assert.equal(view.layers[0]!.digest, 'sha256:base');
  assert.equal(view.layers[0]!.shared, true);
  assert.deepEqual(
    view.layers[0]!.images.map((i) => i.name),
    ['app:1', 'b'.repeat(12)],
  );
  assert.equal(view.layers[1]!.shared, false);
  assert.deepEqual(view.layers[2]!.images, []);
});

test('pull registry: progress goes to the starting socket of the same host only', () => {
  const r = createPullRegistry();
  r.start('p1', 'h', 's1');
  assert.equal(r.target('p1', 'h'), 's1');
  assert.equal(r.target('p1', 'other-host'), null, 'another agent cannot spoof the pull');
  assert.equal(r.target('nope', 'h'), null);
  r.end('p1');
  assert.equal(r.target('p1', 'h'), null);
});
