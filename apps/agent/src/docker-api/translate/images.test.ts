import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestOf, imageConfig, imageRecord } from './image-fixtures.js';
import {
  imageArchiveEvent,
  toDockerHistory,
  toDockerImageInspect,
  toDockerImageSummary,
} from './images.js';

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

test('load and save events as dockerd logs them', () => {
  const e = imageArchiveEvent('load', digestOf('config'), new Date('2026-01-01T00:00:01.5Z'));
  assert.deepEqual(
    [e.Type, e.Action, e.Actor.ID, e.Actor.Attributes.name, e.time],
    ['image', 'load', digestOf('config'), digestOf('config'), 1767225601],
  );
  assert.equal(e.timeNano, Date.parse('2026-01-01T00:00:01.5Z') * 1e6);
});
