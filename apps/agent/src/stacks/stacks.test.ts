import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSpec } from '@berth/compose';
import type { ContainerSummary } from '@berth/protocol';
import { conditionState } from './conditions.js';
import { anonymousVolumesOf } from './deployer.js';
import { portSpec, toCreateRequest } from './to-request.js';

const spec = (o: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name: 'p-web-1',
  image: 'nginx',
  command: null,
  entrypoint: null,
  env: ['A=1'],
  workingDir: null,
  user: null,
  hostname: null,
  tty: false,
  stdinOpen: false,
  init: false,
  readOnly: false,
  stopSignal: null,
  stopTimeout: null,
  capAdd: [],
  capDrop: [],
  labels: { l: 'v' },
  ports: [],
  expose: [],
  mounts: [],
  networks: [],
  networkMode: null,
  dns: [],
  extraHosts: [],
  restart: 'no',
  healthcheck: null,
  memory: null,
  memoryReservation: null,
  cpus: null,
  pidsLimit: null,
  ...o,
});

const none = { name: 'p-web-1', anonymousVolumes: new Map(), hostPorts: new Map() };

test('ports: host IP (IPv6 bracketed), chosen ephemeral ports', () => {
  assert.equal(
    portSpec({ target: 80, published: 8080, hostIp: '', protocol: 'tcp' }, 8080),
    '8080:80/tcp',
  );
  assert.equal(
    portSpec({ target: 53, published: 53, hostIp: '::1', protocol: 'udp' }, 53),
    '[::1]:53:53/udp',
  );
  const req = toCreateRequest(
    spec({ ports: [{ target: 80, published: null, hostIp: '127.0.0.1', protocol: 'tcp' }] }),
    { ...none, hostPorts: new Map([[0, 41000]]) },
  );
  assert.deepEqual(req.ports, ['127.0.0.1:41000:80/tcp']);
});

test('mounts: named, anonymous (the made volume), bind, tmpfs', () => {
  const req = toCreateRequest(
    spec({
      mounts: [
        { type: 'volume', name: 'p_data', target: '/data', readOnly: false },
        { type: 'volume', name: null, target: '/anon', readOnly: false },
        {
          type: 'bind',
          source: '/srv/conf',
          target: '/etc/app',
          readOnly: true,
          createHostPath: true,
        },
        { type: 'tmpfs', target: '/run', options: 'size=1024' },
        { type: 'tmpfs', target: '/tmp', options: '' },
      ],
    }),
    { ...none, anonymousVolumes: new Map([['/anon', 'f'.repeat(64)]]) },
  );
  assert.deepEqual(req.volumes, [
    'p_data:/data',
    `${'f'.repeat(64)}:/anon`,
    '/srv/conf:/etc/app:ro',
  ]);
  assert.deepEqual(req.tmpfs, ['/run:size=1024', '/tmp']);
});

test('networks: the first is the primary, each with its aliases and address; modes pass through', () => {
  const req = toCreateRequest(
    spec({
      networks: [
        { name: 'p_back', aliases: ['p-web-1', 'web'], ipv4Address: '172.30.0.5' },
        { name: 'p_front', aliases: ['p-web-1', 'web', 'www'], ipv4Address: null },
      ],
    }),
    none,
  );
  assert.equal(req.network, 'p_back');
  assert.deepEqual(req.networks, [
    { network: 'p_back', aliases: ['p-web-1', 'web'], ipv4Address: '172.30.0.5' },
    { network: 'p_front', aliases: ['p-web-1', 'web', 'www'] },
  ]);
  assert.equal(toCreateRequest(spec({ networkMode: 'host' }), none).network, 'host');
});

test('the rest of the spec: unset fields stay absent, healthcheck zeros inherit', () => {
  const req = toCreateRequest(
    spec({
      command: ['sh'],
      stopTimeout: 5,
      memory: 1 << 26,
      dns: ['10.0.0.53'],
      extraHosts: ['gw:10.0.0.1'],
      healthcheck: {
        test: ['CMD', 'true'],
        interval: 1e9,
        timeout: 0,
        retries: 0,
        startPeriod: 0,
        startInterval: 0,
      },
    }),
    none,
  );
  assert.deepEqual(req.cmd, ['sh']);
  assert.equal('entrypoint' in req, false);
  assert.equal('user' in req, false);
  assert.equal(req.stopTimeout, 5);
  assert.equal(req.memory, 1 << 26);
  assert.deepEqual([req.dns, req.extraHosts], [['10.0.0.53'], ['gw:10.0.0.1']]);
  assert.deepEqual(req.healthcheck, { test: ['CMD', 'true'], interval: 1e9 });
  assert.deepEqual([req.name, req.labels, req.env], ['p-web-1', { l: 'v' }, ['A=1']]);
});

const c = (o: Partial<ContainerSummary>) =>
  ({ name: 'x', state: 'running', exitCode: null, health: null, ...o }) as ContainerSummary;

test('conditions: started, healthy, completed successfully, and the ones that never will be', () => {
  const yes = () => true;
  assert.deepEqual(conditionState('service_started', [c({})], yes), { met: true });
  assert.deepEqual(conditionState('service_started', [c({ state: 'created' })], yes), {
    met: false,
    failed: null,
  });
  assert.deepEqual(conditionState('service_healthy', [c({ health: 'starting' })], yes), {
    met: false,
    failed: null,
  });
  assert.deepEqual(conditionState('service_healthy', [c({ health: 'healthy' })], yes), {
    met: true,
  });
  assert.match(
    String(
      (conditionState('service_healthy', [c({ health: 'unhealthy' })], yes) as { failed: string })
        .failed,
    ),
    /is unhealthy/,
  );
  assert.match(
    String((conditionState('service_healthy', [c({})], () => false) as { failed: string }).failed),
    /no healthcheck/,
  );
  assert.deepEqual(conditionState('service_completed_successfully', [c({})], yes), {
    met: false,
    failed: null,
  });
  assert.deepEqual(
    conditionState('service_completed_successfully', [c({ state: 'exited', exitCode: 0 })], yes),
    { met: true },
  );
  assert.match(
    String(
      (
        conditionState(
          'service_completed_successfully',
          [c({ state: 'exited', exitCode: 2 })],
          yes,
        ) as { failed: string }
      ).failed,
    ),
    /exited \(2\)/,
  );
  assert.deepEqual(
    conditionState('service_healthy', [c({ health: 'healthy' }), c({ health: 'starting' })], yes),
    { met: false, failed: null },
  );
});

test('anonymous volumes of a container are found by their 64-hex names', () => {
  const anon = 'a'.repeat(64);
  assert.deepEqual(
    [...anonymousVolumesOf([`${anon}:/scratch`, 'p_data:/data', '/host:/h'])],
    [['/scratch', anon]],
  );
  assert.deepEqual([...anonymousVolumesOf(undefined)], []);
});
