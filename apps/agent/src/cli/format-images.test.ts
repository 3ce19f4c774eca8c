import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageSummary, LayersReport } from '@berth/protocol';
import {
  formatDiskUsage,
  formatImageIds,
  formatImagesTable,
  formatLayersTable,
  formatPruneResult,
  formatRemoveResult,
  jsonLines,
  pulledName,
  splitRepoTag,
} from './format-images.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const image = (id: string, repoTags: string[]): ImageSummary => ({
  id: d(id),
  repoTags,
  repoDigests: [],
  size: 1_234_567,
  created: '2026-01-01T00:00:00Z',
  platform: { os: 'linux', architecture: 'amd64' },
  dangling: repoTags.length === 0,
  layers: [d('1')],
});
const now = Date.parse('2026-01-03T00:00:00Z');

test('splitRepoTag keeps registry ports in the repository', () => {
  assert.deepEqual(splitRepoTag('127.0.0.1:5000/a/b:v1'), ['127.0.0.1:5000/a/b', 'v1']);
  assert.deepEqual(splitRepoTag('docker.io/library/busybox:latest'), [
    'docker.io/library/busybox',
    'latest',
  ]);
  assert.deepEqual(splitRepoTag('127.0.0.1:5000/a'), ['127.0.0.1:5000/a', '<none>']);
});

test('images table: one row per tag, <none> for dangling images', () => {
  const out = formatImagesTable([image('a', ['r/x:1', 'r/x:2']), image('b', [])], now);
  assert.equal(
    out,
    [
      'REPOSITORY   TAG      IMAGE ID       CREATED      SIZE',
      'r/x          1        aaaaaaaaaaaa   2 days ago   1.23MB',
      'r/x          2        aaaaaaaaaaaa   2 days ago   1.23MB',
      '<none>       <none>   bbbbbbbbbbbb   2 days ago   1.23MB',
      '',
    ].join('\n'),
  );
  assert.equal(
    formatImageIds([image('a', []), image('a', ['x']), image('b', [])]),
    'aaaaaaaaaaaa\nbbbbbbbbbbbb\n',
  );
  assert.equal(jsonLines([{ a: 1 }, { b: 2 }]), '{"a":1}\n{"b":2}\n');
});

test('layers table names the sharing images and the bytes saved', () => {
  const report: LayersReport = {
    layers: [
      {
        digest: d('1'),
        chainId: d('c'),
        diffId: d('e'),
        compressedSize: 10,
        size: 2_000_000,
        images: [d('a'), d('b')],
      },
      { digest: null, chainId: d('f'), diffId: d('e'), compressedSize: 0, size: 5, images: [] },
    ],
    totalSize: 2_000_005,
    sharedSavings: 2_000_000,
  };
  const out = formatLayersTable(report, [image('a', ['one:1']), image('b', [])]);
  assert.match(
    out,
    /^LAYER +SIZE +IMAGES\n111111111111 +2MB +one:1, bbbbbbbbbbbb\nffffffffffff +5B +-\n/,
  );
  assert.match(out, /Total: 2MB on disk; 2MB saved by sharing layers \(2000000 bytes\)\n$/);
});

test('remove, prune and df output', () => {
  assert.equal(
    formatRemoveResult({ untagged: ['a:1'], deleted: [d('a')] }),
    `Untagged: a:1\nDeleted: ${d('a')}\n`,
  );
  assert.equal(
    formatPruneResult({
      deleted: [d('a')],
      blobsRemoved: 1,
      snapshotsRemoved: 1,
      bytesReclaimed: 2500,
    }),
    `Deleted Images:\ndeleted: ${d('a')}\n\nTotal reclaimed space: 2.5kB\n`,
  );
  assert.equal(
    formatPruneResult({ deleted: [], blobsRemoved: 0, snapshotsRemoved: 0, bytesReclaimed: 0 }),
    'Total reclaimed space: 0B\n',
  );
  assert.match(
    formatDiskUsage({
      images: 2,
      danglingImages: 1,
      contentBytes: 3000,
      snapshotBytes: 9000,
      sharedSavings: 4000,
    }),
    /^TYPE +TOTAL +DANGLING +SIZE +SHARED SAVINGS\nImages +2 +1 +3kB +-\nLayers \(unpacked\) +- +- +9kB +4kB\n$/,
  );
});

test('pulledName: the tag the user asked for, even when the image has several', () => {
  const img = image('a', [
    'h:5000/x/base:1',
    'h:5000/x/copy:2',
    'docker.io/library/busybox:latest',
  ]);
  assert.equal(pulledName(img, 'h:5000/x/copy:2'), 'h:5000/x/copy:2');
  assert.equal(pulledName(img, 'busybox'), 'docker.io/library/busybox:latest');
  assert.equal(pulledName(img, 'busybox:latest'), 'docker.io/library/busybox:latest');
  assert.equal(pulledName(image('b', []), 'h:5000/x@sha256:' + 'b'.repeat(64)), d('b'));
});
