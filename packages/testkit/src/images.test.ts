import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostArchitecture, MediaType, sha256 } from './oci.js';
import { buildImage, buildIndex } from './images.js';

const parse = (b: Buffer | undefined) => JSON.parse(b!.toString()) as Record<string, unknown>;

test('buildImage: the manifest names the config and every layer, diff_ids hash the tars', async () => {
  const img = await buildImage({
    layers: [[{ name: 'a', data: 'x' }], [{ name: 'b', data: 'y' }]],
    config: { Cmd: ['/bin/true'] },
  });
  assert.equal(img.root.mediaType, MediaType.OciManifest);
  const manifest = parse(img.blobs.get(img.root.digest)) as {
    config: { digest: string };
    layers: Array<{ digest: string; size: number }>;
  };
  assert.equal(manifest.config.digest, img.configDigest);
  assert.deepEqual(
    manifest.layers.map((l) => [l.digest, l.size]),
    img.layers.map((l) => [l.digest, l.blob.length]),
  );
  const config = parse(img.blobs.get(img.configDigest)) as {
    architecture: string;
    config: { Cmd: string[] };
    rootfs: { diff_ids: string[] };
  };
  assert.equal(config.architecture, hostArchitecture());
  assert.deepEqual(config.config.Cmd, ['/bin/true']);
  assert.deepEqual(
    config.rootfs.diff_ids,
    img.layers.map((l) => sha256(l.tar)),
  );
  for (const [digest, blob] of img.blobs) assert.equal(sha256(blob), digest);
});

test('buildImage with docker: schema2 media types', async () => {
  const img = await buildImage({ layers: [[{ name: 'a' }]], docker: true });
  const manifest = parse(img.blobs.get(img.root.digest)) as {
    mediaType: string;
    layers: Array<{ mediaType: string }>;
  };
  assert.equal(manifest.mediaType, MediaType.DockerManifest);
  assert.equal(manifest.layers[0]!.mediaType, MediaType.DockerLayerGzip);
});

test('buildIndex: one entry per platform and the blobs of every image', async () => {
  const amd = await buildImage({ layers: [[{ name: 'a' }]], architecture: 'amd64' });
  const arm = await buildImage({ layers: [[{ name: 'b' }]], architecture: 'arm64' });
  const index = buildIndex([
    { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
    { image: arm, platform: { os: 'linux', architecture: 'arm64' } },
  ]);
  const doc = parse(index.blobs.get(index.root.digest)) as {
    manifests: Array<{ digest: string; platform: { architecture: string } }>;
  };
  assert.deepEqual(
    doc.manifests.map((m) => [m.digest, m.platform.architecture]),
    [
      [amd.root.digest, 'amd64'],
      [arm.root.digest, 'arm64'],
    ],
  );
  for (const d of [...amd.blobs.keys(), ...arm.blobs.keys()]) assert.ok(index.blobs.has(d));
  assert.throws(() => buildIndex([]), /at least one image/);
});
