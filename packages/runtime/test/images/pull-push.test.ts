import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ImageEngine } from '../../src/engine.js';
import { isRuntimeError } from '../../src/errors.js';
import { sha256 } from '../../src/digest/digest.js';
import type { LayerProgress } from '../../src/events.js';
import { mountAll, unmount } from '../../src/mount/mount.js';
import {
  startRegistry,
  type TestRegistry,
  buildBusyboxImage,
  buildImage,
  buildIndex,
  pushTestImage,
  type TestImage,
} from '@berth/testkit';

const exec = promisify(execFile);
let reg: TestRegistry;
let root: string;
let busybox: TestImage;
let app: TestImage;

before(async () => {
  reg = await startRegistry();
  root = await mkdtemp(join(tmpdir(), 'berth-pull-'));
  busybox = await buildBusyboxImage();
  app = await buildImage({
    layers: [
      busybox.layers[0]!,
      [{ name: 'app/run.sh', data: 'echo app', mode: 0o755 }],
      [{ name: 'app/.wh.run.sh' }, { name: 'app/data', data: 'd' }],
    ],
    compression: 'zstd',
    config: {
      Entrypoint: ['/bin/sh'],
      Cmd: ['-c', 'echo hi'],
      WorkingDir: '/app',
      User: '1000:1000',
      ExposedPorts: { '8080/tcp': {} },
      Volumes: { '/data': {} },
      Labels: { a: 'b' },
      StopSignal: 'SIGINT',
    },
  });
  await pushTestImage(`${reg.host}/busybox:latest`, busybox);
  await pushTestImage(`${reg.host}/team/app:1.0`, app);
});

after(async () => {
  await reg.stop();
  await rm(root, { recursive: true, force: true });
});

const engineAt = (dir: string, opts: Partial<Parameters<typeof ImageEngine.open>[0]> = {}) =>
  ImageEngine.open({ dataRoot: dir, ...opts });

test('pull two images sharing a base: base stored once, progress reported, second pull says already exists', async () => {
  const engine = await engineAt(join(root, 'a'));
  const events: LayerProgress[] = [];
  const bb = await engine.pull(`${reg.host}/busybox`, { onProgress: (p) => events.push(p) });
  assert.equal(bb.id, busybox.configDigest);
  assert.deepEqual(bb.repoTags, [`${reg.host}/busybox:latest`]);
  const statuses = new Set(events.map((e) => e.status));
  for (const s of ['waiting', 'verifying', 'extracting', 'done'])
    assert.ok(statuses.has(s as LayerProgress['status']), s);

  const a = await engine.pull(`${reg.host}/team/app:1.0`);
  assert.equal(a.id, app.configDigest);
  const snaps = await engine.snapshots.list();
  assert.equal(snaps.length, 3, 'base + two app layers');
  const report = await engine.layers();
  const base = report.layers.find((l) => l.diffId === busybox.layers[0]!.diffId)!;
  assert.equal(base.images.length, 2);
  assert.ok(report.sharedSavings >= base.size && base.size > 500_000);
  assert.equal(
    (await readdir(join(root, 'a', 'content', 'blobs', 'sha256'))).filter(
      (h) => `sha256:${h}` === busybox.layers[0]!.digest,
    ).length,
    1,
  );

  const again: LayerProgress[] = [];
  await engine.pull(`${reg.host}/team/app:1.0`, { onProgress: (p) => again.push(p) });
  assert.ok(again.filter((e) => e.status === 'already exists').length === 3);
  assert.equal((await engine.snapshots.list()).length, 3);
});

test('inspect shows config, history and layers; the rootfs mounts and runs busybox', async () => {
  const engine = await engineAt(join(root, 'a'));
  const i = await engine.inspect(`${reg.host}/team/app:1.0`);
  assert.deepEqual(i.config.entrypoint, ['/bin/sh']);
  assert.deepEqual(i.config.cmd, ['-c', 'echo hi']);
  assert.equal(i.config.workingDir, '/app');
  assert.equal(i.config.user, '1000:1000');
  assert.deepEqual(i.config.exposedPorts, ['8080/tcp']);
  assert.deepEqual(i.config.volumes, ['/data']);
  assert.deepEqual(i.config.labels, { a: 'b' });
  assert.equal(i.config.stopSignal, 'SIGINT');
  assert.equal(i.history.length, 3);
  assert.equal(i.layers.length, 3);
  assert.equal(i.layers[1]!.size, app.layers[1]!.blob.length);
  assert.equal((await engine.inspect(i.id.slice(7, 19))).id, i.id);

  const dir = join(root, 'ctr');
  for (const d of ['merged', 'upper', 'work']) await mkdir(join(dir, d), { recursive: true });
  await mountAll(
    await engine.rootfsMounts(i.id, { upperdir: join(dir, 'upper'), workdir: join(dir, 'work') }),
    join(dir, 'merged'),
  );
  try {
    const { stdout } = await exec('chroot', [
      join(dir, 'merged'),
      '/bin/sh',
      '-c',
      'echo hello from $(ls /app)',
    ]);
    assert.equal(stdout.trim(), 'hello from data');
  } finally {
    await unmount(join(dir, 'merged'));
  }
});

test('multi-arch index: platform selection by option and host default', async () => {
  const amd = await buildImage({
    layers: [busybox.layers[0]!, [{ name: 'arch', data: 'amd64' }]],
    architecture: 'amd64',
  });
  const arm = await buildImage({
    layers: [[{ name: 'arch', data: 'arm64' }]],
    architecture: 'arm64',
    variant: 'v8',
  });
  const index = buildIndex([
    { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
    { image: arm, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ]);
  await pushTestImage(`${reg.host}/multi:1`, index);
  const engine = await engineAt(join(root, 'multi'));
  const a = await engine.pull(`${reg.host}/multi:1`, { platform: 'linux/arm64' });
  assert.equal(a.id, arm.configDigest);
  assert.equal(a.platform.architecture, 'arm64');
  assert.deepEqual(a.repoDigests, [`${reg.host}/multi@${index.root.digest}`]);
  const b = await engine.pull(`${reg.host}/multi:1`, {
    platform: { os: 'linux', architecture: 'amd64' },
  });
  assert.equal(b.id, amd.configDigest);
  await assert.rejects(
    engine.pull(`${reg.host}/multi:1`, { platform: 'linux/s390x' }),
    (e) => isRuntimeError(e, 'NOT_FOUND') && /linux\/s390x/.test(e.message),
  );
  // pull by digest
  const c = await engine.pull(`${reg.host}/multi@${index.root.digest}`, {
    platform: 'linux/arm64/v8',
  });
  assert.equal(c.id, arm.configDigest);
});

test('push: tag, push to a new repo with cross-repo mounts, pull back elsewhere', async () => {
  const engine = await engineAt(join(root, 'a'));
  await engine.tag(`${reg.host}/team/app:1.0`, `${reg.host}/copy/app:v2`);
  const events: LayerProgress[] = [];
  const pushed = await engine.push(`${reg.host}/copy/app:v2`, {
    onProgress: (e) => events.push(e),
  });
  assert.ok(
    events.some((e) => e.status === 'mounted'),
    JSON.stringify(events.map((e) => e.status)),
  );
  const again: LayerProgress[] = [];
  await engine.push(`${reg.host}/copy/app:v2`, { onProgress: (e) => again.push(e) });
  assert.ok(again.every((e) => e.status === 'already exists'));

  const other = await engineAt(join(root, 'b'));
  const back = await other.pull(`${reg.host}/copy/app:v2`);
  assert.equal(back.id, app.configDigest);
  assert.deepEqual(back.repoDigests, [`${reg.host}/copy/app@${pushed.digest}`]);
});

test('a blob whose content does not match its digest stores nothing', async () => {
  const bad = await buildImage({ layers: [[{ name: 'f', data: 'original content' }]] });
  await pushTestImage(`${reg.host}/corrupt:1`, bad);
  const hex = bad.layers[0]!.digest.slice(7);
  const blobData = join(
    reg.storageDir,
    'docker/registry/v2/blobs/sha256',
    hex.slice(0, 2),
    hex,
    'data',
  );
  const original = bad.layers[0]!.blob;
  const tampered = Buffer.from(original);
  tampered[tampered.length - 5]! ^= 0xff;
  await writeFile(blobData, tampered);
  const engine = await engineAt(join(root, 'corrupt'));
  await assert.rejects(
    engine.pull(`${reg.host}/corrupt:1`),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /digest mismatch/.test(e.message),
  );
  assert.equal(await engine.content.has(bad.layers[0]!.digest), false);
  assert.deepEqual(await engine.list(), []);
  assert.deepEqual(await readdir(join(root, 'corrupt', 'content', 'ingest')), []);
  assert.deepEqual(await engine.snapshots.list(), []);
});

test('remove, in-use refusal, prune and gc keep shared layers', async () => {
  let inUse = true;
  const engine = await engineAt(join(root, 'a'), { isImageInUse: () => inUse });
  const appId = app.configDigest;
  // two tags: removing one tag only untags
  const r1 = await engine.remove(`${reg.host}/copy/app:v2`);
  assert.deepEqual(r1, { untagged: [`${reg.host}/copy/app:v2`], deleted: [] });
  await assert.rejects(
    engine.remove(appId),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION') && /in use/.test(e.message),
  );
  inUse = false;
  const r2 = await engine.remove(appId);
  assert.deepEqual(r2.deleted, [appId]);
  assert.equal((await engine.snapshots.list()).length, 1, 'only the busybox base is left');
  assert.equal(await engine.content.has(busybox.layers[0]!.digest), true);
  assert.equal(await engine.content.has(app.layers[1]!.digest), false);

  // dangling: untag busybox, prune removes it and everything else
  await engine.untag(`${reg.host}/busybox`);
  assert.equal((await engine.list({ dangling: true })).length, 1);
  const pr = await engine.prune();
  assert.equal(pr.deleted.length, 1);
  assert.deepEqual(await engine.snapshots.list(), []);
  assert.deepEqual(await engine.content.list(), []);
  const df = await engine.df();
  assert.deepEqual(df, {
    images: 0,
    danglingImages: 0,
    contentBytes: 0,
    snapshotBytes: 0,
    sharedSavings: 0,
  });
});

test('save and load an OCI image layout', async () => {
  const src = await engineAt(join(root, 'save-src'));
  await src.pull(`${reg.host}/team/app:1.0`);
  const tarPath = join(root, 'app.tar');
  await src.save([`${reg.host}/team/app:1.0`], tarPath);
  const { stdout } = await exec('tar', ['-tf', tarPath]);
  assert.ok(
    stdout.includes('oci-layout') &&
      stdout.includes('index.json') &&
      stdout.includes(`blobs/sha256/${app.configDigest.slice(7)}`),
  );
  const dst = await engineAt(join(root, 'save-dst'));
  const loaded = await dst.load(tarPath);
  assert.equal(loaded[0]!.id, app.configDigest);
  assert.deepEqual(loaded[0]!.repoTags, [`${reg.host}/team/app:1.0`]);
  assert.equal((await dst.snapshots.list()).length, 3);
  const i = await dst.inspect(`${reg.host}/team/app:1.0`);
  assert.equal(i.config.workingDir, '/app');
  await assert.rejects(dst.load(join(root, 'nope.tar')), /ENOENT/);
});

test('concurrent pulls of images sharing layers download and unpack each layer once', async () => {
  const engine = await engineAt(join(root, 'concurrent'));
  const downloads = new Map<string, number>();
  const extracting = new Map<string, number>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const onProgress = (p: LayerProgress) => {
    if (p.status === 'verifying') count(downloads, p.layer);
    if (p.status === 'extracting') count(extracting, p.layer);
  };
  const [x, y, z] = await Promise.all([
    engine.pull(`${reg.host}/team/app:1.0`, { onProgress }),
    engine.pull(`${reg.host}/busybox:latest`, { onProgress }),
    engine.pull(`${reg.host}/team/app:1.0`, { onProgress }),
  ]);
  assert.equal(x.id, app.configDigest);
  assert.equal(z.id, app.configDigest);
  assert.equal(y.id, busybox.configDigest);
  assert.equal(extracting.get(busybox.layers[0]!.digest), 1);
  assert.equal(
    downloads.get(busybox.layers[0]!.digest),
    1,
    'the shared base blob was downloaded once',
  );
  assert.equal((await engine.snapshots.list()).length, 3);
  assert.equal((await engine.list()).length, 2);
});

test('a hostile or lying layer fails the pull with the entry named and stores no image or snapshot', async () => {
  const hostile = await buildImage({
    layers: [
      busybox.layers[0]!,
      [
        { name: 'ok', data: 'fine' },
        { name: '../../../escape', data: 'x' },
      ],
    ],
  });
  await pushTestImage(`${reg.host}/hostile:1`, hostile);
  const good = await buildImage({ layers: [[{ name: 'f', data: 'f' }]] });
  const lying = await buildImage({ layers: [[{ name: 'g', data: 'g' }]] });
  // a config whose diff_ids belong to another layer
  const lyingConfig = JSON.parse(lying.blobs.get(lying.configDigest)!.toString()) as {
    rootfs: { diff_ids: string[] };
  };
  lyingConfig.rootfs.diff_ids = [good.layers[0]!.diffId];
  const cfg = Buffer.from(JSON.stringify(lyingConfig));
  const m = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256(cfg),
      size: cfg.length,
    },
    layers: [
      {
        mediaType: lying.layers[0]!.mediaType,
        digest: lying.layers[0]!.digest,
        size: lying.layers[0]!.blob.length,
      },
    ],
  };
  const mBuf = Buffer.from(JSON.stringify(m));
  const blobs = new Map([
    [sha256(cfg), cfg],
    [sha256(mBuf), mBuf],
    [lying.layers[0]!.digest, lying.layers[0]!.blob],
  ]);
  await pushTestImage(`${reg.host}/lying:1`, {
    root: { mediaType: m.mediaType, digest: sha256(mBuf), size: mBuf.length },
    blobs,
    layers: lying.layers,
    configDigest: sha256(cfg),
  });

  const engine = await engineAt(join(root, 'hostile'));
  await assert.rejects(
    engine.pull(`${reg.host}/hostile:1`),
    (e) =>
      isRuntimeError(e, 'INVALID_ARGUMENT') && e.message.includes('layer entry "../../../escape"'),
  );
  await assert.rejects(
    engine.pull(`${reg.host}/lying:1`),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /diff ID mismatch/.test(e.message),
  );
  assert.deepEqual(await engine.list(), []);
  const snaps = await engine.snapshots.list();
  assert.deepEqual(
    snaps.map((s) => s.diffId),
    [busybox.layers[0]!.diffId],
    'only the good base layer was committed',
  );
  assert.deepEqual(
    (await readdir(join(root, 'hostile', 'snapshots'))).filter((n) => n.startsWith('.tmp')),
    [],
  );
  const gc = await engine.gc();
  assert.equal(gc.snapshotsRemoved, 1);
  assert.deepEqual(await engine.content.list(), []);
});
