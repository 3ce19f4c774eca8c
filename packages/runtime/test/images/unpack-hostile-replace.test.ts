import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { applyLayer } from '../../src/unpack/apply.js';
import { sha256 } from '../../src/digest/digest.js';
import { buildTar, type TarEntry, withTempDir } from '@berth/testkit';

/**
 * Layers that are valid but replace paths with links pointing outside (or the reverse): the
 * apply succeeds, later entries replace the link itself and never write through it.
 */
interface Case {
  name: string;
  entries: (sentinel: string) => TarEntry[];
  check: (root: string) => Promise<void>;
}

const cases: Case[] = [
  {
    name: 'file over a symlink to an outside file replaces the link',
    entries: (s) => [
      { name: 'x', type: 'symlink', linkname: `${s}/secret` },
      { name: 'x', data: 'mine' },
    ],
    check: async (root) => {
      assert.ok((await lstat(join(root, 'x'))).isFile());
      assert.equal(await readFile(join(root, 'x'), 'utf8'), 'mine');
    },
  },
  {
    name: 'file over a dangling symlink to an outside path creates nothing outside',
    entries: (s) => [
      { name: 'x', type: 'symlink', linkname: `${s}/created` },
      { name: 'x', data: 'mine', mode: 0o4755 },
    ],
    check: async (root) => {
      const st = await lstat(join(root, 'x'));
      assert.ok(st.isFile());
      assert.equal(st.mode & 0o7777, 0o4755);
    },
  },
  {
    name: 'directory over a symlink to an outside directory replaces the link',
    entries: (s) => [
      { name: 'd', type: 'symlink', linkname: s },
      { name: 'd/', type: 'directory', mode: 0o750 },
      { name: 'd/f', data: 'inside' },
    ],
    check: async (root) => {
      const st = await lstat(join(root, 'd'));
      assert.ok(st.isDirectory());
      assert.equal(st.mode & 0o7777, 0o750);
      assert.deepEqual(await readdir(join(root, 'd')), ['f']);
    },
  },
  {
    name: 'symlink over a file written just before it, then a file over the symlink',
    entries: (s) => [
      { name: 'x', data: 'first' },
      { name: 'x', type: 'symlink', linkname: `${s}/secret` },
      { name: 'y', type: 'symlink', linkname: `${s}/secret` },
      { name: 'x', data: 'last' },
    ],
    check: async (root) => {
      assert.equal(await readFile(join(root, 'x'), 'utf8'), 'last');
      assert.ok((await lstat(join(root, 'y'))).isSymbolicLink());
    },
  },
  {
    name: 'hard link to a symlink pointing outside is a second name of that symlink',
    entries: (s) => [
      { name: 's', type: 'symlink', linkname: `${s}/secret` },
      { name: 'h', type: 'link', linkname: 's' },
      { name: 'f', data: 'mine' },
      { name: 'g', type: 'link', linkname: 'h' },
    ],
    check: async (root) => {
      const [s, h, g] = await Promise.all(['s', 'h', 'g'].map((n) => lstat(join(root, n))));
      assert.ok(h!.isSymbolicLink() && g!.isSymbolicLink());
      assert.equal(h!.ino, s!.ino);
      assert.equal(g!.ino, s!.ino);
      assert.equal(s!.nlink, 3);
    },
  },
  {
    name: 'file over a hard link to a symlink replaces that name only',
    entries: (s) => [
      { name: 's', type: 'symlink', linkname: `${s}/secret` },
      { name: 'h', type: 'link', linkname: 's' },
      { name: 'h', data: 'mine' },
    ],
    check: async (root) => {
      assert.equal(await readFile(join(root, 'h'), 'utf8'), 'mine');
      assert.ok((await lstat(join(root, 's'))).isSymbolicLink());
      assert.equal((await lstat(join(root, 's'))).nlink, 1);
    },
  },
  {
    name: 'many files, then their directory replaced by a file and a whiteout',
    entries: () => [
      ...Array.from({ length: 50 }, (_, i) => ({ name: `d/f${i}`, data: `${i}` })),
      ...Array.from({ length: 50 }, (_, i) => ({ name: `e/f${i}`, data: `${i}` })),
      { name: 'd', data: 'now a file', uid: 1000, gid: 1000 },
      { name: '.wh.e' },
    ],
    check: async (root) => {
      const d = await lstat(join(root, 'd'));
      assert.ok(d.isFile());
      assert.deepEqual([d.uid, d.gid], [1000, 1000]);
      const e = await lstat(join(root, 'e'));
      assert.ok(e.isCharacterDevice());
      assert.equal(e.rdev, 0);
    },
  },
  {
    name: 'the same path written many times in a row keeps the last entry',
    entries: (s) => [
      ...Array.from({ length: 30 }, (_, i): TarEntry =>
        i % 3 === 1
          ? { name: 'p', type: 'symlink', linkname: `${s}/v${i}` }
          : { name: 'p', data: `v${i}` },
      ),
      { name: 'q', type: 'symlink', linkname: 'p' },
    ],
    check: async (root) => {
      assert.equal(await readFile(join(root, 'p'), 'utf8'), 'v29');
      assert.equal(await readlink(join(root, 'q')), 'p');
    },
  },
];

for (const c of cases) {
  test(`hostile but valid layer: ${c.name}`, () =>
    withTempDir('hostile-ok', async (dir) => {
      const sentinel = join(dir, 'sentinel');
      await mkdir(sentinel);
      await writeFile(join(sentinel, 'secret'), 'do not touch');
      const tarBytes = await buildTar(c.entries(sentinel));
      const blobPath = join(dir, 'layer.blob');
      await writeFile(blobPath, gzipSync(tarBytes));
      const root = join(dir, 'root');
      await mkdir(root);
      await applyLayer({ blobPath, root, expectedDiffId: sha256(tarBytes) });
      await c.check(root);
      assert.deepEqual(await readdir(sentinel), ['secret']);
      assert.equal(await readFile(join(sentinel, 'secret'), 'utf8'), 'do not touch');
    }));
}

test('directory times are never set through a symlink that replaced the directory or its parent', () =>
  withTempDir('hostile-times', async (dir) => {
    const sentinel = join(dir, 'sentinel');
    await mkdir(sentinel);
    await writeFile(join(sentinel, 'secret'), 'do not touch');
    const before = (await lstat(sentinel)).mtimeMs;
    const old = new Date('2001-01-01T00:00:00Z');
    const tarBytes = await buildTar([
      { name: 'd/', type: 'directory', mtime: old },
      { name: 'd', data: 'a file for a moment' },
      { name: 'd', type: 'symlink', linkname: sentinel },
      { name: 'a/sentinel/', type: 'directory', mtime: old },
      { name: 'a', data: 'a file for a moment' },
      { name: 'a', type: 'symlink', linkname: dir },
      { name: 'kept/', type: 'directory', mtime: old },
    ]);
    const blobPath = join(dir, 'layer.blob');
    await writeFile(blobPath, gzipSync(tarBytes));
    const root = join(dir, 'root');
    await mkdir(root);
    await applyLayer({ blobPath, root, expectedDiffId: sha256(tarBytes) });
    assert.equal((await lstat(sentinel)).mtimeMs, before, 'the outside directory keeps its time');
    assert.equal(
      (await lstat(join(root, 'kept'))).mtimeMs,
      old.getTime(),
      'own directories get theirs',
    );
    assert.ok((await lstat(join(root, 'd'))).isSymbolicLink());
  }));
