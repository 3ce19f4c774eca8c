import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, readdir, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getAttribute, listAttributes } from 'fs-xattr';
import { applyLayer } from '../../src/unpack/apply.js';
import { OverlaySnapshotter } from '../../src/snapshot/overlay-snapshotter.js';
import { chainIds } from '../../src/snapshot/chain.js';
import { mountAll, unmount } from '../../src/mount/mount.js';
import { buildLayer, type BuiltLayer, withTempDir } from '@berth/testkit';

// VFS_CAP_REVISION_2: permitted = CAP_SETGID | CAP_NET_BIND_SERVICE (0x480), bytes ≥ 0x80 included on purpose.
const CAP = Buffer.from([
  0x01, 0x00, 0x00, 0x02, 0x80, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

async function prepareAll(snap: OverlaySnapshotter, dir: string, layers: BuiltLayer[]) {
  const chains = chainIds(layers.map((l) => l.diffId));
  for (let i = 0; i < layers.length; i++) {
    const blobPath = join(dir, `blob${i}`);
    await writeFile(blobPath, layers[i]!.blob);
    await snap.prepare(chains[i]!, chains[i - 1], layers[i]!.diffId, async (fs) => {
      const r = await applyLayer({ blobPath, root: fs, expectedDiffId: layers[i]!.diffId });
      return { size: r.fileBytes };
    });
  }
  return chains[chains.length - 1]!;
}

test('layers with whiteouts, opaque dirs, links, setuid, owners, devices and xattrs show up right through overlay', () =>
  withTempDir('overlay', async (dir) => {
    const base = await buildLayer(
      [
        { name: 'etc/', type: 'directory' },
        { name: 'etc/keep', data: 'keep me' },
        { name: 'etc/gone', data: 'delete me' },
        { name: 'etc/hl', type: 'link', linkname: 'etc/keep' },
        { name: 'etc/sl', type: 'symlink', linkname: 'keep' },
        { name: 'etc/abs', type: 'symlink', linkname: '/etc/passwd' },
        // what `ln` makes of a symlinked file (issue 10): a hard link to the symlink itself
        { name: 'etc/abs-hl', type: 'link', linkname: 'etc/abs' },
        { name: 'dir/a', data: 'a' },
        { name: 'dir/sub/b', data: 'b' },
        { name: 'bin/su', data: '#!/bin/true', mode: 0o4755 },
        { name: 'bin/sg', data: 'x', mode: 0o2711 },
        {
          name: 'bin/ping',
          data: 'ping',
          mode: 0o755,
          pax: { 'SCHILY.xattr.security.capability': CAP.toString('latin1') },
        },
        {
          name: 'home/user/file',
          data: 'mine',
          uid: 1000,
          gid: 1001,
          mode: 0o600,
          mtime: new Date('2020-01-02T03:04:05Z'),
        },
        {
          name: 'note',
          data: 'n',
          pax: {
            'SCHILY.xattr.user.berth': 'hello',
            'SCHILY.xattr.trusted.overlay.redirect': '/evil',
          },
        },
        { name: 'dev/null0', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
        { name: 'dev/fifo', type: 'fifo', mode: 0o644 },
      ],
      'gzip',
    );
    const top = await buildLayer(
      [
        { name: 'etc/.wh.gone' },
        { name: 'dir/.wh..wh..opq' },
        { name: 'dir/c', data: 'c' },
        { name: 'new', data: 'from top' },
      ],
      'zstd',
    );
    const snap = new OverlaySnapshotter(join(dir, 'snapshots'));
    const chain = await prepareAll(snap, dir, [base, top]);
    const lowers = await snap.lowerDirs(chain);
    assert.equal(lowers.length, 2);
    assert.match(lowers[0]!, /snapshots\/2\/fs$/);

    // overlay form in the top snapshot itself
    const wh = await lstat(join(lowers[0]!, 'etc/gone'));
    assert.ok(wh.isCharacterDevice() && wh.rdev === 0);
    assert.equal(
      (await getAttribute(join(lowers[0]!, 'dir'), 'trusted.overlay.opaque')).toString(),
      'y',
    );

    const merged = join(dir, 'merged');
    await mkdir(merged);
    const upper = join(dir, 'upper');
    const work = join(dir, 'work');
    await mkdir(upper);
    await mkdir(work);
    await mountAll(await snap.mounts(chain, { upperdir: upper, workdir: work }), merged);
    try {
      const p = (s: string) => join(merged, s);
      assert.deepEqual((await readdir(p('etc'))).sort(), ['abs', 'abs-hl', 'hl', 'keep', 'sl']);
      assert.deepEqual(await readdir(p('dir')), ['c']);
      assert.equal(await readFile(p('new'), 'utf8'), 'from top');
      const keep = await stat(p('etc/keep'));
      const hl = await stat(p('etc/hl'));
      assert.equal(keep.ino, hl.ino);
      assert.equal(keep.nlink, 2);
      assert.equal(await readlink(p('etc/sl')), 'keep');
      assert.equal(await readlink(p('etc/abs')), '/etc/passwd');
      const [abs, absHl] = await Promise.all([lstat(p('etc/abs')), lstat(p('etc/abs-hl'))]);
      assert.ok(absHl.isSymbolicLink());
      assert.equal(await readlink(p('etc/abs-hl')), '/etc/passwd');
      assert.equal(absHl.ino, abs.ino);
      assert.equal(abs.nlink, 2);
      assert.equal((await stat(p('bin/su'))).mode & 0o7777, 0o4755);
      assert.equal((await stat(p('bin/sg'))).mode & 0o7777, 0o2711);
      assert.deepEqual(await getAttribute(p('bin/ping'), 'security.capability'), CAP);
      const f = await stat(p('home/user/file'));
      assert.deepEqual([f.uid, f.gid, f.mode & 0o777], [1000, 1001, 0o600]);
      assert.equal(f.mtime.toISOString(), '2020-01-02T03:04:05.000Z');
      assert.equal((await getAttribute(p('note'), 'user.berth')).toString(), 'hello');
      assert.ok(
        !(await listAttributes(join(lowers[1]!, 'note'))).includes('trusted.overlay.redirect'),
      );
      const dev = await lstat(p('dev/null0'));
      assert.ok(dev.isCharacterDevice());
      assert.equal(dev.rdev, (1 << 8) | 3);
      assert.ok((await lstat(p('dev/fifo'))).isFIFO());
    } finally {
      await unmount(merged);
    }
  }));

test('two chains sharing a base layer store it once', () =>
  withTempDir('share', async (dir) => {
    const base = await buildLayer([{ name: 'base', data: 'shared' }]);
    const a = await buildLayer([{ name: 'a', data: 'a' }]);
    const b = await buildLayer([{ name: 'b', data: 'b' }], 'none');
    const snap = new OverlaySnapshotter(join(dir, 'snapshots'));
    let applied = 0;
    const orig = snap.prepare.bind(snap);
    snap.prepare = (c, p, d, apply) => orig(c, p, d, async (fs) => (applied++, apply(fs)));
    await prepareAll(snap, dir, [base, a]);
    await prepareAll(snap, dir, [base, b]);
    assert.equal(applied, 3);
    assert.equal((await snap.list()).length, 3);
  }));
