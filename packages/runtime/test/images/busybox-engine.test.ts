import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mountAll, unmount } from '../../src/mount/mount.js';
import { prepareBusyboxEngine } from '../support/busybox-engine.js';
import { withTempDir } from '@berth/testkit';

const exec = promisify(execFile);

test('prepareBusyboxEngine gives a runnable rootfs (the helper container tests use)', () =>
  withTempDir('bbengine', async (dir) => {
    const { engine, ref, summary } = await prepareBusyboxEngine(join(dir, 'data'), {
      extraLayers: [[{ name: 'etc/motd', data: 'hi there' }]],
    });
    assert.equal((await engine.resolve(ref)).id, summary.id);
    for (const d of ['rootfs', 'upper', 'work']) await mkdir(join(dir, d));
    await mountAll(
      await engine.rootfsMounts(ref, { upperdir: join(dir, 'upper'), workdir: join(dir, 'work') }),
      join(dir, 'rootfs'),
    );
    try {
      const { stdout } = await exec('chroot', [join(dir, 'rootfs'), '/bin/cat', '/etc/motd']);
      assert.equal(stdout, 'hi there');
    } finally {
      await unmount(join(dir, 'rootfs'));
    }
  }));
