import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootOrder, composeDependencies, startsAtBoot } from './boot-order.js';
import { parseRestartPolicy } from './restart-policy.js';
import type { ContainerRecord } from './record.js';

let seq = 0;
function rec(name: string, extra: Partial<ContainerRecord> = {}): ContainerRecord {
  seq += 1;
  return {
    id: name.padEnd(64, '0'),
    name,
    createdAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`,
    image: { config: {} },
    options: {},
    state: 'exited',
    pid: null,
    startedAt: null,
    finishedAt: null,
    exitCode: 255,
    oomKilled: false,
    restartCount: 0,
    manuallyStopped: false,
    restartPolicy: parseRestartPolicy('always'),
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    labels: {},
    network: { mode: 'none', netnsPath: null, ip: null, gateway: null, ports: [], endpoints: [] },
    volumes: [],
    rootfs: '/r',
    bundle: '/b',
    logPath: '/l',
    cgroupsPath: '/berth/x',
    ...extra,
  };
}

const policy = (spec: string) => ({ restartPolicy: parseRestartPolicy(spec) });

test('startsAtBoot: what dockerd starts at daemon start (checked against dockerd 20.10)', () => {
  // lost with the host (exit 255, not stopped by hand)
  assert.equal(startsAtBoot(rec('a', policy('no'))), false);
  assert.equal(startsAtBoot(rec('a', policy('always'))), true);
  assert.equal(startsAtBoot(rec('a', policy('unless-stopped'))), true);
  assert.equal(startsAtBoot(rec('a', policy('on-failure'))), true, 'exit 255 is a failure');
  // stopped by hand (exit 137)
  const stopped = { manuallyStopped: true, exitCode: 137 };
  assert.equal(startsAtBoot(rec('a', { ...policy('always'), ...stopped })), true);
  assert.equal(startsAtBoot(rec('a', { ...policy('unless-stopped'), ...stopped })), false);
  assert.equal(
    startsAtBoot(rec('a', { ...policy('on-failure'), ...stopped })),
    false,
    'Berth keeps a user stop (dockerd starts it: moby#35166)',
  );
  // exited by itself
  assert.equal(startsAtBoot(rec('a', { ...policy('on-failure'), exitCode: 0 })), false);
  assert.equal(startsAtBoot(rec('a', { ...policy('on-failure:1'), restartCount: 1 })), false);
  assert.equal(startsAtBoot(rec('a', { ...policy('on-failure:2'), restartCount: 1 })), true);
  assert.equal(startsAtBoot(rec('a', { ...policy('no'), exitCode: 3 })), false);
  // only exited containers
  for (const state of ['created', 'running', 'paused', 'removing'] as const)
    assert.equal(startsAtBoot(rec('a', { state })), false, state);
});

const compose = (project: string, service: string, deps = '') => ({
  labels: {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.depends_on': deps,
  },
});

test('composeDependencies: services of the same project, conditions ignored', () => {
  assert.deepEqual(
    composeDependencies(
      rec('w', compose('p', 'web', 'db:service_healthy:false,cache:service_started:true')),
    ),
    ['p\u0000db', 'p\u0000cache'],
  );
  assert.deepEqual(composeDependencies(rec('w', compose('p', 'web'))), []);
  assert.deepEqual(
    composeDependencies(rec('w', { labels: { 'com.docker.compose.depends_on': 'db' } })),
    [],
    'no project, no dependency',
  );
});

test('bootOrder: dependencies first, else creation order; cycles and outside deps do not block', () => {
  const web = rec('web', compose('p', 'web', 'api:service_started:false'));
  const api1 = rec('api1', compose('p', 'api', 'db:service_healthy:false'));
  const plain = rec('plain');
  const db = rec('db', compose('p', 'db'));
  const api2 = rec('api2', compose('p', 'api', 'db:service_healthy:false'));
  const other = rec('other', compose('q', 'web', 'api:service_started:false'));
  const names = (xs: ContainerRecord[]) => xs.map((r) => r.name);
  assert.deepEqual(names(bootOrder([web, api1, plain, db, api2, other])), [
    'plain',
    'db',
    'api1',
    'api2',
    'web',
    'other',
  ]);
  // a dependency that does not start (policy no) does not hold the others back
  assert.deepEqual(names(bootOrder([web, plain])), ['web', 'plain']);
  const a = rec('a', compose('c', 'a', 'b:service_started:false'));
  const b = rec('b', compose('c', 'b', 'a:service_started:false'));
  assert.deepEqual(names(bootOrder([b, a])), ['a', 'b'], 'a cycle falls back to creation order');
});
