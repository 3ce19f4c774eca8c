import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import tar from 'tar-stream';
import { extractInto, validateArchive } from './extract.js';
import { packTree } from './pack.js';
import { resolveInRoot } from './resolve-in-root.js';
import { statInRoot } from './stat-path.js';

// A container root beside an "outside" directory that stands for the host: nothing may reach it.
async function fixture() {
  const dir = await mkdtemp(join(tmpdir(), 'berth-archive-'));
  const root = join(dir, 'root');
  const outside = join(dir, 'outside');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'dest'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'etc', 'hostname'), 'inside\n');
  await writeFile(join(outside, 'secret'), 'host secret\n');
  // hostile links: absolute to the host's view of outside, relative climbing out, to /
  await symlink(outside, join(root, 'abs'));
  await symlink('../../../../../../outside', join(root, 'rel'));
  await symlink('/', join(root, 'slash'));
  await symlink('loop2', join(root, 'loop1'));
  await symlink('loop1', join(root, 'loop2'));
  await symlink('/etc', join(root, 'etclink'));
  return { dir, root, outside, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

type Entry = {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo';
  body?: string;
  linkname?: string;
};

async function tarFile(dir: string, entries: Entry[]): Promise<string> {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.tar`);
  const pack = tar.pack();
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  for (const e of entries)
    pack.entry(
      { name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644, uid, gid },
      e.body ?? '',
    );
  pack.finalize();
  await pipeline(pack, createWriteStream(file));
  return file;
}

const own = { copyOwnership: true, noOverwriteDirNonDir: false };

test('paths resolve in scope: absolute and climbing symlinks stay under the root', async () => {
  const f = await fixture();
  try {
    const viaSlash = await resolveInRoot(f.root, '/slash/etc/hostname', { followFinal: true });
    assert.equal(viaSlash.hostPath, join(f.root, 'etc', 'hostname'));
    const viaRel = await resolveInRoot(f.root, '/rel/secret', { followFinal: true });
    assert.equal(viaRel.hostPath, join(f.root, 'outside', 'secret'));
    assert.equal(viaRel.exists, false);
    const viaAbs = await resolveInRoot(f.root, '/abs/secret', { followFinal: true });
    assert.ok(viaAbs.hostPath.startsWith(f.root + '/'));
    assert.equal(viaAbs.exists, false);
    const dots = await resolveInRoot(f.root, '/../../../etc/hostname', { followFinal: true });
    assert.equal(dots.hostPath, join(f.root, 'etc', 'hostname'));
    await assert.rejects(resolveInRoot(f.root, '/loop1', { followFinal: true }), /too many levels/);
    const s = await statInRoot(f.root, '/etclink/hostname');
    assert.equal(s.size, 'inside\n'.length);
    const link = await statInRoot(f.root, '/etclink');
    assert.equal(link.isSymlink, true);
    assert.equal(link.linkTarget, '/etc');
    await assert.rejects(statInRoot(f.root, '/abs/secret'), /Could not find/);
  } finally {
    await f.cleanup();
  }
});

test('extracting through hostile symlinks writes inside the root, never outside', async () => {
  const f = await fixture();
  try {
    // the destination itself is a link out: followed in scope
    await extractInto(f.root, '/slash', await tarFile(f.dir, [{ name: 'pwned', body: 'x' }]), own);
    assert.equal(await readFile(join(f.root, 'pwned'), 'utf8'), 'x');
    // an entry's parent is a link out (relative and absolute)
    await extractInto(
      f.root,
      '/',
      await tarFile(f.dir, [
        { name: 'rel/x', body: 'r' },
        { name: 'abs/y', body: 'a' },
      ]),
      own,
    );
    assert.equal(await readFile(join(f.root, 'outside', 'x'), 'utf8'), 'r');
    // the archive plants a link, then writes through it
    await extractInto(
      f.root,
      '/dest',
      await tarFile(f.dir, [
        { name: 'planted', type: 'symlink', linkname: '../../../../outside' },
        { name: 'planted/z', body: 'z' },
      ]),
      own,
    );
    assert.deepEqual((await readdir(f.outside)).sort(), ['secret'], 'nothing was written outside');
    assert.equal(await readFile(join(f.outside, 'secret'), 'utf8'), 'host secret\n');
  } finally {
    await f.cleanup();
  }
});

test('an existing symlink at an entry’s place is replaced, not written through', async () => {
  const f = await fixture();
  try {
    await symlink(join(f.outside, 'secret'), join(f.root, 'dest', 'f'));
    await extractInto(f.root, '/dest', await tarFile(f.dir, [{ name: 'f', body: 'new' }]), own);
    assert.equal(await readFile(join(f.outside, 'secret'), 'utf8'), 'host secret\n');
    assert.equal((await lstat(join(f.root, 'dest', 'f'))).isFile(), true);
    assert.equal(await readFile(join(f.root, 'dest', 'f'), 'utf8'), 'new');
  } finally {
    await f.cleanup();
  }
});

test('hard links resolve in scope; ".." names and unsupported types refuse the whole archive', async () => {
  const f = await fixture();
  try {
    const hostLink = await tarFile(f.dir, [
      { name: 'h', type: 'link', linkname: join(f.outside, 'secret') },
    ]);
    await assert.rejects(extractInto(f.root, '/dest', hostLink, own), /does not exist/);
    assert.equal((await lstat(join(f.outside, 'secret'))).nlink, 1);
    const inside = await tarFile(f.dir, [
      { name: 'a', body: 'same' },
      { name: 'b', type: 'link', linkname: 'a' },
    ]);
    await extractInto(f.root, '/dest', inside, own);
    assert.equal((await lstat(join(f.root, 'dest', 'b'))).nlink, 2);
    const climbing = await tarFile(f.dir, [
      { name: 'ok', body: '1' },
      { name: '../../x', body: '2' },
    ]);
    await assert.rejects(extractInto(f.root, '/dest/sub', climbing, own), /Could not find|escapes/);
    await mkdir(join(f.root, 'dest', 'sub'));
    await assert.rejects(extractInto(f.root, '/dest/sub', climbing, own), /escapes the root/);
    assert.deepEqual(await readdir(join(f.root, 'dest', 'sub')), [], 'nothing half-made');
    await assert.rejects(
      validateArchive(await tarFile(f.dir, [{ name: 'p', type: 'fifo' }])),
      /fifo entries are not supported/,
    );
  } finally {
    await f.cleanup();
  }
});

test('packing stores symlinks as links and never follows them out', async () => {
  const f = await fixture();
  try {
    const names: Array<[string, string, string]> = [];
    const extract = tar.extract();
    const done = (async () => {
      for await (const e of extract) {
        let body = '';
        for await (const c of e) body += (c as Buffer).toString();
        names.push([
          e.header.name,
          e.header.type,
          e.header.type === 'symlink' ? (e.header.linkname ?? '') : body,
        ]);
      }
    })();
    await Promise.all([pipeline(packTree(f.root, 'root'), extract), done]);
    const byName = new Map(names.map(([n, t, b]) => [n, [t, b]]));
    assert.deepEqual(byName.get('root/abs'), ['symlink', f.outside]);
    assert.deepEqual(byName.get('root/rel'), ['symlink', '../../../../../../outside']);
    assert.deepEqual(byName.get('root/etc/hostname'), ['file', 'inside\n']);
    assert.ok(!names.some(([, , b]) => b.includes('host secret')), 'no host file content');
    assert.equal(await readlink(join(f.root, 'abs')), f.outside);
  } finally {
    await f.cleanup();
  }
});
