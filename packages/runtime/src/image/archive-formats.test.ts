import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '../digest/digest.js';
import { MediaType } from '../media-types.js';
import {
  archiveTags,
  dockerManifestJson,
  layoutEntryName,
  manifestForDockerArchive,
  repositoriesJson,
  sniffLayerMediaType,
} from './archive-formats.js';
import { mergeByImage } from './archive-save.js';
import type { ImageRecord } from './records.js';

const cfg = sha256('config');
const l1 = sha256('layer1');
const l2 = sha256('layer2');

test('docker archive tags are normalized; digests and bad names are refused', () => {
  assert.deepEqual(archiveTags(['busybox:latest', 'reg:5000/a/b:1']), [
    'docker.io/library/busybox:latest',
    'reg:5000/a/b:1',
  ]);
  assert.deepEqual(archiveTags(null), []);
  assert.deepEqual(archiveTags(['busybox']), ['docker.io/library/busybox:latest']);
  assert.throws(() => archiveTags([`busybox@${l1}`]), /digest reference/);
  assert.throws(() => archiveTags(['UPPER:1']), /lowercase/);
});

test('an OCI layout entry is named by its full name; a bare ref.name tag names nothing', () => {
  const d = { mediaType: MediaType.OciManifest, digest: l1, size: 1 };
  const ann = (a: Record<string, string>) => ({ ...d, annotations: a });
  assert.equal(
    layoutEntryName(
      ann({
        'io.containerd.image.name': 'docker.io/library/busybox:1',
        'org.opencontainers.image.ref.name': '1',
      }),
    ),
    'docker.io/library/busybox:1',
  );
  assert.equal(layoutEntryName(ann({ 'org.opencontainers.image.ref.name': 'latest' })), undefined);
  assert.equal(
    layoutEntryName(ann({ 'org.opencontainers.image.ref.name': 'reg.io/app:2' })),
    'reg.io/app:2',
  );
  assert.equal(layoutEntryName(ann({ 'io.containerd.image.name': 'NOT A REF' })), undefined);
  assert.equal(layoutEntryName(d), undefined);
});

test('layer compression is sniffed from the first bytes', () => {
  assert.equal(sniffLayerMediaType(Buffer.from([0x1f, 0x8b, 8, 0])), MediaType.OciLayerGzip);
  assert.equal(sniffLayerMediaType(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])), MediaType.OciLayerZstd);
  assert.equal(sniffLayerMediaType(Buffer.from('bin/')), MediaType.OciLayer);
  assert.equal(sniffLayerMediaType(Buffer.alloc(0)), MediaType.OciLayer);
});

test('a docker archive image is stored under an OCI manifest of its blobs', () => {
  const m = JSON.parse(
    manifestForDockerArchive({ digest: cfg, size: 10 }, [
      { digest: l1, size: 5, mediaType: MediaType.OciLayer },
    ]).toString(),
  );
  assert.equal(m.mediaType, MediaType.OciManifest);
  assert.deepEqual(m.config, { mediaType: MediaType.OciConfig, digest: cfg, size: 10 });
  assert.deepEqual(m.layers, [{ mediaType: MediaType.OciLayer, digest: l1, size: 5 }]);
});

test("Docker's manifest.json and repositories point into blobs/ with short names", () => {
  const images = [
    {
      config: cfg,
      layers: [l1, l2],
      names: ['docker.io/library/busybox:latest', 'reg:5000/x/y:2'],
    },
    { config: sha256('c2'), layers: [l1], names: [] },
  ];
  assert.deepEqual(JSON.parse(dockerManifestJson(images).toString()), [
    {
      Config: `blobs/sha256/${cfg.slice(7)}`,
      RepoTags: ['busybox:latest', 'reg:5000/x/y:2'],
      Layers: [`blobs/sha256/${l1.slice(7)}`, `blobs/sha256/${l2.slice(7)}`],
    },
    {
      Config: `blobs/sha256/${sha256('c2').slice(7)}`,
      RepoTags: null,
      Layers: [`blobs/sha256/${l1.slice(7)}`],
    },
  ]);
  assert.deepEqual(JSON.parse(repositoriesJson(images).toString()), {
    busybox: { latest: l2.slice(7) },
    'reg:5000/x/y': { '2': l2.slice(7) },
  });
});

test('saving one image under several names writes it once with all of them', () => {
  const rec = { id: cfg } as ImageRecord;
  const other = { id: sha256('c2') } as ImageRecord;
  const merged = mergeByImage([
    { record: rec, names: ['a:1'] },
    { record: other, names: [] },
    { record: rec, names: ['a:1', 'b:2'] },
  ]);
  assert.deepEqual(
    merged.map((m) => [m.record.id, m.names]),
    [
      [cfg, ['a:1', 'b:2']],
      [other.id, []],
    ],
  );
});
