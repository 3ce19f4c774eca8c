import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { buildTar, sha256, type TarEntry } from '@berth/testkit';
import { ImageEngine } from '../../src/engine.js';
import { MediaType } from '../../src/media-types.js';

// Image archives in every format `docker save` has written, loaded by the engine (root: layers
// are unpacked into real snapshots).
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-archive-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

let n = 0;
const engine = () => ImageEngine.open({ dataRoot: join(root, `e${n++}`) });
const stream = (b: Buffer) => Readable.from([b]);

interface Layer {
  tar: Buffer;
  diffId: string;
}
async function layer(entries: TarEntry[]): Promise<Layer> {
  const tar = await buildTar(entries);
  return { tar, diffId: sha256(tar) };
}
function config(layers: Layer[], cmd: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: [cmd] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
}

test('Docker 20.10’s format: a shared layer.tar as a symlink, both images loaded, the layer once', async () => {
  const base = await layer([{ name: 'base.txt', data: 'base' }]);
  const top = await layer([{ name: 'top.txt', data: 'top' }]);
  const c1 = config([base], 'one');
  const c2 = config([base, top], 'two');
  const archive = await buildTar([
    { name: 'aaa/', type: 'directory' },
    { name: 'aaa/layer.tar', data: base.tar },
    { name: 'aaa/VERSION', data: '1.0' },
    { name: 'bbb/layer.tar', type: 'symlink', linkname: '../aaa/layer.tar' },
    { name: 'ccc/layer.tar', data: top.tar },
    { name: `${sha256(c1).slice(7)}.json`, data: c1 },
    { name: `${sha256(c2).slice(7)}.json`, data: c2 },
    {
      name: 'manifest.json',
      data: JSON.stringify([
        { Config: `${sha256(c1).slice(7)}.json`, RepoTags: ['one:1'], Layers: ['aaa/layer.tar'] },
        {
          Config: `${sha256(c2).slice(7)}.json`,
          RepoTags: ['two:1', 'reg.example/two:latest'],
          Layers: ['bbb/layer.tar', 'ccc/layer.tar'],
        },
      ]),
    },
    { name: 'repositories', data: '{}' },
  ]);
  const e = await engine();
  const loaded = await e.loadArchive(stream(archive));
  assert.deepEqual(
    loaded.map((l) => [l.record.id, l.names]),
    [
      [sha256(c1), ['docker.io/library/one:1']],
      [sha256(c2), ['docker.io/library/two:1', 'reg.example/two:latest']],
    ],
  );
  const two = await e.resolve('two:1');
  assert.deepEqual(
    two.layers.map((l) => [l.digest, l.mediaType]),
    [
      [base.diffId, MediaType.OciLayer],
      [top.diffId, MediaType.OciLayer],
    ],
    'uncompressed layers stored as they came',
  );
  assert.equal((await e.snapshots.list()).length, 2, 'the base layer unpacked once');
  const mounts = await e.rootfsMounts('two:1');
  const lower = mounts[0]!.options
    .find((o) => o.startsWith('lowerdir='))!
    .slice(9)
    .split(':');
  assert.equal(await readFile(join(lower[1]!, 'base.txt'), 'utf8'), 'base');
  assert.equal(await readFile(join(lower[0]!, 'top.txt'), 'utf8'), 'top');
  assert.deepEqual(await readdir(join(root, `e${n - 1}`, 'tmp')), [], 'spooled files removed');
});

test('a gzip-compressed layer.tar in a Docker archive is stored as gzip', async () => {
  const l = await layer([{ name: 'z.txt', data: 'z' }]);
  const c = config([l], 'z');
  const archive = await buildTar([
    { name: 'x/layer.tar', data: gzipSync(l.tar) },
    { name: 'c.json', data: c },
    {
      name: 'manifest.json',
      data: JSON.stringify([{ Config: 'c.json', RepoTags: null, Layers: ['x/layer.tar'] }]),
    },
  ]);
  const e = await engine();
  const [img] = await e.loadArchive(stream(archive));
  assert.deepEqual(img!.names, []);
  assert.equal(img!.record.layers[0]!.mediaType, MediaType.OciLayerGzip);
  assert.equal(img!.record.layers[0]!.diffId, l.diffId);
});

test('an OCI layout alone (no manifest.json) and Berth’s own save both load', async () => {
  const l = await layer([{ name: 'o.txt', data: 'o' }]);
  const c = config([l], 'oci');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: sha256(c), size: c.length },
      layers: [{ mediaType: MediaType.OciLayer, digest: l.diffId, size: l.tar.length }],
    }),
  );
  const blob = (b: Buffer): TarEntry => ({ name: `blobs/sha256/${sha256(b).slice(7)}`, data: b });
  const archive = await buildTar([
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    blob(l.tar),
    blob(c),
    blob(manifest),
    {
      name: 'index.json',
      data: JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: sha256(manifest),
            size: manifest.length,
            annotations: {
              'io.containerd.image.name': 'docker.io/library/oci:1',
              'org.opencontainers.image.ref.name': '1',
            },
          },
        ],
      }),
    },
  ]);
  const e = await engine();
  const [img] = await e.loadArchive(stream(archive));
  assert.deepEqual(img!.names, ['docker.io/library/oci:1']);
  assert.equal(img!.record.manifestDigest, sha256(manifest), 'the manifest kept as it was');
  // Berth's save of it: OCI layout + manifest.json; loads back with the same manifest
  const chunks: Buffer[] = [];
  const sink = new (await import('node:stream')).Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  await e.saveTo(await e.saveItems(['oci:1']), sink);
  const again = await engine();
  const [back] = await again.loadArchive(stream(Buffer.concat(chunks)));
  assert.equal(back!.record.id, sha256(c));
  assert.equal(back!.record.manifestDigest, sha256(manifest));
  assert.deepEqual(back!.names, ['docker.io/library/oci:1']);
});

test('a failed load leaves nothing: no image, no blob, no snapshot, no spooled file', async () => {
  const good = await layer([{ name: 'g.txt', data: 'g' }]);
  const liar = await layer([{ name: 'l.txt', data: 'l' }]);
  // the config promises a different diff_id than the second layer has
  const c = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [good.diffId, sha256('something else')] },
    }),
  );
  const archive = await buildTar([
    { name: 'a/layer.tar', data: good.tar },
    { name: 'b/layer.tar', data: liar.tar },
    { name: 'c.json', data: c },
    {
      name: 'manifest.json',
      data: JSON.stringify([
        { Config: 'c.json', RepoTags: ['liar:1'], Layers: ['a/layer.tar', 'b/layer.tar'] },
      ]),
    },
  ]);
  const e = await engine();
  await assert.rejects(e.loadArchive(stream(archive)), /diff/i);
  assert.deepEqual(await e.images.list(), []);
  assert.deepEqual(await e.content.list(), []);
  assert.deepEqual(await e.snapshots.list(), []);
  assert.deepEqual(await readdir(join(root, `e${n - 1}`, 'tmp')), []);
});

test('malformed archives are refused with a clear message', async () => {
  const e = await engine();
  const cases: Array<[TarEntry[], RegExp]> = [
    [[{ name: 'manifest.json', data: 'not json' }], /manifest.json is not valid JSON/],
    [[{ name: 'manifest.json', data: '{"a":1}' }], /manifest.json is malformed/],
    [
      [{ name: 'manifest.json', data: '[{"Config":"c.json","Layers":[]}]' }],
      /archive lacks c.json/,
    ],
    [
      [{ name: 'index.json', data: '{"schemaVersion":2,"manifests":[{}]}' }],
      /index.json is malformed/,
    ],
    [[{ name: 'blobs/sha256/' + 'a'.repeat(64), data: 'not that' }], /digest|sha256/i],
  ];
  for (const [entries, error] of cases)
    await assert.rejects(e.loadArchive(stream(await buildTar(entries))), error);
  await assert.rejects(
    e.loadArchive(stream(Buffer.from('not a tar at all'.repeat(64)))),
    (err: Error & { code?: string }) =>
      err.code === 'INVALID_ARGUMENT' && /not a readable tar/.test(err.message),
  );
  const truncated = (await buildTar([{ name: 'big', data: 'x'.repeat(5000) }])).subarray(0, 1500);
  await assert.rejects(e.loadArchive(stream(truncated)), /not a readable tar/);
});
