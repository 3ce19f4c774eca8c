import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageConfig, parseManifestDocument } from './manifest.js';
import { MediaType } from '../media-types.js';
import { isRuntimeError } from '../errors.js';

const D = `sha256:${'a'.repeat(64)}`;
const j = (v: unknown) => Buffer.from(JSON.stringify(v));

test('parses OCI and Docker manifests and indexes', () => {
  const m = {
    schemaVersion: 2,
    mediaType: MediaType.DockerManifest,
    config: { mediaType: MediaType.DockerConfig, digest: D, size: 2 },
    layers: [{ mediaType: MediaType.DockerLayerGzip, digest: D, size: 3 }],
  };
  const r = parseManifestDocument(j(m));
  assert.equal(r.kind, 'manifest');
  const noType = parseManifestDocument(j({ schemaVersion: 2, manifests: [] }));
  assert.equal(noType.kind, 'index');
  const idx = parseManifestDocument(
    j({ schemaVersion: 2, manifests: [] }),
    MediaType.DockerManifestList,
  );
  assert.equal(idx.mediaType, MediaType.DockerManifestList);
});

test('refuses schema1 with a clear message', () => {
  assert.throws(
    () => parseManifestDocument(j({ schemaVersion: 1, name: 'x', fsLayers: [] })),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION') && /schema 1/.test(e.message),
  );
});

test('rejects malformed documents', () => {
  assert.throws(() => parseManifestDocument(Buffer.from('{')), /not valid JSON/);
  assert.throws(
    () =>
      parseManifestDocument(
        j({
          schemaVersion: 2,
          config: { mediaType: 'x', digest: 'sha256:bad', size: 1 },
          layers: [],
        }),
      ),
    /config.digest/,
  );
  assert.throws(
    () =>
      parseManifestDocument(
        j({
          schemaVersion: 2,
          config: { mediaType: 'x', digest: D, size: 1 },
          layers: [{ mediaType: 'text/plain', digest: D, size: 1 }],
        }),
      ),
    /unsupported layer media type/,
  );
});

test('parses an image config', () => {
  const c = parseImageConfig(
    j({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['A=1'], Cmd: null },
      rootfs: { type: 'layers', diff_ids: [D] },
    }),
  );
  assert.deepEqual(c.config?.Env, ['A=1']);
  assert.throws(
    () => parseImageConfig(j({ rootfs: { type: 'layers', diff_ids: ['nope'] } })),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});
