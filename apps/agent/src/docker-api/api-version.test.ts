import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../errors.js';
import { compareVersions, splitVersionedPath } from './api-version.js';

test('versions compare numerically', () => {
  assert.equal(compareVersions('1.9', '1.12'), -1);
  assert.equal(compareVersions('1.41', '1.41'), 0);
  assert.equal(compareVersions('1.41', '1.4'), 1);
  assert.equal(compareVersions('2', '1.41'), 1);
});

test('versioned paths lose their prefix; unversioned ones are served at 1.41', () => {
  assert.deepEqual(splitVersionedPath('/v1.41/containers/json'), {
    version: '1.41',
    path: '/containers/json',
  });
  assert.deepEqual(splitVersionedPath('/v1.25/_ping'), { version: '1.25', path: '/_ping' });
  assert.deepEqual(splitVersionedPath('/v1.12/info'), { version: '1.12', path: '/info' });
  assert.deepEqual(splitVersionedPath('/_ping'), { version: '1.41', path: '/_ping' });
  assert.deepEqual(splitVersionedPath('/volumes'), { version: '1.41', path: '/volumes' });
});

test('versions outside 1.12..1.41 get Docker’s messages as INVALID_ARGUMENT', () => {
  const tooNew = () => splitVersionedPath('/v1.42/info');
  assert.throws(tooNew, (e: unknown) => e instanceof AgentError && e.code === 'INVALID_ARGUMENT');
  assert.throws(tooNew, /client version 1.42 is too new. Maximum supported API version is 1.41/);
  assert.throws(
    () => splitVersionedPath('/v1.11/info'),
    /client version 1.11 is too old. Minimum supported API version is 1.12/,
  );
  assert.throws(() => splitVersionedPath('/v1..2/info'), /malformed API version/);
});
