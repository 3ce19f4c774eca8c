import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '@berth/protocol';
import { summaryToDto } from '../../lib/dto/container.js';
import { normalizeDto, rowToDto, dtoToRow } from '../containers/container-rows.js';
import { diffContainers, isEmptyDiff } from './diff.js';
import { containerEventAudit } from './event-audit.js';
import { layerPositions, manifestDigestOf } from './images-repo.js';

function summary(id: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: id.repeat(64).slice(0, 64),
    name: `c-${id}`,
    image: 'busybox',
    imageId: `sha256:${'b'.repeat(64)}`,
    command: ['sleep', '1000'],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: '2026-01-01T10:00:00.123456789Z',
    startedAt: '2026-01-01T10:00:01.5Z',
    finishedAt: null,
    ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    limits: {
      memory: 64 * 1024 * 1024,
      memorySwap: null,
      cpus: 0.5,
      pidsLimit: 100,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: { app: 'web' },
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    restartCount: 0,
    network: 'bridge',
    elevated: [],
    ...over,
  };
}
const dto = (id: string, over: Partial<ContainerSummary> = {}) =>
  normalizeDto(summaryToDto('h1', summary(id, over)));

test('summaryToDto keys by host and formats the restart policy', () => {
  const d = summaryToDto('h1', summary('a'));
  assert.equal(d.id, `h1:${'a'.repeat(64)}`);
  assert.equal(d.engineId, 'a'.repeat(64));
  assert.equal(d.restartPolicy, 'on-failure:3');
  assert.equal(
    summaryToDto('h1', summary('a', { restartPolicy: { name: 'always', maximumRetryCount: 0 } }))
      .restartPolicy,
    'always',
  );
});

test('a DTO survives the row round trip (times at ms precision)', () => {
  const d = dto('a');
  assert.deepEqual(rowToDto(dtoToRow(d)), d);
  const elevated = dto('b', { elevated: ['privileged', 'bind:/srv'] });
  assert.deepEqual(rowToDto(dtoToRow(elevated)).elevated, ['privileged', 'bind:/srv']);
  assert.deepEqual(rowToDto({ ...dtoToRow(elevated), elevated: 'oops' }).elevated, []);
  assert.equal(d.createdAt, '2026-01-01T10:00:00.123Z');
  assert.deepEqual(d.ports[0]?.hostPort, 8080);
});

test('unreadable JSON columns fall back to empty values instead of throwing', () => {
  const row = { ...dtoToRow(dto('a')), ports: 'not json', labels: '[1]', state: 'weird' };
  const back = rowToDto(row);
  assert.deepEqual(back.ports, []);
  assert.deepEqual(back.labels, {});
  assert.equal(back.state, 'exited');
});

test('diff: new and changed rows are upserted, missing ones removed, unchanged left out', () => {
  const existing = [dto('a'), dto('b'), dto('c')];
  const incoming = [dto('a'), dto('b', { state: 'exited', exitCode: 137 }), dto('d')];
  const d = diffContainers(existing, incoming);
  assert.deepEqual(
    d.upserted.map((c) => c.name),
    ['c-b', 'c-d'],
  );
  assert.deepEqual(d.removed, [`h1:${'c'.repeat(64)}`]);
  assert.equal(isEmptyDiff(diffContainers(existing, existing)), true);
});

test('diff: an empty list from the agent removes everything; duplicates count once', () => {
  const existing = [dto('a'), dto('b')];
  assert.equal(diffContainers(existing, []).removed.length, 2);
  assert.equal(diffContainers([], [dto('a'), dto('a')]).upserted.length, 1);
});

test('container events become audit rows by agent:<host>', () => {
  const row = containerEventAudit('h1', 'box', {
    kind: 'container',
    type: 'die',
    id: 'a'.repeat(64),
    name: 'web',
    image: 'busybox',
    at: '2026-01-01T00:00:00Z',
    exitCode: 137,
  });
  assert.equal(row.actorName, 'agent:box');
  assert.equal(row.action, 'container.die');
  assert.equal(row.target, `container:h1:${'a'.repeat(64)}`);
  assert.equal(row.outcome, 'success');
  assert.equal(row.detail?.exitCode, 137);
  assert.equal(
    containerEventAudit('h1', 'box', { ...base(), type: 'oom' }).outcome,
    'failure',
    'an OOM kill is a failure',
  );
});

function base() {
  return {
    kind: 'container' as const,
    type: 'start' as const,
    id: 'a'.repeat(64),
    name: 'x',
    image: 'y',
    at: '2026-01-01T00:00:00Z',
  };
}

test('image mirror helpers: manifest digest from repoDigests, layers once each', () => {
  const digest = `sha256:${'d'.repeat(64)}`;
  const img = {
    id: `sha256:${'1'.repeat(64)}`,
    repoTags: ['busybox:latest'],
    repoDigests: [`busybox@${digest}`],
    size: 10,
    created: null,
    platform: { os: 'linux', architecture: 'amd64' },
    dangling: false,
    layers: [],
  };
  assert.equal(manifestDigestOf(img), digest);
  assert.equal(manifestDigestOf({ ...img, repoDigests: [] }), null);
  assert.deepEqual(layerPositions(['x', 'y', 'x', 'z']), [
    { digest: 'x', position: 0 },
    { digest: 'y', position: 1 },
    { digest: 'z', position: 3 },
  ]);
});

test('the health status is mirrored: summary → DTO → row → DTO; unknown values read as null', () => {
  const dto = summaryToDto('h1', summary('a', { health: 'unhealthy' }));
  assert.equal(dto.health, 'unhealthy');
  assert.equal(normalizeDto(dto).health, 'unhealthy');
  assert.equal(summaryToDto('h1', summary('b')).health, null);
  assert.equal(rowToDto({ ...dtoToRow(dto), health: 'bogus' }).health, null);
  const changed = diffContainers(
    [normalizeDto(dto)],
    [normalizeDto({ ...dto, health: 'healthy' })],
  );
  assert.equal(changed.upserted.length, 1);
});
