import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { freePort } from '@berth/testkit';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import { newEntries, snapshotHost, type HostSnapshot, type LeakScope } from './host-snapshot.js';
import { isEngineBookkeeping } from './leak-fixture.js';
import { netnsName } from '../../src/network/netns.js';
import { dnsnameDir } from '../../src/network/bridge-link.js';
import type { ContainerRecord } from '../../src/container/record.js';
import type { NetworkRecord } from '../../src/network/network-record.js';
import { ImageRootfs } from '../../src/rootfs/image-rootfs.js';
import { prepareBusyboxEngine } from '../support/busybox-engine.js';

/**
 * A host reboot, simulated on real runc, conmon, overlayfs and CNI: everything a reboot takes
 * (conmon and the containers' processes, runc's state, the exec root, the overlay mounts, the
 * network namespaces, the bridges, dnsmasq) is taken; what it keeps (the data root) is kept.
 * A new manager on the same roots then starts exactly the containers whose restart policy says
 * so (dependencies first), with working networking at their old addresses, and marks the
 * others exited — 255 for the ones the host took down, as dockerd reports them. Removing
 * everything afterwards leaves nothing behind. iptables rules are left in place (a real reboot
 * flushes them): the recovery must converge either way, without duplicating any.
 */
let fx: Fixture;
const tag = randomInt(1e6).toString(36);
let net: NetworkRecord;
let before_: HostSnapshot;
const ids = new Set<string>();

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function scopes(): LeakScope[] {
  const builtin = fx.manager.deps.network.config;
  const common = {
    ipamDir: builtin.ipamDir,
    cgroupParent: fx.roots.cgroupParent,
    roots: [fx.roots.base, fx.roots.execRoot],
    ids,
  };
  return [
    { ...common, bridge: builtin.bridge, network: builtin.name },
    { ...common, bridge: net.bridge, network: net.name },
  ];
}

const snapshot = (): HostSnapshot =>
  Object.assign({}, ...scopes().map((s, i) => prefixed(snapshotHost(s), `${i}`)));

function prefixed(s: HostSnapshot, p: string): HostSnapshot {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [`${p} ${k}`, v]));
}

before(async () => {
  fx = await openFixture();
  for (let i = 0; ; i++) {
    try {
      net = await fx.manager.deps.network.create({
        name: `rb-${tag}`,
        subnet: `10.${150 + randomInt(50)}.${randomInt(256)}.0/24`,
      });
      break;
    } catch (err) {
      if (i > 5 || !/overlaps/.test(String(err))) throw err;
    }
  }
  before_ = snapshot();
});

after(async () => {
  for (const c of fx.manager.list())
    await fx.manager.remove(c.id, { force: true }).catch(() => undefined);
  await fx.manager.deps.network.remove(net.id).catch(() => undefined);
  await fx.cleanup();
});

function fetchText(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/index.html', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve(body));
    }).on('error', () => resolve(null));
  });
}

async function container(
  name: string,
  restart: string,
  options: Record<string, unknown> = {},
  cmd = ['sleep', '3600'],
): Promise<ContainerRecord> {
  const c = await fx.manager.create({
    image: { config: { cmd } },
    options: { name: `${name}-${tag}`, restart, network: 'none', ...options },
  });
  ids.add(c.id);
  return c;
}

const compose = (service: string, dependsOn = '') => ({
  labels: {
    'com.docker.compose.project': `rb${tag}`,
    'com.docker.compose.service': service,
    'com.docker.compose.depends_on': dependsOn,
  },
});

/** What a reboot takes, container by container, then the host-wide pieces. */
function simulateReboot(
  records: ContainerRecord[],
  rootfsOf = (id: string) => join(fx.roots.base, 'overlays', id, 'merged'),
  hostWide = true,
): void {
  fx.manager.close(); // the agent goes down with the host
  const runcRoot = join(fx.roots.execRoot, 'runc');
  for (const r of records) {
    const bundle = join(fx.roots.dataRoot, 'containers', r.id, 'bundle');
    const conmon = Number(readFileSync(join(bundle, 'conmon.pid'), 'utf8').trim());
    process.kill(conmon, 'SIGKILL'); // no exit file: conmon dies with the host
    // kills every process of the container (thawing a paused one) and drops its state and cgroup
    sh('runc', ['--root', runcRoot, 'delete', '--force', r.id]);
    sh('umount', [rootfsOf(r.id)]);
    if (r.network.mode !== 'host') sh('ip', ['netns', 'delete', netnsName(r.id)]);
  }
  if (!hostWide) return rmSync(fx.roots.execRoot, { recursive: true, force: true });
  const pidfile = join(dnsnameDir(fx.manager.deps.network.dnsRuntimeDir, net.name), 'pidfile');
  process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGKILL');
  for (const bridge of [fx.bridge, net.bridge]) sh('ip', ['link', 'del', bridge]);
  rmSync(fx.roots.execRoot, { recursive: true, force: true }); // /run is a tmpfs
}

test('after a simulated reboot exactly the containers whose policy says so run again, networking works, nothing leaks', async () => {
  const m = fx.manager;
  const port = await freePort();
  const web = await container(
    'web',
    'always',
    { network: 'bridge', ports: [`127.0.0.1:${port}:80`] },
    ['httpd', '-f', '-p', '80', '-h', '/www'],
  );
  const client = await container('client', 'unless-stopped', { network: net.name });
  const server = await container('server', 'on-failure', { network: net.name });
  const none = await container('none', 'no', { network: net.name });
  const paused = await container('paused', 'always');
  // created in the wrong order: the boot starts the dependency first
  const app = await container('app', 'always', compose('app', 'db:service_started:false'));
  const db = await container('db', 'unless-stopped', compose('db'));
  const stoppedAlways = await container('stopped-always', 'always');
  const stoppedUnless = await container('stopped-unless', 'unless-stopped');
  const stoppedOnFailure = await container('stopped-on-failure', 'on-failure');
  const exitedZero = await container('exited-zero', 'on-failure', {}, ['true']);
  const neverStarted = await container('never-started', 'always');

  for (const c of [web, client, server, none, paused, app, db]) await m.start(c.id);
  await m.pause(paused.id);
  for (const c of [stoppedAlways, stoppedUnless, stoppedOnFailure]) {
    await m.start(c.id);
    await m.stop(c.id, { timeout: 0 });
  }
  await m.start(exitedZero.id);
  await waitFor(() => m.get(exitedZero.id).state === 'exited', 'exited-zero exits');
  assert.equal(
    await waitFor(() => fetchText(port), 'httpd before the reboot'),
    'hello from berth\n',
  );
  const addressBefore = new Map([...ids].map((id) => [id, m.get(id).network.ip]));
  const wasUp = [web, client, server, none, paused, app, db];

  simulateReboot(wasUp);

  const { manager, report } = await fx.reopen();
  fx.manager = manager;
  const name = (id: string) => manager.get(id).name.replace(`-${tag}`, '');
  const names = (xs: string[]) => xs.map(name).sort();
  assert.deepEqual(report.errors, []);
  assert.deepEqual(names(report.lost), ['app', 'client', 'db', 'none', 'paused', 'server', 'web']);
  assert.deepEqual(names(report.restarted), [
    'app',
    'client',
    'db',
    'paused',
    'server',
    'stopped-always',
    'web',
  ]);
  assert.ok(
    report.restarted.indexOf(db.id) < report.restarted.indexOf(app.id),
    'the compose dependency first',
  );
  for (const id of report.restarted) {
    const r = manager.get(id);
    assert.equal(r.state, 'running', name(id));
    assert.equal((await manager.deps.runtime.state(id))?.status, 'running', name(id));
    assert.equal(r.restartCount, 0, `${name(id)}: a boot start is not counted (as dockerd)`);
    assert.equal(r.network.ip, addressBefore.get(id), `${name(id)} keeps its address`);
  }
  const down = (c: ContainerRecord) => manager.get(c.id);
  assert.deepEqual(
    [none, stoppedUnless, stoppedOnFailure, exitedZero, neverStarted].map((c) => [
      name(c.id),
      down(c).state,
      down(c).exitCode,
    ]),
    [
      ['none', 'exited', 255],
      ['stopped-unless', 'exited', 137],
      ['stopped-on-failure', 'exited', 137],
      ['exited-zero', 'exited', 0],
      ['never-started', 'created', null],
    ],
  );

  // a published port answers on 127.0.0.1; names resolve on the user-defined network
  assert.equal(
    await waitFor(() => fetchText(port), 'httpd after the reboot'),
    'hello from berth\n',
  );
  const serverName = `server-${tag}.dns.berth`;
  await waitFor(async () => {
    const r = await manager.exec(client.id, { cmd: ['nslookup', '-type=a', serverName] });
    return r.exitCode === 0 && r.stdout.includes(addressBefore.get(server.id) ?? '-');
  }, 'name resolution after the reboot');
  const ping = await manager.exec(client.id, {
    cmd: ['ping', '-4', '-c1', '-W5', `server-${tag}`],
  });
  assert.equal(ping.exitCode, 0, `ping by name: ${ping.stdout}${ping.stderr}`);
  // the stopped one on the user network starts later with its namespace made again
  await manager.start(none.id);
  const fromNone = await manager.exec(none.id, {
    cmd: ['ping', '-4', '-c1', '-W5', `client-${tag}`],
  });
  assert.equal(fromNone.exitCode, 0, `ping from a later start: ${fromNone.stderr}`);

  // a second reconcile changes nothing
  const again = await manager.reconcile();
  assert.deepEqual([again.lost, again.restarted, again.errors], [[], [], []]);

  // everything removed: no mount, netns, veth, iptables rule, lease, cgroup or process is left
  for (const id of ids) await manager.remove(id, { force: true });
  await manager.deps.network.remove(net.id);
  assert.equal(existsSync(`/sys/class/net/${net.bridge}`), false, 'the network bridge is gone');
  const dnsRule = sh('iptables-save', ['-t', 'filter'])
    .split('\n')
    .filter((l) => l.includes(`-i ${net.bridge} `));
  assert.deepEqual(dnsRule, [], 'no copy of dnsname\u2019s INPUT rule is left');
  const [builtin] = scopes();
  assert.deepEqual(
    newEntries(before_, snapshot(), (probe, entry) =>
      isEngineBookkeeping(builtin!, probe.replace(/^\d /, ''), entry),
    ),
    {},
  );
});

test('with the engine\u2019s own image rootfs: the overlay is mounted again from its snapshots and keeps the writable layer', async () => {
  const { engine, summary } = await prepareBusyboxEngine(fx.roots.dataRoot);
  const rootfs = new ImageRootfs({
    dataRoot: fx.roots.dataRoot,
    mounts: (ref, rw) => engine.rootfsMounts(ref, rw),
  });
  fx.manager.close();
  fx.manager = (await fx.reopen({ rootfs })).manager;
  const c = await fx.manager.create({
    image: { ref: summary.id, config: { cmd: ['sleep', '3600'] } },
    options: { name: `image-${tag}`, restart: 'always', network: 'none' },
  });
  ids.add(c.id);
  await fx.manager.start(c.id);
  const wrote = await fx.manager.exec(c.id, { cmd: ['sh', '-c', 'echo kept > /written'] });
  assert.equal(wrote.exitCode, 0);
  const mountpoint = (id: string) => join(fx.roots.dataRoot, 'containers', id, 'rootfs');

  simulateReboot([fx.manager.get(c.id)], mountpoint, false);
  assert.equal(await rootfs.mounted(mountpoint(c.id)), false, 'the reboot unmounted it');

  const { manager, report } = await fx.reopen({ rootfs });
  fx.manager = manager;
  assert.deepEqual([report.lost, report.restarted, report.errors], [[c.id], [c.id], []]);
  assert.equal(await rootfs.mounted(mountpoint(c.id)), true);
  const read = await manager.exec(c.id, { cmd: ['cat', '/written'] });
  assert.equal(read.stdout, 'kept\n', 'the container\u2019s writable layer survived');
  await manager.remove(c.id, { force: true });
  assert.equal(await rootfs.mounted(mountpoint(c.id)), false);
});
