import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerInspect, Network } from '@berth/protocol';
import {
  AGENT_DIR,
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './helpers/agent-process.js';
import { jsonLines } from './helpers/containers.js';
import {
  buildBusyboxImage,
  pushTestImage,
  startRegistry,
  waitFor,
  type TestRegistry,
} from '@berth/testkit';

// Named networks through the real agent and CLI: CNI bridge + host-local + dnsname/dnsmasq.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
let events: ChildProcess | null = null;
let eventsOut = '';

const cli = (...args: string[]) => berth(roots.socket, args);
const tag = randomBytes(3).toString('hex');
const bridge = `bt${tag}`;
const subnet = `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`;
// a pool of its own (4 × /24), so allocation is exercised without meeting other tests' networks
const pool = `base=10.${150 + randomInt(50)}.${randomInt(64) * 4}.0/22,size=24`;
const explicit = () => `10.${150 + randomInt(50)}.${randomInt(256)}.0/24`;
const net = (s: string) => `net-${tag}-${s}`;
const ctr = (s: string) => `${s}-${tag}`;

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function inspectNetwork(name: string): Promise<Network> {
  return (JSON.parse(await ok('network', 'inspect', name)) as Network[])[0]!;
}

async function inspectContainer(name: string): Promise<ContainerInspect> {
  return (JSON.parse(await ok('inspect', name)) as ContainerInspect[])[0]!;
}

/** `network create` with a random explicit subnet, retried when another test's bridge has it. */
async function createWithSubnet(name: string, ...flags: string[]): Promise<void> {
  for (let i = 0; ; i++) {
    const r = await cli('network', 'create', '--subnet', explicit(), ...flags, name);
    if (r.code === 0) return;
    if (i > 5 || !/overlaps/.test(r.stderr)) assert.fail(r.stderr);
  }
}

/** Until `name` (in the networks' own domain: never forwarded upstream) resolves from `c`. */
async function resolves(c: string, name: string): Promise<void> {
  for (let i = 0; ; i++) {
    if ((await cli('exec', c, 'nslookup', '-type=a', name)).code === 0) return;
    if (i > 50) assert.fail(`${name} never resolved from ${c}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  image = `${registry.host}/net/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: 'all' }));
  agent = startAgent(roots, [
    '--bridge',
    bridge,
    '--bridge-subnet',
    subnet,
    '--default-address-pool',
    pool,
  ]);
  await agent.waitForLog(/API listening/);
  await ok('pull', '-q', image);
  events = spawn(
    process.execPath,
    [join(AGENT_DIR, 'dist/bin/berth.js'), 'events', '--format', 'json'],
    {
      env: { PATH: process.env.PATH ?? '', BERTH_HOST: `unix://${roots.socket}` },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  events.stdout!.on('data', (b: Buffer) => (eventsOut += b.toString()));
  // `berth events` listens once it reports a tag made after it started (else the test's first
  // network create can come before it subscribed)
  const probe = `${image.slice(0, image.lastIndexOf(':'))}:events-probe`;
  await waitFor(
    'berth events listening',
    async () => {
      await ok('tag', image, probe);
      return eventsOut.includes('events-probe') ? true : undefined;
    },
    { intervalMs: 250 },
  );
  await ok('rmi', probe);
});

after(async () => {
  if (events?.pid && events.exitCode === null) process.kill(events.pid, 'SIGTERM');
  if (roots && agent) {
    const left = await cli('ps', '-a', '-q').catch(() => null);
    for (const id of left?.stdout.split('\n').filter(Boolean) ?? []) await cli('rm', '-f', id);
    const nets = await cli('network', 'ls', '-q', '--filter', 'type=custom').catch(() => null);
    for (const id of nets?.stdout.split('\n').filter(Boolean) ?? []) await cli('network', 'rm', id);
  }
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* never created */
  }
});

test('berth network: create, run by name and alias, inspect, connect/disconnect, refuse, remove without leaks', async () => {
  // create: one from the pool, one with a subnet, one internal
  const createdId = (await ok('network', 'create', '--label', 'team=a', net('a'))).trim();
  assert.match(createdId, /^[0-9a-f]{64}$/);
  await createWithSubnet(net('b'));
  await createWithSubnet(net('int'), '--internal');
  const a = await inspectNetwork(net('a'));
  const b = await inspectNetwork(net('b'));
  const internal = await inspectNetwork(net('int'));
  const poolBase = pool.slice('base='.length, pool.indexOf(','));
  assert.equal(a.subnet, poolBase.replace(/\/22$/, '/24'), 'the first /24 of the pool');
  assert.deepEqual(
    [a.labels, a.internal, a.dns, b.internal, internal.internal],
    [{ team: 'a' }, false, true, false, true],
  );
  const dup = await cli('network', 'create', net('a'));
  assert.equal(dup.code, 5, 'ALREADY_EXISTS');
  assert.match(dup.stderr, /already exists/);

  const ls = jsonLines<Network>(await ok('network', 'ls', '--format', 'json'));
  assert.deepEqual(
    ls.map((n) => n.name),
    ['berth', net('a'), net('b'), net('int')],
  );
  const custom = await ok('network', 'ls', '--filter', 'type=custom', '--filter', `label=team=a`);
  assert.match(custom, new RegExp(`${a.id.slice(0, 12)}\\s+${net('a')}\\s+bridge\\s+local`));
  assert.doesNotMatch(custom, new RegExp(net('b')));

  // containers on each network, by the run flags
  await ok(
    'run',
    '-d',
    '--name',
    ctr('a1'),
    '--network',
    net('a'),
    '--network-alias',
    'db',
    image,
    'sleep',
    '3600',
  );
  await ok('run', '-d', '--name', ctr('a2'), '--network', net('a'), image, 'sleep', '3600');
  await ok('run', '-d', '--name', ctr('b1'), '--network', net('b'), image, 'sleep', '3600');
  const staticIp = internal.subnet.replace(/0\/24$/, '42');
  await ok(
    'run',
    '-d',
    '--name',
    ctr('i1'),
    '--network',
    net('int'),
    '--ip',
    staticIp,
    image,
    'sleep',
    '3600',
  );

  const a1 = await inspectContainer(ctr('a1'));
  assert.equal(a1.networks.length, 1);
  assert.deepEqual(
    [a1.networks[0]?.network, a1.networks[0]?.ifname, a1.networks[0]?.aliases, a1.ip],
    [net('a'), 'eth0', ['db'], a1.networks[0]?.ip],
  );
  const a1ip = a1.networks[0]!.ip!;
  const onA = await inspectNetwork(net('a'));
  assert.deepEqual(
    onA.containers.map((c) => [c.name, c.ifname]),
    [
      [ctr('a1'), 'eth0'],
      [ctr('a2'), 'eth0'],
    ],
  );

  // resolution within the network by name, alias and short ID (A queries: nothing leaves the
  // host); dnsname reloads dnsmasq asynchronously: first wait for the name in the local domain
  await resolves(ctr('a2'), `${ctr('a1')}.dns.berth`);
  for (const name of [ctr('a1'), 'db', a1.id.slice(0, 12)]) {
    const out = await ok('exec', ctr('a2'), 'nslookup', '-type=a', name);
    assert.match(out, new RegExp(`Address:\\s+${a1ip.replace(/\./g, '\\.')}$`, 'm'), name);
  }
  await ok('exec', ctr('a2'), 'ping', '-4', '-c1', '-W5', ctr('a1'));
  await ok('exec', ctr('a2'), 'ping', '-4', '-c1', '-W5', 'db');
  assert.match(
    await ok('exec', ctr('a2'), 'cat', '/etc/resolv.conf'),
    new RegExp(`^nameserver ${a.gateway.replace(/\./g, '\\.')}$`, 'm'),
  );
  // …and not from another network
  const across = await cli('exec', ctr('b1'), 'nslookup', '-type=a', `${ctr('a1')}.dns.berth`);
  assert.notEqual(across.code, 0, across.stdout);
  // (a fully qualified name in the networks' own domain: dnsmasq never forwards those)
  const ping = await cli('exec', ctr('b1'), 'ping', '-4', '-c1', '-W2', `${ctr('a1')}.dns.berth.`);
  assert.match(ping.stderr, /bad address/);

  // internal: the asked address, no default route
  assert.equal((await inspectContainer(ctr('i1'))).networks[0]?.ip, staticIp);
  assert.doesNotMatch(await ok('exec', ctr('i1'), 'ip', 'route'), /^default/m);
  const taken = await cli('run', '-d', '--network', net('int'), '--ip', staticIp, image, 'true');
  assert.equal(taken.code, 5, taken.stderr);
  const outside = await cli(
    'run',
    '-d',
    '--network',
    net('int'),
    '--ip',
    '192.0.2.1',
    image,
    'true',
  );
  assert.equal(outside.code, 2, outside.stderr);
  assert.match(outside.stderr, /not a host address/);

  // connect a running container, resolvable by its alias there; then disconnect
  await ok('network', 'connect', '--alias', 'bee', net('a'), ctr('b1'));
  const b1 = await inspectContainer(ctr('b1'));
  assert.deepEqual(
    b1.networks.map((n) => [n.network, n.ifname]),
    [
      [net('b'), 'eth0'],
      [net('a'), 'eth1'],
    ],
  );
  await resolves(ctr('a2'), 'bee.dns.berth');
  const bee = await ok('exec', ctr('a2'), 'nslookup', '-type=a', 'bee');
  assert.match(bee, new RegExp(`Address:\\s+${b1.networks[1]!.ip!.replace(/\./g, '\\.')}$`, 'm'));
  await ok('exec', ctr('b1'), 'ping', '-4', '-c1', '-W5', a1ip);

  // removal refused while in use, naming the containers; the built-in network never
  const refused = await cli('network', 'rm', net('a'));
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, new RegExp(`${ctr('a1')}, ${ctr('a2')}, ${ctr('b1')}`));
  assert.match((await cli('network', 'rm', 'berth')).stderr, /cannot be removed/);

  await ok('network', 'disconnect', net('a'), ctr('b1'));
  assert.deepEqual(
    (await inspectContainer(ctr('b1'))).networks.map((n) => n.ifname),
    ['eth0'],
  );
  assert.doesNotMatch(await ok('exec', ctr('b1'), 'ip', 'link'), /eth1/);

  // dnsmasq pids from the plugin's pid files, to check they are gone at the end
  const dnsDir = (n: string) => join(roots.execRoot, 'cni', 'containers', 'cni', 'dnsname', n);
  const pids = [net('a'), net('b'), net('int')].map((n) =>
    Number(readFileSync(join(dnsDir(n), 'pidfile'), 'utf8').trim()),
  );
  assert.ok(pids.every((p) => p > 0));

  // down: containers, then networks
  for (const c of ['a1', 'a2', 'b1', 'i1']) await ok('rm', '-f', ctr(c));
  const pruned = await ok('network', 'prune', '-f');
  for (const n of ['a', 'b', 'int']) assert.match(pruned, new RegExp(`^${net(n)}$`, 'm'));
  assert.deepEqual(
    jsonLines<Network>(await ok('network', 'ls', '--format', 'json')).map((n) => n.name),
    ['berth'],
  );

  const links = sh('ip', ['-o', 'link', 'show']);
  const rules = sh('iptables-save', []);
  for (const n of [a, b, internal]) {
    assert.doesNotMatch(links, new RegExp(`: ${n.bridge}[:@]`), `bridge ${n.bridge}`);
    assert.equal(rules.includes(n.bridge), false, `iptables rules for ${n.bridge}`);
    assert.equal(existsSync(dnsDir(n.name)), false, `dnsname dir of ${n.name}`);
  }
  assert.equal(rules.includes(`"${net('a')}"`), false, 'no CNI chain comments for the network');
  for (const pid of pids) {
    let state = '';
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] ?? '';
    } catch {
      /* gone */
    }
    assert.ok(state === '' || state === 'Z', `dnsmasq ${pid} is not running`);
  }
  const netns = sh('ip', ['netns', 'list']);
  for (const id of [a1.id, b1.id]) assert.equal(netns.includes(id.slice(0, 32)), false, 'netns');

  // the event stream saw the networks come and go
  const seen = jsonLines<{ kind: string; type: string; name?: string }>(eventsOut).filter(
    (e) => e.kind === 'network',
  );
  for (const type of ['create', 'connect', 'disconnect', 'destroy'])
    assert.ok(
      seen.some((e) => e.type === type && e.name === net('a')),
      `network ${type} event`,
    );
});
