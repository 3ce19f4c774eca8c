import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { applyLayer } from '../../src/unpack/apply.js';
import { OverlaySnapshotter } from '../../src/snapshot/overlay-snapshotter.js';
import { sha256, type Digest } from '../../src/digest/digest.js';
import { isRuntimeError } from '../../src/errors.js';
import { buildTar, compressLayer, rawHeader, type TarEntry, withTempDir } from '@berth/testkit';

interface Case {
  name: string;
  /** The layer blob to apply (given the sentinel dir's absolute path). */
  blob: (sentinel: string) => Promise<{ blob: Buffer; diffId?: Digest; maxBytes?: number }>;
  error: RegExp;
  entry?: string;
}

const tarOf = async (entries: TarEntry[]) => {
  const t = await buildTar(entries);
  return { blob: gzipSync(t), diffId: sha256(t) };
};

const cases: Case[] = [
  {
    name: 'dot-dot traversal',
    blob: () => tarOf([{ name: '../../../../sentinel/pwned', data: 'x' }]),
    error: /escapes the root/,
    entry: '../../../../sentinel/pwned',
  },
  {
    name: 'traversal in the middle',
    blob: () => tarOf([{ name: 'a/b/../../../../sentinel/pwned', data: 'x' }]),
    error: /escapes the root/,
  },
  {
    name: 'absolute path with traversal',
    blob: () => tarOf([{ name: '/../../../../sentinel/pwned', data: 'x' }]),
    error: /escapes the root/,
  },
  {
    name: 'write through an absolute symlink created earlier in the layer',
    blob: (s) =>
      tarOf([
        { name: 'evil', type: 'symlink', linkname: s },
        { name: 'evil/pwned', data: 'x' },
      ]),
    error: /through symlink "evil"/,
    entry: 'evil/pwned',
  },
  {
    name: 'write through a relative symlink',
    blob: () =>
      tarOf([
        { name: 'up', type: 'symlink', linkname: '../../../../..' },
        { name: 'up/sentinel/pwned', data: 'x' },
      ]),
    error: /through symlink "up"/,
  },
  {
    name: 'nested symlink in a deeper component',
    blob: (s) =>
      tarOf([
        { name: 'a/b', type: 'symlink', linkname: s },
        { name: 'a/b/c/pwned', data: 'x' },
      ]),
    error: /through symlink "a\/b"/,
  },
  {
    name: 'hard link to a file outside',
    blob: () => tarOf([{ name: 'h', type: 'link', linkname: '../../../../sentinel/secret' }]),
    error: /escapes the root/,
  },
  {
    name: 'hard link to an absolute host path',
    blob: () => tarOf([{ name: 'h', type: 'link', linkname: '/etc/passwd' }]),
    error: /does not exist in this layer|not in this layer/,
  },
  {
    name: 'hard link through a symlink',
    blob: (s) =>
      tarOf([
        { name: 's', type: 'symlink', linkname: s },
        { name: 'h', type: 'link', linkname: 's/secret' },
      ]),
    error: /through symlink "s"/,
  },
  {
    name: 'write through a hard link to a symlink pointing outside',
    blob: (s) =>
      tarOf([
        { name: 's', type: 'symlink', linkname: s },
        { name: 'h', type: 'link', linkname: 's' },
        { name: 'h/pwned', data: 'x' },
      ]),
    error: /through symlink "h"/,
    entry: 'h/pwned',
  },
  {
    name: 'link replaces a directory component',
    blob: (s) =>
      tarOf([
        { name: 'd/', type: 'directory' },
        { name: 'd/f', data: 'ok' },
        { name: 'd', type: 'symlink', linkname: s },
        { name: 'd/pwned', data: 'x' },
      ]),
    error: /replace a directory with a link/,
    entry: 'd',
  },
  {
    name: 'whiteout through a symlink (would delete outside)',
    blob: (s) => tarOf([{ name: 's', type: 'symlink', linkname: s }, { name: 's/.wh.secret' }]),
    error: /through symlink "s"/,
  },
  {
    name: 'opaque marker through a symlink (would set xattrs outside)',
    blob: (s) => tarOf([{ name: 's', type: 'symlink', linkname: s }, { name: 's/.wh..wh..opq' }]),
    error: /through symlink "s"/,
  },
  // Paths this apply verified as directories are cached; each case replaces one and then tries
  // to write through what took its place.
  {
    name: 'directory replaced by a file, then by a symlink, then written through',
    blob: (s) =>
      tarOf([
        { name: 'd/', type: 'directory' },
        { name: 'd/f', data: 'ok' },
        { name: 'd', data: 'now a file' },
        { name: 'd', type: 'symlink', linkname: s },
        { name: 'd/pwned', data: 'x' },
      ]),
    error: /through symlink "d"/,
    entry: 'd/pwned',
  },
  {
    name: 'whiteout removes a directory, a symlink takes its place',
    blob: (s) =>
      tarOf([
        { name: 'd/sub/f', data: 'ok' },
        { name: '.wh.d' },
        { name: 'd', type: 'symlink', linkname: s },
        { name: 'd/sub/pwned', data: 'x' },
      ]),
    error: /through symlink "d"/,
    entry: 'd/sub/pwned',
  },
  {
    name: 'fifo replaces a deep directory tree, a symlink takes its place',
    blob: (s) =>
      tarOf([
        { name: 'a/b/c/f', data: 'ok' },
        { name: 'a', type: 'fifo' },
        { name: 'a', type: 'symlink', linkname: s },
        { name: 'a/b/c/pwned', data: 'x' },
      ]),
    error: /through symlink "a"/,
    entry: 'a/b/c/pwned',
  },
  {
    name: 'many files, their directory replaced by a symlink mid-layer',
    blob: (s) =>
      tarOf([
        ...Array.from({ length: 40 }, (_, i) => ({ name: `d/f${i}`, data: 'x'.repeat(i) })),
        { name: 'd', data: 'file' },
        { name: 'd', type: 'symlink', linkname: s },
        ...Array.from({ length: 10 }, (_, i) => ({ name: `d/pwned${i}`, data: 'x' })),
      ]),
    error: /through symlink "d"/,
    entry: 'd/pwned0',
  },
  {
    name: 'file under a file written just before it',
    blob: () =>
      tarOf([
        { name: 'f', data: 'a file' },
        { name: 'f/x', data: 'x' },
      ]),
    error: /"f" is not a directory/,
    entry: 'f/x',
  },
  {
    name: 'hard link to a symlink written just before it, then written through',
    blob: (s) =>
      tarOf([
        { name: 'x/', type: 'directory' },
        { name: 'x/s', type: 'symlink', linkname: s },
        { name: 'x/h', type: 'link', linkname: 'x/s' },
        { name: 'x/h/sub/pwned', data: 'x' },
      ]),
    error: /through symlink "x\/h"/,
    entry: 'x/h/sub/pwned',
  },
  {
    name: 'hard link through a hard link to a symlink',
    blob: (s) =>
      tarOf([
        { name: 's', type: 'symlink', linkname: s },
        { name: 'h', type: 'link', linkname: 's' },
        { name: 'g', type: 'link', linkname: 'h/secret' },
      ]),
    error: /through symlink "h"/,
    entry: 'g',
  },
  {
    name: 'absurd size header with truncated data',
    blob: async () => {
      const t = Buffer.concat([rawHeader('huge', { size: 0o77777777777 }), Buffer.alloc(4096, 1)]);
      return { blob: gzipSync(t) };
    },
    error: /corrupt gzip layer|Unexpected end/i,
  },
  {
    name: 'decompression bomb past the byte limit',
    blob: async () => ({
      ...(await tarOf([{ name: 'zeros', data: Buffer.alloc(1 << 20) }])),
      maxBytes: 64 * 1024,
    }),
    error: /exceeds the (layer )?limit/,
  },
  {
    name: 'truncated gzip',
    blob: async () => {
      const { blob } = await tarOf([
        { name: 'f', data: Buffer.alloc(100000, 7) },
        { name: 'g', data: 'g' },
      ]);
      return { blob: blob.subarray(0, Math.floor(blob.length / 2)) };
    },
    error: /corrupt gzip layer/,
  },
  {
    name: 'wrong diff_id',
    blob: async () => ({
      blob: (await tarOf([{ name: 'f', data: 'f' }])).blob,
      diffId: sha256('something else'),
    }),
    error: /diff ID mismatch/,
  },
  {
    name: 'zstd layer with a corrupted frame',
    blob: async () => {
      const l = compressLayer(
        await buildTar([{ name: 'f', data: Buffer.alloc(50000, 3) }]),
        'zstd',
      );
      const b = Buffer.from(l.blob);
      b.fill(0xff, 8, 40);
      return { blob: b, diffId: l.diffId };
    },
    error: /corrupt zstd layer|diff ID mismatch|Unexpected end/i,
  },
];

for (const c of cases) {
  test(`hostile layer: ${c.name}`, () =>
    withTempDir('hostile', async (dir) => {
      const sentinel = join(dir, 'sentinel');
      await mkdir(sentinel);
      await writeFile(join(sentinel, 'secret'), 'do not touch');
      const snap = new OverlaySnapshotter(join(dir, 'store', 'snapshots'));
      const { blob, diffId, maxBytes } = await c.blob(sentinel);
      const blobPath = join(dir, 'layer.blob');
      await writeFile(blobPath, blob);
      await assert.rejects(
        snap.prepare(sha256(blob), undefined, diffId ?? sha256(blob), async (fs) => {
          const r = await applyLayer({ blobPath, root: fs, expectedDiffId: diffId, maxBytes });
          return { size: r.fileBytes };
        }),
        (e: unknown) => {
          assert.ok(isRuntimeError(e, 'INVALID_ARGUMENT'), String(e));
          assert.match(e.message, c.error);
          if (c.entry) assert.equal(e.details?.entry, c.entry);
          return true;
        },
      );
      // nothing outside the root, nothing left in the store
      assert.deepEqual(await readdir(sentinel), ['secret']);
      assert.equal(await readFile(join(sentinel, 'secret'), 'utf8'), 'do not touch');
      assert.deepEqual((await readdir(dir)).sort(), ['layer.blob', 'sentinel', 'store']);
      assert.deepEqual(await readdir(join(dir, 'store', 'snapshots')), []);
      assert.deepEqual(await snap.list(), []);
    }));
}
