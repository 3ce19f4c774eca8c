import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archivePath, followLinks, symlinkTarget } from './archive-paths.js';

const refused = (fn: () => unknown, re: RegExp) =>
  assert.throws(
    fn,
    (e: Error & { code?: string }) => e.code === 'INVALID_ARGUMENT' && re.test(e.message),
  );

test('archive paths are normalized', () => {
  assert.equal(archivePath('./manifest.json'), 'manifest.json');
  assert.equal(archivePath('blobs//sha256/ab/'), 'blobs/sha256/ab');
  assert.equal(archivePath('a/./b/../c/layer.tar'), 'a/c/layer.tar');
});

test('names outside the archive are refused', () => {
  refused(() => archivePath('../etc/passwd'), /outside the archive/);
  refused(() => archivePath('a/../../etc/passwd'), /outside the archive/);
  refused(() => archivePath('/etc/passwd'), /not a relative path/);
  refused(() => archivePath('..'), /outside the archive/);
  refused(() => archivePath(''), /has no name/);
  refused(() => archivePath('a\0b'), /not a relative path/);
});

test('symlinks resolve inside the archive, relative to their directory', () => {
  assert.equal(symlinkTarget('b/layer.tar', '../a/layer.tar'), 'a/layer.tar');
  assert.equal(symlinkTarget('layer.tar', 'x/layer.tar'), 'x/layer.tar');
  refused(() => symlinkTarget('b/layer.tar', '../../etc/shadow'), /outside the archive/);
  refused(() => symlinkTarget('b/layer.tar', '/etc/shadow'), /is absolute/);
  refused(() => symlinkTarget('layer.tar', '.'), /outside the archive/);
});

test('link chains are followed; loops are refused', () => {
  const links = new Map([
    ['c', 'b'],
    ['b', 'a'],
  ]);
  assert.equal(followLinks('c', links), 'a');
  assert.equal(followLinks('z', links), 'z');
  refused(
    () =>
      followLinks(
        'x',
        new Map([
          ['x', 'y'],
          ['y', 'x'],
        ]),
      ),
    /loop/,
  );
});

test('messages quote hostile names safely', () => {
  assert.throws(
    () => archivePath('../\x1b[31mred'),
    (e: Error) => !e.message.includes('\x1b') && e.message.includes('\\u001b'),
  );
});
