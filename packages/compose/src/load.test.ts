import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadProject, type ReadFile } from './load.js';
import { ComposeError, isComposeError } from './errors.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The package's only I/O is injected: here, the real fixture files. */
const fsRead: ReadFile = async (p) => readFile(p, 'utf8').catch(() => null);

/** An in-memory file system for cases built inline. */
const memory =
  (files: Record<string, string>): ReadFile =>
  async (p) =>
    files[p] ?? null;

const load = (dir: string, env: Record<string, string> = {}, extra = {}) =>
  loadProject({ file: `${FIXTURES}${dir}/compose.yaml`, readFile: fsRead, env, ...extra });

test('full fixture: project name, active services, used networks and volumes', async () => {
  const p = await load('full', { FROM_SHELL: 'shell-wins', HOME: '/root' });
  assert.equal(p.name, 'shop');
  assert.equal(p.workingDir, `${FIXTURES}full`);
  assert.deepEqual(Object.keys(p.services), ['app', 'db', 'web']);
  assert.deepEqual(Object.keys(p.networks), ['back', 'front']);
  assert.equal(p.networks.back?.name, 'shop_back');
  assert.equal(p.networks.back?.subnet, '172.30.0.0/24');
  assert.equal(p.networks.back?.gateway, '172.30.0.1');
  assert.deepEqual(Object.keys(p.volumes), ['data', 'dbdata']);
  assert.equal(p.volumes.data?.name, 'shop_data');
  assert.deepEqual(p.volumes.data?.labels, { backup: 'daily' });
  assert.equal(p.volumes.dbdata?.name, 'shop-db-data');
  assert.deepEqual(p.warnings, []);
});

test('full fixture: interpolation from .env, the given environment winning', async () => {
  const p = await load('full', { FROM_SHELL: 'shell-wins', NGINX_TAG: '1.28' });
  const web = p.services.web!;
  assert.equal(web.image, 'nginx:1.28');
  assert.deepEqual(web.ports, [
    { target: 80, published: 8080, hostIp: '', protocol: 'tcp' },
    { target: 443, published: 8443, hostIp: '127.0.0.1', protocol: 'tcp' },
    { target: 9000, published: 9001, hostIp: '', protocol: 'udp' },
  ]);
  assert.deepEqual(web.command, ['nginx', '-g', 'daemon off;']);
  assert.deepEqual(web.expose, ['8080', '8081']);
});

test('full fixture: environment = env_file, then environment, bare names from the shell', async () => {
  const app = (await load('full', { FROM_SHELL: 'shell-wins' })).services.app!;
  assert.deepEqual(app.environment, {
    DB_HOST: 'db',
    FROM_SHELL: 'shell-wins',
    LOG_LEVEL: 'debug',
    QUOTED: 'a b',
  });
  const db = (await load('full')).services.db!;
  assert.deepEqual(db.environment, {
    PORT: '5432',
    POSTGRES_PASSWORD_FILE: '/run/secrets/db_password',
  });
});

test('full fixture: volumes, tmpfs, secrets and configs in long form', async () => {
  const p = await load('full');
  const dir = `${FIXTURES}full`;
  assert.deepEqual(p.services.app!.volumes, [
    { type: 'volume', source: 'data', target: '/var/lib/app', readOnly: false, nocopy: false },
    {
      type: 'bind',
      source: `${dir}/config`,
      target: '/etc/app',
      readOnly: true,
      createHostPath: true,
    },
    { type: 'tmpfs', target: '/cache', size: 1024 ** 3, mode: null },
    { type: 'volume', source: null, target: '/scratch', readOnly: false, nocopy: false },
  ]);
  assert.deepEqual(p.services.web!.volumes, [
    { type: 'tmpfs', target: '/run/nginx', size: 16 * 1024 ** 2, mode: 0o1777 },
  ]);
  assert.deepEqual(p.services.app!.secrets, [
    {
      source: 'db_password',
      file: `${dir}/secrets/db_password.txt`,
      target: '/run/secrets/db_password',
    },
  ]);
  assert.deepEqual(p.services.db!.secrets, [
    { source: 'db_password', file: `${dir}/secrets/db_password.txt`, target: '/run/secrets/pw' },
  ]);
  assert.deepEqual(p.services.app!.configs, [
    { source: 'app_config', file: `${dir}/app.toml`, target: '/etc/app.toml' },
  ]);
});

test('full fixture: depends_on, healthchecks, resources, replicas and the rest', async () => {
  const p = await load('full');
  const { app, db, web } = p.services as Required<typeof p.services>;
  assert.deepEqual(web!.dependsOn, {
    app: { condition: 'service_healthy', required: true, restart: false },
  });
  assert.deepEqual(app!.dependsOn, {
    db: { condition: 'service_started', required: true, restart: false },
  });
  assert.deepEqual(app!.healthcheck, {
    test: ['CMD-SHELL', 'curl -fs http://localhost/health'],
    interval: 10e9,
    timeout: 3e9,
    retries: 5,
    startPeriod: 30e9,
    startInterval: 1e9,
  });
  assert.deepEqual(db!.healthcheck?.test, ['CMD', 'pg_isready']);
  assert.equal(db!.healthcheck?.interval, 0);
  assert.deepEqual(app!.resources, {
    memoryLimit: 256 * 1024 ** 2,
    memoryReservation: 64 * 1024 ** 2,
    cpus: 0.5,
    pidsLimit: 100,
  });
  assert.deepEqual(db!.resources, {
    memoryLimit: 512 * 1024 ** 2,
    memoryReservation: null,
    cpus: 1.5,
    pidsLimit: 200,
  });
  assert.equal(app!.replicas, 2);
  assert.equal(app!.restart, 'unless-stopped');
  assert.deepEqual(app!.labels, { tier: 'backend' });
  assert.equal(db!.restart, 'on-failure:3');
  assert.deepEqual(app!.networks, { back: { aliases: [], ipv4Address: null } });
  assert.deepEqual(db!.networks, { back: { aliases: [], ipv4Address: '172.30.0.10' } });
  assert.deepEqual(web!.networks, {
    back: { aliases: [], ipv4Address: null },
    front: { aliases: ['www', 'shop-web'], ipv4Address: null },
  });
  assert.deepEqual(web!.extraHosts, ['gateway:10.0.0.1', 'other:10.0.0.2']);
  assert.deepEqual(web!.dns, ['10.0.0.53']);
  assert.equal(web!.stopGracePeriod, 90e9);
  assert.equal(web!.stopSignal, 'SIGQUIT');
  assert.equal(web!.tty && web!.stdinOpen, true);
  assert.deepEqual(
    [app!.user, app!.workingDir, app!.init, app!.readOnly],
    ['1000:1000', '/srv', true, true],
  );
  assert.deepEqual([app!.capAdd, app!.capDrop], [['NET_ADMIN'], ['ALL']]);
  assert.deepEqual(app!.entrypoint, ['/bin/app', '--serve']);
  assert.equal(db!.hostname, 'database');
});

test('profiles: a profiled service is active only when its profile is', async () => {
  await assert.rejects(
    load('profiles'),
    /services\.app\.depends_on: service "tools" is not enabled by the active profiles/,
  );
  const p = await load('profiles', {}, { profiles: ['dev'] });
  assert.deepEqual(Object.keys(p.services), ['app', 'optional', 'tools']);
  const viaEnv = await load('profiles', { COMPOSE_PROFILES: 'dev' });
  assert.deepEqual(Object.keys(viaEnv.services), ['app', 'optional', 'tools']);
  const all = await load('full', {}, { profiles: ['debug'] });
  assert.ok(all.services.debug);
});

test('an optional dependency on an inactive service is dropped', async () => {
  const p = await loadProject({
    file: '/p/compose.yaml',
    readFile: memory({
      '/p/compose.yaml':
        'services:\n  a: {image: x, depends_on: {t: {condition: service_started, required: false}}}\n  t: {image: x, profiles: [dev]}\n',
    }),
    env: {},
  });
  assert.deepEqual(p.services.a!.dependsOn, {});
});

test('unsupported keys are listed all at once with their paths', async () => {
  const err = await load('unsupported').catch((e: unknown) => e);
  assert.ok(err instanceof ComposeError);
  assert.equal(err.code, 'UNIMPLEMENTED');
  assert.deepEqual([...err.problems].sort(), [
    'networks.n.driver: "overlay" is not supported (only bridge)',
    'services.app.build: not supported by Berth',
    'services.app.deploy.placement: not supported by Berth',
    'services.app.deploy.resources.reservations.devices: not supported by Berth',
    'services.app.devices[0]: only the short syntax is supported',
    'services.app.networks: n: ipv6_address not supported',
    'services.app.volumes[0]: volume type "npipe" is not supported (volume, bind, tmpfs)',
    'services.app.volumes_from: not supported by Berth',
    'volumes.v.driver_opts: not supported by Berth',
  ]);
  assert.match(err.message, /services\.app\.build/);
});

test('schema violations are listed with their paths', async () => {
  const err = await load('schema-error').catch((e: unknown) => e);
  assert.ok(isComposeError(err, 'INVALID_ARGUMENT'));
  assert.ok(err.problems.includes('services.web: unknown key "imgae"'), err.message);
  assert.ok(
    err.problems.some((p) => p.startsWith('services.web.ports: ')),
    err.message,
  );
  assert.ok(
    err.problems.some((p) => p.startsWith('services.web.restart: ')),
    err.message,
  );
});

test('a dependency cycle is named', async () => {
  await assert.rejects(load('cycle'), /dependency cycle between services: a -> b -> c -> a/);
});

test('undeclared volumes, networks and secrets are errors', async () => {
  await assert.rejects(
    load('missing-refs'),
    /services\.app\.volumes\[0\]: refers to undefined volume "undeclared"/,
  );
  const one = (yaml: string) =>
    loadProject({
      file: '/p/compose.yaml',
      readFile: memory({ '/p/compose.yaml': yaml }),
      env: {},
    });
  await assert.rejects(
    one('services:\n  a: {image: x, networks: [nope]}\n'),
    /undefined network "nope"/,
  );
  await assert.rejects(one('services:\n  a: {image: x, secrets: [s]}\n'), /undefined "s"/);
  await assert.rejects(
    one('services:\n  a: {image: x, depends_on: [ghost]}\n'),
    /service "ghost" is not defined/,
  );
  await assert.rejects(one('services:\n  a: {build: .}\n'), /services\.a\.build: not supported/);
  await assert.rejects(one('services:\n  a: {command: x}\n'), /services\.a: image is required/);
  await assert.rejects(
    one('services:\n  a: {image: x, env_file: missing.env}\n'),
    /services\.a\.env_file: \/p\/missing\.env not found/,
  );
});

test('an optional env_file may be missing', async () => {
  const p = await loadProject({
    file: '/p/compose.yaml',
    readFile: memory({
      '/p/compose.yaml':
        'services:\n  a: {image: x, env_file: [{path: none.env, required: false}]}\n',
    }),
    env: {},
  });
  assert.deepEqual(p.services.a!.environment, {});
});

test('project name: -p, then COMPOSE_PROJECT_NAME (also from .env), then name:, then the directory', async () => {
  const files = {
    '/srv/My App_1/compose.yaml': 'services:\n  a: {image: x}\n',
    '/srv/named/compose.yaml': 'name: from-file\nservices:\n  a: {image: x}\n',
    '/srv/named/.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n',
  };
  const load1 = (file: string, o = {}) =>
    loadProject({ file, readFile: memory(files), env: {}, ...o });
  assert.equal((await load1('/srv/My App_1/compose.yaml')).name, 'myapp_1');
  assert.equal((await load1('/srv/named/compose.yaml')).name, 'from-dotenv');
  assert.equal((await load1('/srv/named/compose.yaml', { projectName: 'flag' })).name, 'flag');
  await assert.rejects(
    load1('/srv/named/compose.yaml', { projectName: 'Bad Name' }),
    /invalid project name "Bad Name" \(from -p\)/,
  );
});

test('unset variables are warnings, required ones errors', async () => {
  const files = { '/p/compose.yaml': 'services:\n  a: {image: "x:${TAG}", user: "${U:?set U}"}\n' };
  await assert.rejects(
    loadProject({ file: '/p/compose.yaml', readFile: memory(files), env: {} }),
    /required variable U is missing a value: set U/,
  );
  const p = await loadProject({
    file: '/p/compose.yaml',
    readFile: memory(files),
    env: { U: 'me' },
  });
  assert.equal(p.services.a!.image, 'x:');
  assert.deepEqual(p.warnings, ['The "TAG" variable is not set. Defaulting to a blank string.']);
});

test('YAML errors, a missing file and a non-mapping document', async () => {
  const mem = memory({
    '/p/bad.yaml': 'services: [\n',
    '/p/list.yaml': '- a\n',
    '/p/dup.yaml': 'services: {}\nservices: {}\n',
  });
  await assert.rejects(
    loadProject({ file: '/p/bad.yaml', readFile: mem, env: {} }),
    /bad\.yaml is not valid YAML/,
  );
  await assert.rejects(
    loadProject({ file: '/p/dup.yaml', readFile: mem, env: {} }),
    /not valid YAML/,
  );
  await assert.rejects(
    loadProject({ file: '/p/list.yaml', readFile: mem, env: {} }),
    /top level must be a mapping/,
  );
  await assert.rejects(loadProject({ file: '/p/none.yaml', readFile: mem, env: {} }), (e) =>
    isComposeError(e, 'NOT_FOUND'),
  );
});

test('conflicting forms of one setting are errors', async () => {
  const one = (svc: string) =>
    loadProject({
      file: '/p/compose.yaml',
      readFile: memory({ '/p/compose.yaml': `services:\n  a: ${svc}\n` }),
      env: {},
    });
  await assert.rejects(
    one('{image: x, scale: 2, deploy: {replicas: 3}}'),
    /scale and deploy\.replicas differ/,
  );
  await assert.rejects(
    one('{image: x, mem_limit: 1g, deploy: {resources: {limits: {memory: 2g}}}}'),
    /mem_limit and deploy\.resources\.limits\.memory differ/,
  );
  await assert.rejects(
    one('{image: x, network_mode: host, networks: [default]}'),
    /network_mode and networks are exclusive/,
  );
  await assert.rejects(
    one('{image: x, container_name: cc, scale: 2}'),
    /container_name cannot be used with more than one replica/,
  );
  const same = await one(
    '{image: x, mem_limit: 1g, deploy: {resources: {limits: {memory: 1024m}}}}',
  );
  assert.equal(same.services.a!.resources.memoryLimit, 1024 ** 3);
});

test('network_mode host leaves no project network', async () => {
  const p = await loadProject({
    file: '/p/compose.yaml',
    readFile: memory({
      '/p/compose.yaml': 'services:\n  a: {image: x, network_mode: host}\n  b: {image: x}\n',
    }),
    env: {},
  });
  assert.deepEqual(p.services.a!.networks, {});
  assert.equal(p.services.a!.networkMode, 'host');
  assert.deepEqual(Object.keys(p.networks), ['default']);
  assert.equal(p.networks.default!.name, 'p_default');
});

test('elevated keys are kept as given; a service without them has none of the keys', async () => {
  const p = await loadProject({
    file: '/p/compose.yaml',
    readFile: memory({
      '/p/compose.yaml': `services:
  root:
    image: x
    privileged: true
    pid: host
    ipc: host
    sysctls: [net.core.somaxconn=1024]
    security_opt: [seccomp=unconfined]
    devices: [/dev/fuse]
  plain: {image: x, privileged: false, ipc: private}
`,
    }),
    env: {},
  });
  const root = p.services.root!;
  assert.equal(root.privileged, true);
  assert.equal(root.pid, 'host');
  assert.equal(root.ipc, 'host');
  assert.deepEqual(root.sysctls, { 'net.core.somaxconn': '1024' });
  assert.deepEqual(root.securityOpt, ['seccomp=unconfined']);
  assert.deepEqual(root.devices, ['/dev/fuse']);
  const plain = p.services.plain!;
  for (const k of ['privileged', 'pid', 'ipc', 'sysctls', 'securityOpt', 'devices'])
    assert.equal(k in plain, false, k);
});
