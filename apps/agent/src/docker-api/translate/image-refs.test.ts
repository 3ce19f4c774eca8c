import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestOf, imageRecord } from './image-fixtures.js';
import { familiar, pullReference, registryHost, saveNames, tagTarget } from './image-refs.js';

test('stored names are shown in Docker’s short form', () => {
  assert.equal(familiar('docker.io/library/busybox:latest'), 'busybox:latest');
  assert.equal(familiar('docker.io/user/app:1'), 'user/app:1');
  assert.equal(familiar('127.0.0.1:5000/x/y:2'), '127.0.0.1:5000/x/y:2');
  const d = digestOf('m');
  assert.equal(familiar(`docker.io/library/busybox@${d}`), `busybox@${d}`);
});

test('tag target: tag replaces, default latest, digests refused', () => {
  assert.equal(tagTarget('myrepo', undefined), 'docker.io/library/myrepo:latest');
  assert.equal(tagTarget('reg:5000/a/b', '2'), 'reg:5000/a/b:2');
  assert.equal(tagTarget('a:1', '2'), 'docker.io/library/a:2');
  assert.equal(tagTarget('a:1', ''), 'docker.io/library/a:1');
  assert.throws(() => tagTarget(`a@${digestOf('x')}`, undefined), /digest reference/);
  assert.throws(() => tagTarget('a', 'bad tag'), /invalid tag/);
  assert.throws(() => tagTarget('UPPER', undefined), /lowercase/);
});

test('pull reference: tag or digest in `tag`, a tag in fromImage, all-tags refused', () => {
  const d = digestOf('m');
  assert.equal(pullReference('busybox', 'latest'), 'docker.io/library/busybox:latest');
  assert.equal(pullReference('reg:5000/x/y', '1'), 'reg:5000/x/y:1');
  assert.equal(pullReference('reg:5000/x/y', d), `reg:5000/x/y@${d}`);
  assert.equal(pullReference('busybox:1.36', undefined), 'busybox:1.36');
  assert.equal(pullReference(`busybox@${d}`, undefined), `busybox@${d}`);
  assert.throws(
    () => pullReference('reg:5000/x/y', undefined),
    (e: Error & { code?: string }) => e.code === 'UNIMPLEMENTED',
  );
  assert.throws(() => pullReference('busybox', 'sha256:nothex'), /invalid/);
});

test('registry host of a login address', () => {
  assert.equal(registryHost('https://index.docker.io/v1/'), 'docker.io');
  assert.equal(registryHost('127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(registryHost('http://Reg.Example:443/v2/'), 'reg.example:443');
  assert.throws(() => registryHost(' '), /serveraddress/);
});

test('save names: a tag, every tag of a bare repository, none by ID or digest', () => {
  const r = imageRecord({
    repoTags: ['docker.io/library/busybox:latest', 'docker.io/library/busybox:1', 'reg:5000/b:2'],
  });
  assert.deepEqual(saveNames('busybox:1', r, false), ['docker.io/library/busybox:1']);
  assert.deepEqual(saveNames('busybox', r, false), [
    'docker.io/library/busybox:latest',
    'docker.io/library/busybox:1',
  ]);
  assert.deepEqual(saveNames('reg:5000/b', r, false), ['reg:5000/b:2']);
  assert.deepEqual(saveNames('busybox', r, true), []);
  assert.deepEqual(saveNames(`busybox@${digestOf('m')}`, r, false), []);
});
