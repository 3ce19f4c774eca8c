import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hostPlatform,
  parsePlatform,
  platformMatches,
  selectManifest,
  formatPlatform,
} from './platform.js';
import type { ImageIndex } from './manifest.js';
import { isRuntimeError } from '../errors.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}` as const;
const index: ImageIndex = {
  schemaVersion: 2,
  manifests: [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(1),
      size: 1,
      platform: { os: 'linux', architecture: 'amd64' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(2),
      size: 1,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(3),
      size: 1,
      platform: { os: 'linux', architecture: 'arm', variant: 'v6' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(4),
      size: 1,
      platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(5),
      size: 1,
      platform: { os: 'unknown', architecture: 'unknown' },
    },
  ],
};

test('host platform maps node arch names', () => {
  assert.deepEqual(hostPlatform('x64'), { os: 'linux', architecture: 'amd64', variant: undefined });
  assert.deepEqual(hostPlatform('arm64'), {
    os: 'linux',
    architecture: 'arm64',
    variant: undefined,
  });
  assert.deepEqual(hostPlatform('arm'), { os: 'linux', architecture: 'arm', variant: 'v7' });
});

test('parsePlatform normalizes and validates', () => {
  assert.deepEqual(parsePlatform('linux/arm64/v8'), {
    os: 'linux',
    architecture: 'arm64',
    variant: undefined,
  });
  assert.deepEqual(parsePlatform('linux/x86_64'), {
    os: 'linux',
    architecture: 'amd64',
    variant: undefined,
  });
  assert.equal(formatPlatform(parsePlatform('linux/arm')), 'linux/arm/v7');
  for (const bad of ['linux', 'a/b/c/d', 'linux/', 'linux/am d64']) {
    assert.throws(
      () => parsePlatform(bad),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
    );
  }
});

test('platformMatches handles default variants', () => {
  assert.ok(
    platformMatches(
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ),
  );
  assert.ok(
    !platformMatches(
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm' },
    ),
  );
});

test('selectManifest picks by os/arch/variant', () => {
  assert.equal(selectManifest(index, { os: 'linux', architecture: 'amd64' }).digest, d(1));
  assert.equal(selectManifest(index, parsePlatform('linux/arm64')).digest, d(2));
  assert.equal(selectManifest(index, parsePlatform('linux/arm/v6')).digest, d(3));
  assert.equal(selectManifest(index, parsePlatform('linux/arm')).digest, d(4));
  assert.throws(
    () => selectManifest(index, parsePlatform('linux/s390x')),
    (e) =>
      isRuntimeError(e, 'NOT_FOUND') && /available: linux\/amd64, linux\/arm64/.test(e.message),
  );
});
