import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerDto } from '../../lib/dto/container.js';
import { mergeStackLogs } from './stack-logs.js';
import { stackViews } from './stack-view.js';
import type { StackRecord } from './stacks-repo.js';

function container(
  hostId: string,
  project: string,
  service: string,
  over: Partial<ContainerDto> & { hash?: string } = {},
): ContainerDto {
  const { hash = `h-${service}`, ...rest } = over;
  const engineId = `${hostId}${project}${service}`.padEnd(64, '0').slice(0, 64);
  return {
    id: `${hostId}:${engineId}`,
    hostId,
    engineId,
    name: `${project}-${service}-1`,
    image: 'busybox',
    imageId: null,
    command: [],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ports: [],
    limits: {} as ContainerDto['limits'],
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': hash,
    },
    restartPolicy: 'no',
    health: null,
    elevated: [],
    ...rest,
  };
}

function record(
  name: string,
  latest: number,
  deployments: { hostId: string; version: number; hashes: Record<string, string> }[],
): StackRecord {
  return {
    id: `id-${name}`,
    name,
    updatedAt: new Date('2026-01-02T00:00:00Z'),
    versions: Array.from({ length: latest }, (_, i) => ({
      number: latest - i,
      message: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'admin',
    })),
    deployments: deployments.map((d) => ({
      hostId: d.hostId,
      versionNumber: d.version,
      status: 'running',
      error: null,
      deployedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      operationId: null,
      serviceHashes: d.hashes,
    })),
  };
}

const hosts = [
  { id: 'h1', name: 'alpha', online: true },
  { id: 'h2', name: 'beta', online: true },
  { id: 'h3', name: 'gamma', online: false },
];
const hashes = { web: 'h-web', db: 'h-db' };

test('a stack on several hosts: each copy with its services, version and drift', () => {
  const records = [
    record('shop', 3, [
      { hostId: 'h1', version: 3, hashes },
      { hostId: 'h2', version: 2, hashes },
      { hostId: 'h3', version: 3, hashes },
    ]),
  ];
  const containers = [
    container('h1', 'shop', 'web'),
    container('h1', 'shop', 'db', { health: 'healthy' }),
    container('h2', 'shop', 'web', { hash: 'edited-by-hand' }),
    container('h2', 'shop', 'db', { state: 'exited', health: null }),
    container('h2', 'shop', 'cache'),
    container('h3', 'shop', 'web'),
  ];
  const [shop] = stackViews(records, containers, hosts);
  assert.equal(shop!.managed, true);
  assert.equal(shop!.latestVersion, 3);
  const [alpha, beta, gamma] = shop!.hosts;
  assert.deepEqual(
    [alpha!.hostName, alpha!.running, alpha!.total, alpha!.health, alpha!.outdated, alpha!.drift],
    ['alpha', 2, 2, 'healthy', false, []],
  );
  assert.deepEqual(
    beta!.services.map((s) => s.name),
    ['cache', 'db', 'web'],
  );
  assert.equal(beta!.outdated, true);
  assert.equal(beta!.running, 2);
  assert.deepEqual(beta!.drift, ['cache: not in version 2', 'web: differs from version 2']);
  assert.equal(gamma!.online, false);
  assert.deepEqual(gamma!.drift, ['db: no container']);
  assert.deepEqual(gamma!.services.find((s) => s.name === 'db')!.containers, []);
});

test('projects found running without a definition are listed as unmanaged; one-off containers are not', () => {
  const views = stackViews(
    [],
    [
      container('h1', 'local', 'app'),
      container('h1', 'local', 'app', {
        name: 'local-app-run-1',
        engineId: 'f'.repeat(64),
        labels: { 'com.docker.compose.project': 'local', 'com.docker.compose.oneoff': 'True' },
      }),
      { ...container('h1', 'x', 'y'), labels: {} },
    ],
    hosts,
  );
  assert.deepEqual(
    views.map((v) => [v.name, v.managed, v.latestVersion, v.hosts.length, v.hosts[0]!.total]),
    [['local', false, null, 1, 1]],
  );
  assert.deepEqual(views[0]!.hosts[0]!.drift, []);
});

test('a defined stack running on a host the web never deployed to is drift', () => {
  const [v] = stackViews([record('shop', 1, [])], [container('h2', 'shop', 'web')], hosts);
  assert.deepEqual(v!.hosts[0]!.drift, ['running here, but not deployed from the dashboard']);
});

test('combined logs: time order across containers, newest kept', () => {
  const line = (time: string, text: string) => ({ time, text, stream: 'stdout' as const });
  const merged = mergeStackLogs(
    [
      {
        service: 'web',
        container: 'p-web-1',
        entries: [
          line('2026-01-01T00:00:01.000000001Z', 'w1'),
          line('2026-01-01T00:00:03.0Z', 'w3'),
        ],
      },
      {
        service: 'db',
        container: 'p-db-1',
        entries: [
          line('2026-01-01T00:00:02.000000000Z', 'd2'),
          line('2026-01-01T00:00:03.0Z', 'd3'),
        ],
      },
    ],
    3,
  );
  assert.deepEqual(
    merged.map((e) => `${e.service}:${e.text}`),
    ['db:d2', 'db:d3', 'web:w3'],
  );
});
