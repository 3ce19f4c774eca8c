import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layersReport } from './layers.js';
import { referencedBy } from './gc.js';
import { sha256 } from '../digest/digest.js';
import type { ImageRecord } from '../image/records.js';
import type { SnapshotInfo } from '../snapshot/snapshotter.js';

const d = (s: string) => sha256(s);
const snap = (
  id: number,
  name: string,
  size: number,
  parent?: string,
  users: string[] = [],
): SnapshotInfo => ({
  id,
  chainId: d(name),
  parent: parent ? d(parent) : undefined,
  diffId: d(`diff-${name}`),
  size,
  createdAt: '',
  users,
});
const image = (name: string, chain: string[]): ImageRecord => ({
  id: d(`cfg-${name}`),
  configSize: 10,
  manifestDigest: d(`m-${name}`),
  manifestMediaType: 'x',
  manifestSize: 1,
  repoTags: [],
  repoDigests: [],
  platform: { os: 'linux', architecture: 'amd64' },
  storedAt: '',
  layers: chain.map((c) => ({
    digest: d(`blob-${c}`),
    diffId: d(`diff-${c}`),
    chainId: d(c),
    mediaType: 'x',
    size: 5,
  })),
});

test('layers report counts sharing', () => {
  const snaps = [snap(1, 'base', 1000), snap(2, 'a', 10, 'base'), snap(3, 'b', 20, 'base')];
  const r = layersReport([image('A', ['base', 'a']), image('B', ['base', 'b'])], snaps);
  assert.equal(r.totalSize, 1030);
  assert.equal(r.sharedSavings, 1000);
  assert.deepEqual(r.layers[0]!.images, [d('cfg-A'), d('cfg-B')]);
  assert.equal(r.layers[0]!.digest, d('blob-base'));
});

test('referencedBy marks image blobs and chains plus snapshots held by users and their parents', () => {
  const snaps = [snap(1, 'base', 1), snap(2, 'a', 1, 'base', ['ctr1']), snap(3, 'orphan', 1)];
  const { blobs, chains } = referencedBy([image('B', ['x'])], snaps);
  assert.ok(blobs.has(d('cfg-B')) && blobs.has(d('m-B')) && blobs.has(d('blob-x')));
  assert.deepEqual([...chains].sort(), [d('x'), d('a'), d('base')].sort());
});
