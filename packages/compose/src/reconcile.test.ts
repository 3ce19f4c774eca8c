import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StackPlan, ServicePlan } from './plan-types.js';
import { reconcile, describeAction, type ExistingContainer } from './reconcile.js';
import { LABEL } from './labels.js';
import { dependencyOrder, dependents } from './order.js';

function service(name: string, replicas: number, hash: string): ServicePlan {
  return {
    name,
    image: 'x',
    pullPolicy: 'missing',
    replicas,
    configHash: hash,
    dependsOn: {},
    hasHealthcheck: false,
    containers: Array.from({ length: replicas }, (_, i) => ({
      service: name,
      number: i + 1,
      name: `p-${name}-${i + 1}`,
      spec: {} as never,
    })),
  };
}

const plan = (...services: ServicePlan[]): StackPlan => ({
  project: 'p',
  workingDir: '/p',
  configFiles: ['/p/compose.yaml'],
  networks: [],
  volumes: [],
  services,
  warnings: [],
});

function existing(
  service: string,
  n: number,
  hash: string,
  state = 'running',
  extra: Partial<ExistingContainer> = {},
): ExistingContainer {
  return {
    id: `${service}${n}`,
    name: `p-${service}-${n}`,
    state,
    labels: {
      [LABEL.project]: 'p',
      [LABEL.service]: service,
      [LABEL.containerNumber]: String(n),
      [LABEL.oneoff]: 'False',
      [LABEL.configHash]: hash,
    },
    ...extra,
  };
}

const kinds = (r: ReturnType<typeof reconcile>) => r.actions.map(describeAction);

test('nothing exists: everything is created, in plan order', () => {
  const r = reconcile(plan(service('db', 1, 'h1'), service('web', 2, 'h2')), []);
  assert.deepEqual(kinds(r), [
    'Container p-db-1  Create',
    'Container p-web-1  Create',
    'Container p-web-2  Create',
  ]);
});

test('up after an edit recreates only the changed service', () => {
  const r = reconcile(plan(service('db', 1, 'same'), service('web', 1, 'new')), [
    existing('db', 1, 'same'),
    existing('web', 1, 'old'),
  ]);
  assert.deepEqual(kinds(r), [
    'Container p-db-1  Running',
    'Container p-web-1  Recreate (config changed)',
  ]);
});

test('stopped up-to-date containers are started, not recreated', () => {
  const r = reconcile(plan(service('db', 1, 'h')), [existing('db', 1, 'h', 'exited')]);
  assert.deepEqual(r.actions, [
    { kind: 'start', service: 'db', number: 1, container: { id: 'db1', name: 'p-db-1' } },
  ]);
});

test('a changed image ID recreates; unknown IDs do not', () => {
  const cur = [existing('db', 1, 'h', 'running', { imageId: 'sha256:old' })];
  assert.deepEqual(
    kinds(reconcile(plan(service('db', 1, 'h')), cur, { imageIds: { db: 'sha256:new' } })),
    ['Container p-db-1  Recreate (image changed)'],
  );
  assert.deepEqual(
    kinds(reconcile(plan(service('db', 1, 'h')), cur, { imageIds: { db: 'sha256:old' } })),
    ['Container p-db-1  Running'],
  );
  assert.deepEqual(kinds(reconcile(plan(service('db', 1, 'h')), cur)), [
    'Container p-db-1  Running',
  ]);
});

test('scale down removes the highest numbers, scale up creates the missing', () => {
  const cur = [existing('web', 1, 'h'), existing('web', 2, 'h'), existing('web', 3, 'h')];
  assert.deepEqual(kinds(reconcile(plan(service('web', 1, 'h')), cur)), [
    'Container p-web-2  Remove (scale)',
    'Container p-web-3  Remove (scale)',
    'Container p-web-1  Running',
  ]);
  assert.deepEqual(kinds(reconcile(plan(service('web', 4, 'h')), cur)), [
    'Container p-web-1  Running',
    'Container p-web-2  Running',
    'Container p-web-3  Running',
    'Container p-web-4  Create',
  ]);
});

test('orphans are reported, and removed only with removeOrphans', () => {
  const cur = [existing('db', 1, 'h'), existing('old', 1, 'h')];
  const keep = reconcile(plan(service('db', 1, 'h')), cur);
  assert.deepEqual(keep.orphans, [{ id: 'old1', name: 'p-old-1' }]);
  assert.deepEqual(kinds(keep), ['Container p-db-1  Running']);
  const rm = reconcile(plan(service('db', 1, 'h')), cur, { removeOrphans: true });
  assert.deepEqual(rm.orphans, []);
  assert.deepEqual(kinds(rm), ['Container p-old-1  Remove (orphan)', 'Container p-db-1  Running']);
});

test('other projects, one-off containers and duplicates', () => {
  const other = existing('db', 1, 'h');
  const cur = [
    { ...other, id: 'x', labels: { ...other.labels, [LABEL.project]: 'q' } },
    { ...other, id: 'run1', labels: { ...other.labels, [LABEL.oneoff]: 'True' } },
    existing('db', 1, 'h'),
    { ...existing('db', 1, 'h'), id: 'dup', name: 'p-db-1-dup' },
  ];
  assert.deepEqual(kinds(reconcile(plan(service('db', 1, 'h')), cur)), [
    'Container p-db-1-dup  Remove (duplicate)',
    'Container p-db-1  Running',
  ]);
});

test('force and no-recreate', () => {
  const cur = [existing('db', 1, 'old')];
  assert.deepEqual(kinds(reconcile(plan(service('db', 1, 'old')), cur, { forceRecreate: true })), [
    'Container p-db-1  Recreate (forced)',
  ]);
  assert.deepEqual(kinds(reconcile(plan(service('db', 1, 'new')), cur, { noRecreate: true })), [
    'Container p-db-1  Running',
  ]);
});

test('dependency order is stable and dependents are transitive', () => {
  const svcs = {
    web: { dependsOn: { app: {} as never } },
    app: { dependsOn: { db: {} as never, cache: {} as never } },
    db: { dependsOn: {} },
    cache: { dependsOn: {} },
    lone: { dependsOn: {} },
  };
  assert.deepEqual(dependencyOrder(svcs), ['cache', 'db', 'app', 'lone', 'web']);
  assert.deepEqual(dependents(svcs, 'db'), ['app', 'web']);
  assert.deepEqual(dependents(svcs, 'web'), []);
});
