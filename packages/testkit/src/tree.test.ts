import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { setAttributeSync } from 'fs-xattr';
import { withTempDir } from './temp.js';
import { describeNode, deviceNumbers, diffTrees, escapeName, walkTree } from './tree.js';

test('escapeName keeps printable ASCII and escapes every other byte, unambiguously', () => {
  assert.equal(escapeName(Buffer.from('a b.txt')), 'a b.txt');
  assert.equal(escapeName(Buffer.from([0x62, 0xff, 0x0a])), 'b\\xff\\x0a');
  assert.equal(escapeName(Buffer.from('é')), '\\xc3\\xa9');
  assert.notEqual(escapeName(Buffer.from('\\xff')), escapeName(Buffer.from([0xff])));
});

test('deviceNumbers decodes like glibc major()/minor()', () => {
  assert.equal(deviceNumbers((1 << 8) | 3), '1:3');
  assert.equal(deviceNumbers((7 << 8) | 0), '7:0');
  assert.equal(deviceNumbers((259 << 8) | (300 & 0xff) | ((300 & ~0xff) << 12)), '259:300');
});

test('walkTree records type, mode, owner, content, targets, xattrs, link groups; raw names', () =>
  withTempDir('tree', async (dir) => {
    fs.mkdirSync(join(dir, 'd'), { mode: 0o755 });
    fs.chmodSync(join(dir, 'd'), 0o2755);
    fs.writeFileSync(join(dir, 'd/f'), 'hello');
    fs.chmodSync(join(dir, 'd/f'), 0o4755);
    fs.linkSync(join(dir, 'd/f'), join(dir, 'g'));
    fs.symlinkSync('../nowhere', join(dir, 'd/dangling'));
    fs.writeFileSync(Buffer.from(`${dir}/bad\xff`, 'latin1'), '');
    setAttributeSync(join(dir, 'g'), 'user.k', Buffer.from([1, 2]));
    const t = walkTree(dir, { exclude: ['skipme'] });
    const f = t.nodes.get('d/f')!;
    assert.equal(f.type, 'file');
    assert.equal(f.mode, 0o4755);
    assert.equal(f.size, 5);
    assert.equal(f.sha256, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    assert.deepEqual(f.xattrs, [['user.k', '0102']]);
    assert.equal(f.linkGroup, 'd/f');
    assert.equal(t.nodes.get('g')!.linkGroup, 'd/f');
    assert.equal(t.nodes.get('d')!.mode, 0o2755);
    assert.equal(t.nodes.get('d/dangling')!.target, '../nowhere');
    assert.equal(t.nodes.get('bad\\xff')!.size, 0);
    assert.deepEqual([...t.nodes.keys()].sort(), ['bad\\xff', 'd', 'd/dangling', 'd/f', 'g']);
  }));

test('diffTrees names nodes only on one side and nodes that differ in any compared field', () =>
  withTempDir('tree', async (dir) => {
    fs.mkdirSync(join(dir, 'a'));
    fs.mkdirSync(join(dir, 'b'));
    for (const s of ['a', 'b']) {
      fs.writeFileSync(join(dir, s, 'same'), 'x');
      fs.writeFileSync(join(dir, s, 'content'), s);
      fs.writeFileSync(join(dir, s, `only-${s}`), '');
    }
    fs.chmodSync(join(dir, 'b', 'same'), 0o600);
    const a = walkTree(join(dir, 'a'));
    const b = walkTree(join(dir, 'b'));
    assert.deepEqual(diffTrees(a, a), []);
    const d = diffTrees(a, b, ['docker', 'berth']);
    assert.equal(d.length, 4);
    assert.match(d[0]!, /^differs: content\n {2}docker: file 0644 0:0 size=1 sha256=/);
    assert.match(d[1]!, /^only in docker: only-a /);
    assert.match(d[2]!, /^only in berth: only-b /);
    assert.match(d[3]!, /^differs: same\n {2}docker: file 0644.*\n {2}berth: file 0600/);
    assert.equal(
      describeNode(a.nodes.get('same')!),
      'file 0644 0:0 size=1 sha256=2d711642b726b044',
    );
  }));
