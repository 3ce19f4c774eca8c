import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import type { Socket } from 'socket.io';
import Docker from 'dockerode';
import { parseAgentEvent, parseRpcResponse, type Network } from '@berth/protocol';
import { DOCKER_CLI } from '@berth/testkit';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';
import { berth } from './helpers/agent-process.js';
import { FakeWeb } from './helpers/fake-web.js';
import {
  cniMasqChain,
  hasChain,
  hostTraces,
  processGone,
  tracesLeft,
} from './helpers/leftovers.js';
import { jsonLines } from './helpers/containers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// User-defined networks through the Docker API: Debian's docker client (20.10) and dockerode
// against a real agent (CNI bridge + dnsname/dnsmasq), with the agent linked to a web (the
// dashboard's inventory), and the host checked for leftovers at the end.
let d: DockerAgent;
let web: FakeWeb;
let socket: Socket;
let events: ChildProcess | null = null;
let eventsOut = '';
const inventories: Network[][] = [];

const tag = randomBytes(3).toString('hex');
const net = (s: string) => `dn-${tag}-${s}`;
const ctr = (s: string) => `dc-${tag}-${s}`;
// a pool of its own (4 × /24): allocation never meets other tests' networks
const pool = `base=10.${150 + randomInt(50)}.${randomInt(64) * 4}.0/22,size=24`;
const explicit = () => `10.${150 + randomInt(50)}.${randomInt(256)}.0/24`;

async function ok(...args: string[]): Promise<string> {
  const r = await d.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function rpc<M extends Parameters<typeof parseRpcResponse>[0]>(method: M, params: unknown) {
  return parseRpcResponse(method, await socket.emitWithAck('rpc', { method, params }));
}

/** `docker network create` with a random explicit subnet, retried when another test has it. */
async function createWithSubnet(name: string, ...flags: string[]): Promise<string> {
  for (let i = 0; ; i++) {
    const subnet = explicit();
    const r = await d.docker(['network', 'create', '--subnet', subnet, ...flags, name]);
    if (r.code === 0) return subnet;
    if (i > 5 || !/overlaps/.test(r.stderr)) assert.fail(r.stderr);
  }
}

/** Until `name` resolves from container `c` (dnsname reloads dnsmasq asynchronously). */
async function resolves(c: string, name: string): Promise<string> {
  for (let i = 0; ; i++) {
    const r = await d.docker(['exec', c, 'nslookup', '-type=a', name]);
    if (r.code === 0) return r.stdout;
    if (i > 50) assert.fail(`${name} never resolved from ${c}: ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const addressIn = (out: string, ip: string) =>
  new RegExp(`Address:\\s+${ip.replace(/\./g, '\\.')}$`, 'm').test(out);

before(async () => {
  web = new FakeWeb();
  const server = `http://127.0.0.1:${await web.listen()}`;
  const connected = web.nextConnection();
  d = await startDockerAgent({
    applets: 'all',
    args: ['--default-address-pool', pool, '--server', server, '--join-token', web.issueToken()],
  });
  socket = await connected;
  socket.on('inventory.networks', (p: unknown) => {
    const ev = parseAgentEvent('inventory.networks', p);
    if (ev.name === 'inventory.networks') inventories.push(ev.payload.networks);
  });
  events = spawn(DOCKER_CLI, ['events', '--filter', 'type=network', '--format', '{{json .}}'], {
    env: { PATH: process.env.PATH ?? '', DOCKER_HOST: d.host, DOCKER_CONFIG: d.roots.dir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  events.stdout!.on('data', (b: Buffer) => (eventsOut += b.toString()));
});

after(async () => {
  if (events?.pid && events.exitCode === null) process.kill(events.pid, 'SIGTERM');
  await d?.stop();
  await web?.close();
});

test('docker network ls/inspect: bridge, host and none as Docker shows them', async () => {
  const ls = await ok('network', 'ls', '--format', '{{.Name}} {{.Driver}} {{.Scope}}');
  assert.deepEqual(ls.trim().split('\n'), [
    'bridge bridge local',
    'host host local',
    'none null local',
  ]);
  const bridge = JSON.parse(await ok('network', 'inspect', 'bridge'))[0];
  assert.equal(bridge.Name, 'bridge');
  assert.match(bridge.Id, /^[0-9a-f]{64}$/);
  assert.equal(bridge.Options['com.docker.network.bridge.default_bridge'], 'true');
  assert.equal(bridge.IPAM.Config.length, 1);
  const refused = await d.docker(['network', 'rm', 'bridge']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /bridge is a pre-defined network and cannot be removed/);
  const reserved = await d.docker(['network', 'create', 'host']);
  assert.match(reserved.stderr, /not permitted on predefined host network/);
  const v6 = await d.docker(['network', 'create', '--ipv6', net('v6')]);
  assert.equal(v6.code, 1);
  assert.match(v6.stderr, /EnableIPv6 is not supported by Berth/);
  // what a Berth bridge cannot promise, and another interface's name, are refused
  const icc = await d.docker([
    'network',
    'create',
    '-o',
    'com.docker.network.bridge.enable_icc=false',
    net('icc'),
  ]);
  assert.match(icc.stderr, /enable_icc=false is not supported by Berth/);
  const lo = await d.docker([
    'network',
    'create',
    '-o',
    'com.docker.network.bridge.name=lo',
    net('lo'),
  ]);
  assert.match(lo.stderr, /bridge lo already exists/);
  const taken = await d.docker([
    'network',
    'create',
    '--subnet',
    bridge.IPAM.Config[0].Subnet,
    net('ovl'),
  ]);
  assert.match(taken.stderr, /overlaps/);
  const overlay = await d.docker(['network', 'create', '-d', 'overlay', net('ov')]);
  assert.match(overlay.stderr, /plugin "overlay" not found/);
  assert.equal((await ok('network', 'ls', '-q')).trim().split('\n').length, 3, 'nothing made');
});

test('two containers on a user network resolve each other by name and alias; connect, disconnect, rm in use', async () => {
  const id = (await ok('network', 'create', '--label', `run=${tag}`, net('app'))).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const subnet = await createWithSubnet(net('other'), '--internal');
  const dup = await d.docker(['network', 'create', net('app')]);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /already exists/);

  const inspect = JSON.parse(await ok('network', 'inspect', net('app')))[0];
  assert.deepEqual(
    [inspect.Name, inspect.Id, inspect.Driver, inspect.Scope, inspect.Internal, inspect.Labels],
    [net('app'), id, 'bridge', 'local', false, { run: tag }],
  );
  assert.equal(inspect.IPAM.Config.length, 1);
  assert.equal(inspect.IPAM.Config[0].Subnet, pool.slice(5, pool.indexOf('/')) + '/24');
  assert.equal(
    await ok(
      'network',
      'inspect',
      '-f',
      '{{range .IPAM.Config}}{{.Subnet}}{{end}} {{.Internal}}',
      net('other'),
    ),
    `${subnet} true\n`,
  );
  const filtered = await ok('network', 'ls', '-q', '--no-trunc', '--filter', `label=run=${tag}`);
  assert.equal(filtered, `${id}\n`);

  // a missing network or an address outside the subnet: refused, no container half-made
  const missing = await d.docker(['run', '-d', '--network', net('nope'), d.image, 'true']);
  assert.equal(missing.code, 125);
  assert.match(missing.stderr, new RegExp(`network ${net('nope')} not found`));
  const outside = await d.docker([
    'run',
    '-d',
    '--network',
    net('app'),
    '--ip',
    '192.0.2.9',
    d.image,
    'true',
  ]);
  assert.equal(outside.code, 125);
  assert.match(outside.stderr, /not a host address/);
  assert.equal(await ok('ps', '-aq'), '', 'nothing left of either');

  // a by name, with an alias; b runs on the same network and reaches a by name and by alias
  await ok(
    'run',
    '-d',
    '--name',
    ctr('a'),
    '--network',
    net('app'),
    '--network-alias',
    'db',
    d.image,
    'sleep',
    '600',
  );
  const aIp = (
    await ok(
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${net('app')}").IPAddress}}`,
      ctr('a'),
    )
  ).trim();
  assert.match(aIp, /^10\.\d+\.\d+\.\d+$/);
  const aId = (await ok('inspect', '-f', '{{.Id}}', ctr('a'))).trim();
  const aliases = await ok(
    'inspect',
    '-f',
    `{{json (index .NetworkSettings.Networks "${net('app')}").Aliases}}`,
    ctr('a'),
  );
  assert.deepEqual(JSON.parse(aliases), ['db', aId.slice(0, 12)]);
  await ok('run', '-d', '--name', ctr('b'), '--network', net('app'), d.image, 'sleep', '600');
  await resolves(ctr('b'), ctr('a'));
  for (const name of [ctr('a'), 'db', aId.slice(0, 12)])
    assert.ok(addressIn(await resolves(ctr('b'), name), aIp), name);
  await ok('exec', ctr('b'), 'ping', '-c1', '-W5', ctr('a'));
  await ok('exec', ctr('b'), 'ping', '-c1', '-W5', 'db');
  // the client's own form: a one-off container on the network, removed after
  const once = await d.docker(['run', '--rm', '--network', net('app'), d.image, 'nslookup', 'db']);
  assert.equal(once.code, 0, once.stderr);
  assert.ok(addressIn(once.stdout, aIp), once.stdout);
  const pinged = await d.docker([
    'run',
    '--rm',
    '--network',
    net('app'),
    d.image,
    'ping',
    '-c1',
    '-W5',
    ctr('a'),
  ]);
  assert.equal(pinged.code, 0, pinged.stderr);
  // the same network from Berth's own CLI
  const fromBerth = await berth(d.roots.socket, [
    'run',
    '--rm',
    '--network',
    net('app'),
    d.image,
    'nslookup',
    ctr('a'),
  ]);
  assert.equal(fromBerth.code, 0, fromBerth.stderr);
  assert.ok(addressIn(fromBerth.stdout, aIp), fromBerth.stdout);
  // not from a container on another network
  await ok('run', '-d', '--name', ctr('c'), '--network', net('other'), d.image, 'sleep', '600');
  const across = await d.docker(['exec', ctr('c'), 'ping', '-c1', '-W2', ctr('a')]);
  assert.notEqual(across.code, 0);

  // network inspect lists the containers, in Docker's shape
  const withContainers = JSON.parse(await ok('network', 'inspect', net('app')))[0];
  const entry = withContainers.Containers[aId];
  assert.equal(entry.Name, ctr('a'));
  assert.equal(entry.IPv4Address, `${aIp}/24`);
  assert.match(entry.EndpointID, /^[0-9a-f]{64}$/);
  assert.match(entry.MacAddress, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  assert.equal(
    (
      await ok(
        'inspect',
        '-f',
        `{{(index .NetworkSettings.Networks "${net('app')}").EndpointID}}`,
        ctr('a'),
      )
    ).trim(),
    entry.EndpointID,
    'the same endpoint from both sides',
  );
  assert.equal(
    (await ok('ps', '--filter', `network=${net('app')}`, '--format', '{{.Names}}'))
      .split('\n')
      .filter(Boolean)
      .sort()
      .join(' '),
    [ctr('a'), ctr('b')].sort().join(' '),
  );

  // connect c to app with an alias and a static address: resolvable there, then disconnected
  const staticIp = inspect.IPAM.Config[0].Subnet.replace(/0\/24$/, '77');
  await ok('network', 'connect', '--alias', 'cee', '--ip', staticIp, net('app'), ctr('c'));
  const cNets = JSON.parse(
    await ok('inspect', '-f', '{{json .NetworkSettings.Networks}}', ctr('c')),
  );
  // (the client re-encodes the map: its keys come sorted)
  assert.deepEqual(Object.keys(cNets), [net('app'), net('other')]);
  assert.equal(cNets[net('app')].IPAddress, staticIp);
  assert.deepEqual(cNets[net('app')].IPAMConfig, { IPv4Address: staticIp });
  assert.ok(addressIn(await resolves(ctr('b'), 'cee'), staticIp));
  const host = await d.docker(['network', 'connect', 'host', ctr('c')]);
  assert.match(
    host.stderr,
    /cannot be disconnected from host network or connected to host network/,
  );
  const twice = await d.docker(['network', 'connect', net('app'), ctr('c')]);
  assert.notEqual(twice.code, 0);
  assert.match(twice.stderr, /already connected/);

  // rm in use: refused, naming the containers; nothing removed
  const inUse = await d.docker(['network', 'rm', net('app')]);
  assert.equal(inUse.code, 1);
  assert.match(
    inUse.stderr,
    new RegExp(`has active endpoints \\(${[ctr('a'), ctr('b'), ctr('c')].join(', ')}\\)`),
  );
  assert.match(await ok('network', 'ls'), new RegExp(net('app')));

  await ok('network', 'disconnect', net('app'), ctr('c'));
  assert.deepEqual(
    Object.keys(
      JSON.parse(await ok('inspect', '-f', '{{json .NetworkSettings.Networks}}', ctr('c'))),
    ),
    [net('other')],
  );
  assert.doesNotMatch(await ok('exec', ctr('c'), 'ip', 'link'), /eth1/);
  const notOn = await d.docker(['network', 'disconnect', net('app'), ctr('c')]);
  assert.notEqual(notOn.code, 0);
  assert.match(notOn.stderr, /is not connected/);

  // the dashboard's view: the agent's network list (RPC) and inventory push
  const listed = await rpc('network.list', {});
  const app = listed.networks.find((n) => n.name === net('app'));
  assert.deepEqual(app?.containers.map((c) => c.name).sort(), [ctr('a'), ctr('b')].sort());
  assert.equal(app?.id, id);
  assert.ok(
    inventories.some((inv) => inv.some((n) => n.name === net('other'))),
    'an inventory push carried a network the docker client made',
  );

  // down: containers, then networks; no trace on the host
  const dnsDir = (n: string) => join(d.roots.execRoot, 'cni', 'containers', 'cni', 'dnsname', n);
  const dnsmasq = [net('app'), net('other')].map((n) =>
    Number(readFileSync(join(dnsDir(n), 'pidfile'), 'utf8').trim()),
  );
  const bridges = [net('app'), net('other')].map(
    (n) => listed.networks.find((x) => x.name === n)!.bridge,
  );
  const ids = (await ok('ps', '-a', '-q', '--no-trunc')).split('\n').filter(Boolean);
  // a's and b's masquerade chains on app exist while they run: their absence later means something
  const chains = Object.keys(withContainers.Containers).map((id) => cniMasqChain(net('app'), id));
  assert.equal(chains.length, 2);
  const running = hostTraces().iptables;
  for (const c of chains) assert.ok(hasChain(running, c), `chain ${c} while running`);
  await ok('rm', '-f', ctr('a'), ctr('b'), ctr('c'));
  await ok('network', 'rm', net('app'));
  const pruned = await ok('network', 'prune', '-f', '--filter', `label!=run=${tag}`);
  assert.match(pruned, new RegExp(`^${net('other')}$`, 'm'));
  assert.deepEqual((await ok('network', 'ls', '--format', '{{.Name}}')).trim().split('\n'), [
    'bridge',
    'host',
    'none',
  ]);
  const left = tracesLeft(hostTraces(), { containerIds: ids, bridges, chains });
  assert.deepEqual(left, []);
  assert.ok(
    dnsmasq.every((pid) => pid > 0 && processGone(pid)),
    'dnsmasq stopped',
  );
});

test('dockerode: createNetwork, inspect, connect with an alias, disconnect, remove', async () => {
  const sdk = new Docker({ socketPath: d.dockerSocket });
  const created = await sdk.createNetwork({
    Name: net('sdk'),
    CheckDuplicate: true,
    Labels: { sdk: 'yes' },
    Attachable: true,
  });
  const info = await created.inspect();
  assert.deepEqual([info.Name, info.Attachable, info.Labels], [net('sdk'), true, { sdk: 'yes' }]);
  const c = await sdk.createContainer({
    Image: d.image,
    Cmd: ['sleep', '600'],
    name: ctr('sdk'),
    HostConfig: { NetworkMode: net('sdk') },
    NetworkingConfig: { EndpointsConfig: { [net('sdk')]: { Aliases: ['api'] } } },
  });
  await c.start();
  const nets = (await c.inspect()).NetworkSettings.Networks;
  assert.deepEqual(nets[net('sdk')]?.Aliases, ['api', c.id.slice(0, 12)]);
  assert.equal(nets[net('sdk')]?.NetworkID, info.Id);
  const bridge = sdk.getNetwork('bridge');
  await bridge.connect({ Container: c.id });
  // raw JSON through the SDK: in interface order
  assert.deepEqual(Object.keys((await c.inspect()).NetworkSettings.Networks), [
    net('sdk'),
    'bridge',
  ]);
  await bridge.disconnect({ Container: c.id, Force: true });
  const listed = await sdk.listNetworks({ filters: { label: ['sdk=yes'] } });
  assert.deepEqual(
    listed.map((n) => n.Name),
    [net('sdk')],
  );
  await assert.rejects(created.remove(), (err: { statusCode?: number }) => err.statusCode === 409);
  await c.remove({ force: true });
  await created.remove();
  await assert.rejects(created.inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
});

test('docker events: network create, connect, disconnect, destroy', async () => {
  // the stream ran through the tests above
  const seen = jsonLines<{
    Type: string;
    Action: string;
    Actor: { Attributes: Record<string, string> };
  }>(eventsOut);
  for (const action of ['create', 'connect', 'disconnect', 'destroy'])
    assert.ok(
      seen.some(
        (e) =>
          e.Type === 'network' && e.Action === action && e.Actor.Attributes.name === net('app'),
      ),
      `network ${action} event`,
    );
  assert.ok(
    seen.some((e) => e.Action === 'connect' && e.Actor.Attributes.name === 'bridge'),
    'the built-in network is named bridge in events',
  );
});
