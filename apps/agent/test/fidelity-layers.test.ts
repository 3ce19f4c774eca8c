import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tree } from '@berth/testkit';
import { buildContext, copyHostTools } from './helpers/build-context.js';
import { engineDiff, startOracle, type Oracle } from './helpers/oracle.js';

// Differential test, Docker as the oracle: an image with every kind of entry a layer can hold
// (fidelity/entries/Dockerfile), built by dockerd's own builder, pushed to a loopback registry,
// pulled by dockerd and by Berth, run by both; the two root file systems must be identical node
// for node (type, mode with setuid/setgid/sticky, owner, size, content hash, symlink target,
// device numbers, xattrs, hard-link groups).
const FIXTURE = fileURLToPath(new URL('./fidelity/entries', import.meta.url));

let o: Oracle;
let ref: string;
let trees: { docker: Tree; berth: Tree };

before(async () => {
  o = await startOracle();
  const ctx = await buildContext(FIXTURE);
  try {
    await copyHostTools(join(ctx, 'tools'), ['/sbin/setcap', '/usr/bin/setfattr']);
    ref = `${o.registry.host}/fidelity/entries:1`;
    await o.buildAndPush(ctx, ref);
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  await o.pullIntoBerth(ref);
  trees = await o.walkBoth(ref);
});

after(async () => {
  await o?.stop();
});

test('the root file systems of Docker and Berth are identical, node for node', () => {
  assert.deepEqual(engineDiff(trees), []);
});

// The oracle's own tree must hold what the Dockerfile made, or the comparison above proves little.
const node = (path: string) => {
  const n = trees.docker.nodes.get(path);
  assert.ok(n, `docker's tree has ${path}`);
  return n;
};

test('whiteouts and an opaque directory took effect', () => {
  for (const gone of [
    'f/gone/file',
    'f/gone/dir',
    'f/gone-file',
    'f/gone-link',
    'f/gone-fifo',
    'tools',
  ])
    assert.equal(trees.docker.nodes.has(gone), false, gone);
  assert.equal(node('f/gone').type, 'dir');
  const opaque = [...trees.docker.nodes.keys()].filter((p) => p.startsWith('f/opaque/'));
  assert.deepEqual(opaque, ['f/opaque/new']);
  assert.equal(node('f/retype-file').type, 'dir');
  assert.equal(node('f/retype-dir').type, 'file');
});

test('hard links: to symlinks, to lower files after a rename, across directories', () => {
  assert.equal(node('f/hl/hard-to-abs-symlink').type, 'symlink');
  assert.equal(node('f/hl/hard-to-abs-symlink').linkGroup, node('f/sym/absolute').linkGroup);
  assert.ok(node('f/sym/absolute').linkGroup);
  assert.equal(node('f/links/renamed-hl').linkGroup, 'f/links/renamed');
  assert.equal(node('f/keep/lower-hl-other-dir').linkGroup, 'f/keep/lower-hl-other-dir');
  assert.equal(node('f/links/lower').linkGroup, 'f/keep/lower-hl-other-dir');
  assert.equal(node('f/hl/b/two').linkGroup, 'f/hl/a/one');
  assert.equal(node('f/hl/three').linkGroup, 'f/hl/a/one');
  assert.equal(node('f/links/suid-hl').mode, 0o4755);
});

test('symlinks, modes, numeric owners without passwd entries', () => {
  assert.equal(node('f/sym/absolute').target, '/etc/passwd');
  assert.equal(node('f/sym/relative').target, '../keep/file');
  assert.equal(node('f/sym/dangling').target, '/does/not/exist');
  assert.equal(node('f/modes/file-6755').mode, 0o6755);
  assert.equal(node('f/modes/dir-1777').mode, 0o1777);
  assert.equal(node('f/modes/dir-2775').mode, 0o2775);
  assert.deepEqual([node('f/owners/nopasswd').uid, node('f/owners/nopasswd').gid], [12345, 54321]);
  assert.deepEqual(
    [node('f/owners/big-ids').uid, node('f/owners/big-ids').gid],
    [4000000, 3000000],
  );
  assert.deepEqual([node('f/owners/link').uid, node('f/owners/link').gid], [777, 888]);
  assert.equal(node('f/owners/suid-owned').mode, 0o6750);
  assert.deepEqual([node('f/keep').uid, node('f/keep/file').mode], [42, 0o600]);
});

test('FIFOs, device nodes, xattrs and file capabilities', () => {
  assert.equal(node('f/nodes/fifo').type, 'fifo');
  assert.equal(node('f/nodes/null').rdev, '1:3');
  assert.equal(node('f/nodes/loop7').type, 'block');
  assert.equal(node('f/nodes/bigdev').rdev, '259:300');
  const names = (p: string) => node(p).xattrs.map(([k]) => k);
  assert.deepEqual(names('f/x/cap-bin'), ['security.capability']);
  assert.deepEqual(names('f/x/cap-suid'), ['security.capability']);
  assert.equal(node('f/x/cap-suid').mode, 0o4755);
  // dockerd writes only security.capability into layer tars (moby's archive reads no other
  // xattr): user.* set in a RUN step do not survive a push, on either side.
  assert.deepEqual(names('f/x/user'), []);
  assert.deepEqual(names('f/x/dir'), []);
});

test('long, non-UTF-8 and odd names; sparse, empty and odd-sized files', () => {
  const names = [...trees.docker.nodes.keys()].filter((p) => p.startsWith('f/names/'));
  for (const want of [
    'f/names/caf\\xe9',
    'f/names/x\\xff\\xfey',
    'f/names/new\\x0aline',
    'f/names/back\\\\slash',
  ])
    assert.ok(names.includes(want), want);
  assert.ok(names.some((p) => p === `f/names/${'n'.repeat(255)}`));
  assert.ok(names.some((p) => p.length > 200 && p.endsWith('/file')));
  assert.equal(node('f/names/deep-hl').linkGroup !== undefined, true);
  assert.equal(node('f/sizes/sparse').size, 20 * 1024 * 1024);
  assert.equal(node('f/sizes/sparse-tail').size, 8192 * 1024 + 4096);
  assert.equal(node('f/sizes/empty').size, 0);
  assert.equal(node('f/sizes/over-1mib').size, 1048577);
});
