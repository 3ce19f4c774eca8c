import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestOf, imageConfig, imageRecord } from './image-fixtures.js';
import {
  familiar,
  imageArchiveEvent,
  pullReference,
  registryHost,
  saveNames,
  tagTarget,
  toDockerHistory,
  toDockerImageInspect,
  toDockerImageSummary,
} from './images.js';

test('stored names are shown in Docker’s short form', () => {
  assert.equal(familiar('docker.io/library/busybox:latest'), 'busybox:latest');
  assert.equal(familiar('docker.io/user/app:1'), 'user/app:1');
  assert.equal(familiar('127.0.0.1:5000/x/y:2'), '127.0.0.1:5000/x/y:2');
  const d = digestOf('m');
  assert.equal(familiar(`docker.io/library/busybox@${d}`), `busybox@${d}`);
});

test('list entry: short names, unix Created, -1 where Docker does not count', () => {
  const s = toDockerImageSummary(imageRecord(), { size: 30, shared: -1, labels: { a: 'b' } });
  assert.equal(s.Id, digestOf('config'));
  assert.deepEqual(s.RepoTags, ['busybox:latest']);
  assert.deepEqual(s.RepoDigests, [`busybox@${digestOf('manifest')}`]);
  assert.equal(s.Created, Date.parse('2026-01-02T03:04:05Z') / 1000);
  assert.equal(s.Size, 30);
  assert.equal(s.VirtualSize, 30);
  assert.equal(s.SharedSize, -1);
  assert.equal(s.Containers, -1);
  assert.deepEqual(s.Labels, { a: 'b' });
});

test('list entry: nameless images are <none>; a tagged image without digests has null digests', () => {
  const none = toDockerImageSummary(imageRecord({ repoTags: [], repoDigests: [] }), {
    size: 0,
    shared: 0,
    labels: null,
  });
  assert.deepEqual(none.RepoTags, ['<none>:<none>']);
  assert.deepEqual(none.RepoDigests, ['<none>@<none>']);
  const loaded = toDockerImageSummary(imageRecord({ repoDigests: [] }), {
    size: 0,
    shared: 0,
    labels: null,
  });
  assert.equal(loaded.RepoDigests, null);
  assert.deepEqual(loaded.RepoTags, ['busybox:latest']);
});

test('inspect: Docker’s shape with the config’s fields and zero values for the rest', () => {
  const i = toDockerImageInspect(imageRecord(), imageConfig(), 1234);
  assert.equal(i.Id, digestOf('config'));
  assert.deepEqual(i.RepoTags, ['busybox:latest']);
  assert.equal(i.Created, '2026-01-02T03:04:05Z');
  assert.equal(i.Architecture, 'amd64');
  assert.equal(i.Os, 'linux');
  assert.equal(i.Size, 1234);
  assert.deepEqual(i.RootFS, { Type: 'layers', Layers: [digestOf('diff1'), digestOf('diff2')] });
  const c = i.Config!;
  assert.deepEqual(c.Cmd, ['sh']);
  assert.deepEqual(c.Env, ['PATH=/bin']);
  assert.equal(c.StopSignal, 'SIGINT');
  assert.equal(c.Entrypoint, null);
  assert.equal(c.WorkingDir, '');
  assert.equal(c.Hostname, '');
  assert.equal(i.ContainerConfig.Cmd, null);
  assert.equal('Variant' in i, false);
  const empty = toDockerImageInspect(
    imageRecord(),
    imageConfig({ config: { ExposedPorts: {}, Shell: [], Env: [] } }),
    0,
  ).Config!;
  assert.equal('ExposedPorts' in empty, false, 'omitempty fields left out when empty');
  assert.equal('Shell' in empty, false);
  assert.deepEqual(empty.Env, [], 'other fields kept as they are');
  const noConfig = toDockerImageInspect(imageRecord(), imageConfig({ config: undefined }), 0);
  assert.equal(noConfig.Config, null);
});

test('history: newest first, empty steps size 0, the newest names the image', () => {
  const sizes: Record<string, number> = { [digestOf('chain1')]: 100, [digestOf('chain2')]: 7 };
  const h = toDockerHistory(imageRecord(), imageConfig(), (c) => sizes[c] ?? -1);
  assert.deepEqual(
    h.map((e) => [e.Id, e.CreatedBy, e.Size, e.Tags, e.Comment]),
    [
      [digestOf('config'), 'RUN make', 7, ['busybox:latest'], 'built'],
      ['<missing>', 'ENV PATH=/bin', 0, null, ''],
      ['<missing>', 'ADD rootfs /', 100, null, ''],
    ],
  );
  assert.equal(h[2]!.Created, Date.parse('2026-01-01T00:00:00Z') / 1000);
  assert.deepEqual(
    toDockerHistory(imageRecord(), imageConfig({ history: undefined }), () => 0),
    [],
  );
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

test('load and save events as dockerd logs them', () => {
  const e = imageArchiveEvent('load', digestOf('config'), new Date('2026-01-01T00:00:01.5Z'));
  assert.deepEqual(
    [e.Type, e.Action, e.Actor.ID, e.Actor.Attributes.name, e.time],
    ['image', 'load', digestOf('config'), digestOf('config'), 1767225601],
  );
  assert.equal(e.timeNano, Date.parse('2026-01-01T00:00:01.5Z') * 1e6);
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
