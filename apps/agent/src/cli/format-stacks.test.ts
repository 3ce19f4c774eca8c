import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '@berth/protocol';
import { formatProgress, logPrefixes, stackPsJson } from './format-stacks.js';

const c = (id: string, service: string, n: string) =>
  ({
    id,
    name: `p-${service}-${n}`,
    labels: {
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': n,
      'com.docker.compose.project': 'p',
    },
    state: 'running',
    startedAt: null,
    health: 'healthy',
    command: [],
    ports: [],
    exitCode: null,
    image: 'img',
  }) as unknown as ContainerSummary;

test('progress lines read like docker compose', () => {
  assert.equal(
    formatProgress({ kind: 'container', name: 'p-web-1', status: 'Started' }),
    ' ✔ Container p-web-1  Started\n',
  );
  assert.equal(
    formatProgress({ kind: 'warning', name: 'p', status: 'orphans' }),
    'WARN[0000] orphans\n',
  );
});

test('log prefixes are service-number, padded to the widest', () => {
  const p = logPrefixes([c('1', 'db', '1'), c('2', 'frontend', '2')]);
  assert.equal(p.get('1'), 'db-1        | ');
  assert.equal(p.get('2'), 'frontend-2  | ');
});

test('ps json carries project, service, number and health', () => {
  const row = stackPsJson(c('1', 'db', '3'), 0);
  assert.deepEqual([row.project, row.service, row.number, row.health], ['p', 'db', 3, 'healthy']);
  assert.match(row.status, /\(healthy\)$/);
});
