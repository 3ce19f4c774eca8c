import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type ReadFile } from './load.js';
import { planProject } from './plan.js';
import { configHash } from './config-hash.js';
import { LABEL } from './labels.js';

const memory =
  (files: Record<string, string>): ReadFile =>
  async (p) =>
    files[p] ?? null;

const planOf = async (yaml: string, env: Record<string, string> = {}) =>
  planProject(
    await loadProject({
      file: '/srv/demo/compose.yaml',
      readFile: memory({ '/srv/demo/compose.yaml': yaml }),
      env,
    }),
  );

const STACK = `
services:
  web:
    image: nginx
    depends_on: { app: { condition: service_healthy } }
    ports: ["8080:80"]
    networks: { front: { aliases: [www] }, default: {} }
  app:
    image: app
    scale: 2
    depends_on: [db]
    volumes: ["data:/data", "/anon"]
    healthcheck: { test: ["CMD", "true"], interval: 1s }
  db:
    image: db
    secrets: [pw]
    stop_grace_period: 1500ms
networks:
  front: {}
volumes:
  data: {}
secrets:
  pw: { file: ./pw.txt }
`;

test('plan: networks, volumes, then services in depends_on order', async () => {
  const plan = await planOf(STACK);
  assert.equal(plan.project, 'demo');
  assert.deepEqual(
    plan.networks.map((n) => n.name),
    ['demo_default', 'demo_front'],
  );
  assert.deepEqual(plan.networks[1]!.labels, {
    [LABEL.project]: 'demo',
    [LABEL.network]: 'front',
    [LABEL.version]: '2.29.0',
  });
  assert.deepEqual(
    plan.volumes.map((v) => [v.name, v.labels[LABEL.volume]]),
    [['demo_data', 'data']],
  );
  assert.deepEqual(
    plan.services.map((s) => s.name),
    ['db', 'app', 'web'],
  );
  assert.deepEqual(
    plan.services[1]!.containers.map((c) => c.name),
    ['demo-app-1', 'demo-app-2'],
  );
  assert.equal(plan.services[1]!.hasHealthcheck, true);
  assert.equal(plan.services[0]!.hasHealthcheck, false);
});

test('plan: containers carry Compose v2 labels', async () => {
  const plan = await planOf(STACK);
  const app2 = plan.services[1]!.containers[1]!;
  assert.deepEqual(app2.spec.labels, {
    [LABEL.project]: 'demo',
    [LABEL.service]: 'app',
    [LABEL.containerNumber]: '2',
    [LABEL.oneoff]: 'False',
    [LABEL.configHash]: plan.services[1]!.configHash,
    [LABEL.workingDir]: '/srv/demo',
    [LABEL.configFiles]: '/srv/demo/compose.yaml',
    [LABEL.version]: '2.29.0',
    [LABEL.dependsOn]: 'db:service_started:false',
  });
  assert.match(plan.services[1]!.configHash, /^[0-9a-f]{64}$/);
});

test('plan: container specs resolve names, aliases, mounts and units', async () => {
  const plan = await planOf(STACK);
  const [db, app, web] = plan.services;
  assert.deepEqual(web!.containers[0]!.spec.networks, [
    { name: 'demo_default', aliases: ['demo-web-1', 'web'], ipv4Address: null },
    { name: 'demo_front', aliases: ['demo-web-1', 'web', 'www'], ipv4Address: null },
  ]);
  assert.deepEqual(app!.containers[0]!.spec.mounts, [
    { type: 'volume', name: 'demo_data', target: '/data', readOnly: false },
    { type: 'volume', name: null, target: '/anon', readOnly: false },
  ]);
  assert.deepEqual(db!.containers[0]!.spec.mounts, [
    {
      type: 'bind',
      source: '/srv/demo/pw.txt',
      target: '/run/secrets/pw',
      readOnly: true,
      createHostPath: false,
    },
  ]);
  assert.equal(db!.containers[0]!.spec.stopTimeout, 2);
  assert.deepEqual(web!.containers[0]!.spec.ports, [
    { target: 80, published: 8080, hostIp: '', protocol: 'tcp' },
  ]);
});

test('config hash: same config in another key order hashes the same; replicas and depends_on do not count', async () => {
  const a = await planOf(
    'services:\n  s: {image: x, environment: {A: "1", B: "2"}, ports: ["80"]}\n',
  );
  const b = await planOf(
    'services:\n  s: {ports: [80], environment: [B=2, A=1], image: x, scale: 3}\n',
  );
  assert.equal(a.services[0]!.configHash, b.services[0]!.configHash);
  const c = await planOf(
    'services:\n  s: {image: x, environment: {A: "1", B: "3"}, ports: ["80"]}\n',
  );
  assert.notEqual(a.services[0]!.configHash, c.services[0]!.configHash);
});

test('config hash changes with any container-shaping field', async () => {
  const base = (
    await loadProject({
      file: '/p/c.yaml',
      readFile: memory({ '/p/c.yaml': 'services:\n  s: {image: x}\n' }),
      env: {},
    })
  ).services.s!;
  const h0 = configHash(base);
  for (const change of [
    { image: 'y' },
    { command: ['a'] },
    { tty: true },
    { restart: 'always' },
    { labels: { a: 'b' } },
    { resources: { ...base.resources, cpus: 1 } },
  ])
    assert.notEqual(configHash({ ...base, ...change }), h0, JSON.stringify(change));
  assert.equal(configHash({ ...base, replicas: 5, profiles: ['x'], pullPolicy: 'always' }), h0);
});

test('container_name replaces the generated name', async () => {
  const plan = await planOf('services:\n  s: {image: x, container_name: fixed}\n');
  assert.equal(plan.services[0]!.containers[0]!.name, 'fixed');
});

test('scale 0 plans no container', async () => {
  const plan = await planOf('services:\n  s: {image: x, deploy: {replicas: 0}}\n');
  assert.deepEqual(plan.services[0]!.containers, []);
});
