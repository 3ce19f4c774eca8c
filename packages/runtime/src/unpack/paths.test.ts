import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectCompression,
  entryComponents,
  isAllowedXattr,
  paxOverrides,
  paxXattrs,
  whiteoutKind,
} from './paths.js';
import { isRuntimeError } from '../errors.js';

test('entryComponents normalizes harmless forms', () => {
  assert.deepEqual(entryComponents('./a/b/'), ['a', 'b']);
  assert.deepEqual(entryComponents('/etc/passwd'), ['etc', 'passwd']);
  assert.deepEqual(entryComponents('a//./b'), ['a', 'b']);
  assert.deepEqual(entryComponents('./'), []);
  assert.deepEqual(entryComponents('a/..b/c..'), ['a', '..b', 'c..']);
});

test('entryComponents rejects traversal and NUL', () => {
  for (const bad of ['../x', 'a/../../x', '/../etc', 'a/..', '..', './../x', 'a\0b']) {
    assert.throws(
      () => entryComponents(bad),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
      bad,
    );
  }
});

test('whiteoutKind', () => {
  assert.deepEqual(whiteoutKind('.wh..wh..opq'), { kind: 'opaque' });
  assert.deepEqual(whiteoutKind('.wh.foo'), { kind: 'whiteout', name: 'foo' });
  assert.deepEqual(whiteoutKind('.wh..wh.plnk'), { kind: 'meta' });
  assert.deepEqual(whiteoutKind('foo.wh.'), { kind: 'none' });
  assert.throws(() => whiteoutKind('.wh..'));
  assert.throws(() => whiteoutKind('.wh.'));
});

test('xattr filter refuses overlay metadata', () => {
  assert.ok(isAllowedXattr('security.capability'));
  assert.ok(isAllowedXattr('user.foo'));
  assert.ok(!isAllowedXattr('trusted.overlay.opaque'));
  assert.ok(!isAllowedXattr('trusted.overlay.redirect'));
  assert.ok(!isAllowedXattr('system.posix_acl_access'));
  assert.deepEqual(
    paxXattrs({
      'SCHILY.xattr.user.a': 'v',
      'SCHILY.xattr.trusted.overlay.opaque': 'y',
      path: 'x',
    }),
    [['user.a', Buffer.from('v')]],
  );
});

test('detectCompression by magic bytes', () => {
  assert.equal(detectCompression(Buffer.from([0x1f, 0x8b, 8, 0])), 'gzip');
  assert.equal(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])), 'zstd');
  assert.equal(detectCompression(Buffer.from('ustar')), 'none');
  assert.equal(detectCompression(Buffer.alloc(0)), 'none');
});

test('PAX uid, gid and mtime override the header (ids past the ustar field, fractions)', () => {
  assert.deepEqual(paxOverrides({ uid: '4000000', gid: '3000000', path: 'x' }), {
    uid: 4000000,
    gid: 3000000,
  });
  assert.equal(paxOverrides({ mtime: '1700000000.5' }).mtime?.getTime(), 1700000000500);
  assert.deepEqual(paxOverrides(undefined), {});
  const bads: Array<Record<string, string>> = [
    { uid: '-1' },
    { gid: '1e3' },
    { uid: '4294967296' },
    { mtime: 'now' },
  ];
  for (const bad of bads)
    assert.throws(
      () => paxOverrides(bad),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
    );
});
