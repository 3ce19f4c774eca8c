import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlayMounts, chainIds } from './mounts.js';
import { mountArgs } from '../mount/mount.js';
import { sha256 } from '../digest/digest.js';
import { isRuntimeError } from '../errors.js';

test('overlay with a writable layer lists lowerdirs top-first', () => {
  const m = overlayMounts(['/s/3/fs', '/s/1/fs'], { upperdir: '/c/upper', workdir: '/c/work' });
  assert.deepEqual(m, [
    {
      type: 'overlay',
      source: 'overlay',
      options: ['lowerdir=/s/3/fs:/s/1/fs', 'upperdir=/c/upper', 'workdir=/c/work'],
    },
  ]);
  assert.deepEqual(mountArgs(m[0]!, '/c/rootfs'), [
    '-t',
    'overlay',
    '-o',
    'lowerdir=/s/3/fs:/s/1/fs,upperdir=/c/upper,workdir=/c/work',
    'overlay',
    '/c/rootfs',
  ]);
});

test('read-only views: bind for one layer, overlay for several', () => {
  const one = overlayMounts(['/s/1/fs']);
  assert.deepEqual(one, [{ type: 'bind', source: '/s/1/fs', options: ['rbind', 'ro'] }]);
  assert.deepEqual(mountArgs(one[0]!, '/t'), ['--bind', '-o', 'ro', '/s/1/fs', '/t']);
  assert.deepEqual(overlayMounts(['/a', '/b'])[0]!.options, ['lowerdir=/a:/b', 'ro']);
});

test('refuses paths overlay cannot express and over-long option strings', () => {
  assert.throws(
    () => overlayMounts(['/a:b', '/c']),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  assert.throws(
    () => overlayMounts(['/a', '/b,c']),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  const many = Array.from({ length: 300 }, (_, i) => `/var/lib/berth/snapshots/${i}/fs`);
  assert.throws(
    () => overlayMounts(many),
    (e) => isRuntimeError(e, 'RESOURCE_EXHAUSTED'),
  );
  assert.throws(
    () => overlayMounts([]),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('chain IDs follow the OCI image spec', () => {
  const a = sha256('a');
  const b = sha256('b');
  const c = sha256('c');
  const ids = chainIds([a, b, c]);
  assert.equal(ids[0], a);
  assert.equal(ids[1], sha256(`${a} ${b}`));
  assert.equal(ids[2], sha256(`${ids[1]} ${c}`));
  assert.deepEqual(chainIds([]), []);
});
