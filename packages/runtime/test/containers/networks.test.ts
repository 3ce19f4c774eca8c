import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import { cniChainNames } from './host-snapshot.js';
import { netnsName } from '../../src/network/netns.js';
import { dnsnameDir } from '../../src/network/bridge-link.js';
import { isRuntimeError } from '../../src/errors.js';
import type { NetworkRecord } from '../../src/network/network-record.js';
import type { NetworkEvent } from '../../src/network/network-manager.js';
import type { ContainerRecord } from '../../src/container/record.js';

/**
 * Named networks on real CNI (bridge, host-local, portmap, dnsname + dnsmasq): name and alias
 * resolution inside a network and not across, an internal network without a default route, a
 * static address, connect/disconnect of a running container, removal refused while in use, and
 * after everything is removed: no bridge, iptables rule, netns, lease dir or dnsmasq left.
 */
let fx: Fixture;
const events: NetworkEvent[] = [];
const tag = randomInt(1e6).toString(36);
const nets: NetworkRecord[] = [];
/** dnsmasq pids read from dnsname's pid files while the networks were in use. */
const dnsmasqPids = new Map<string, number>();

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

before(async () => {
  fx = await openFixture();
  fx.manager.close();
  fx.manager = (
    await fx.reopen({
      bridge: {
        name: `berth-test-${tag}`,
        bridge: fx.bridge,
        subnet: fx.subnet,
        onEvent: (e) => events.push(e),
      },
    })
  ).manager;
});

after(async () => {
  for (const c of fx.manager.list())
    await fx.manager.remove(c.id, { force: true }).catch(() => undefined);
  for (const n of nets) await fx.manager.deps.network.remove(n.id).catch(() => undefined);
  await fx.cleanup();
});

/** A network on a random /24 of 10.150-199.x.0 (retried when another test's bridge has it). */
async function network(suffix: string, extra: { internal?: boolean } = {}): Promise<NetworkRecord> {
  for (let i = 0; ; i++) {
    try {
      const n = await fx.manager.deps.network.create({
        name: `nt-${tag}-${suffix}`,
        subnet: `10.${150 + randomInt(50)}.${randomInt(256)}.0/24`,
        ...extra,
      });
      nets.push(n);
      return n;
    } catch (err) {
      if (i > 5 || !/overlaps/.test(String(err))) throw err;
    }
  }
}

async function run(name: string, options: Record<string, unknown>): Promise<ContainerRecord> {
  const c = await fx.manager.create({
    image: { config: { cmd: ['sleep', '3600'] } },
    options: { name: `${name}-${tag}`, ...options },
  });
  return fx.manager.start(c.id);
}

const exec = (c: ContainerRecord, cmd: string[]) => fx.manager.exec(c.id, { cmd });

/**
 * Until `name` (in the networks' own domain: never forwarded upstream) resolves from `c`; a
 * timeout reports what nslookup said and what each network's dnsmasq serves.
 */
async function resolves(c: ContainerRecord, name: string): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => {
      const r = await exec(c, ['nslookup', '-type=a', name]);
      last = `${r.stdout}${r.stderr}`;
      return r.exitCode === 0;
    }, name);
  } catch (err) {
    const served = nets.map((n) => {
      const dir = dnsnameDir(fx.manager.deps.network.dnsRuntimeDir, n.name);
      const read = (f: string) => readFileSync(join(dir, f), 'utf8').trim();
      try {
        const pid = Number(read('pidfile'));
        return `${n.name}: dnsmasq ${alive(pid) ? 'running' : 'gone'}; hosts:\n${read('addnhosts')}`;
      } catch {
        return `${n.name}: no dnsname state`;
      }
    });
    const host = (cmd: string, args: string[]) => {
      try {
        return sh(cmd, args).trim();
      } catch (e) {
        return `${cmd} failed: ${String(e)}`;
      }
    };
    const diag = [
      host('iptables', ['-w', '-S', 'INPUT']),
      host('ss', ['-uanp']),
      ...nets.map((n) => host('ip', ['-4', 'addr', 'show', 'dev', n.bridge])),
      (await exec(c, ['ip', 'addr'])).stdout,
      (await exec(c, ['ip', 'route'])).stdout,
      (await exec(c, ['cat', '/etc/resolv.conf'])).stdout,
      host('ip', ['-o', 'link', 'show']),
    ];
    throw new Error(
      `${String(err)}\nlast answer: ${last}\n${served.join('\n')}\n${diag.join('\n---\n')}`,
    );
  }
}

function recordDnsmasq(net: NetworkRecord): void {
  const dir = dnsnameDir(fx.manager.deps.network.dnsRuntimeDir, net.name);
  const pid = Number(readFileSync(join(dir, 'pidfile'), 'utf8').trim());
  assert.ok(pid > 0, `dnsmasq pid for ${net.name}`);
  dnsmasqPids.set(net.name, pid);
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat); // a zombie has exited
  } catch {
    return false;
  }
};

test('named networks: DNS by name and alias within a network, not across; internal; static IP; connect/disconnect; no leaks', async () => {
  const m = fx.manager;
  const nm = m.deps.network;
  const a = await network('a');
  const b = await network('b');
  const internal = await network('int', { internal: true });
  assert.ok(existsSync(`/sys/class/net/${a.bridge}`), 'the bridge exists from network create');
  // a MAC of its own (NET_ADDR_SET = 3), not the lowest of its ports' that moves as they come
  const sysNet = (dev: string, f: string) => readFileSync(`/sys/class/net/${dev}/${f}`, 'utf8');
  assert.equal(sysNet(a.bridge, 'addr_assign_type').trim(), '3', 'the bridge MAC is set');
  const bridgeMac = sysNet(a.bridge, 'address');

  const a1 = await run('a1', { network: a.name, networks: [{ network: a.name, aliases: ['db'] }] });
  const a2 = await run('a2', { network: a.name });
  const b1 = await run('b1', { network: b.name });
  const staticIp = internal.subnet.replace(/0\/24$/, '77');
  const i1 = await run('i1', {
    network: internal.name,
    networks: [{ network: internal.name, ipv4Address: staticIp }],
  });
  const ip = (c: ContainerRecord) => m.get(c.id).network.endpoints[0]?.ip ?? '';
  assert.equal(m.get(a1.id).network.endpoints[0]?.network, a.name);
  assert.deepEqual(m.get(a1.id).network.endpoints[0]?.aliases, ['db']);
  recordDnsmasq(a);
  recordDnsmasq(b);

  // resolv.conf points at the network's dnsmasq on its gateway
  const resolv = await exec(a2, ['cat', '/etc/resolv.conf']);
  assert.match(resolv.stdout, new RegExp(`^nameserver ${a.gateway.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(resolv.stdout, /^search dns\.berth/m);

  // by name, alias and short ID inside the network (A queries only: dnsmasq forwards a bare
  // name's AAAA query to the host's resolvers, and tests send nothing off this machine). dnsname
  // signals dnsmasq to reload and returns: wait until the name is served in the local domain
  // (never forwarded), so the bare names below are answered from the hosts file too.
  await resolves(a2, `a1-${tag}.dns.berth`);
  for (const name of [`a1-${tag}`, 'db', a1.id.slice(0, 12), `a1-${tag}.dns.berth`]) {
    const r = await exec(a2, ['nslookup', '-type=a', name]);
    assert.equal(r.exitCode, 0, `nslookup ${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, new RegExp(`Address:\\s+${ip(a1).replace(/\./g, '\\.')}$`, 'm'), name);
  }
  // getaddrinfo tries the search domain first: a1-….dns.berth, answered by dnsmasq itself
  assert.equal((await exec(a2, ['ping', '-4', '-c1', '-W5', `a1-${tag}`])).exitCode, 0, 'by name');
  assert.equal((await exec(a2, ['ping', '-4', '-c1', '-W5', 'db'])).exitCode, 0, 'by alias');

  // not across networks (a name in the local domain is never forwarded upstream)
  const across = await exec(b1, ['nslookup', '-type=a', `a1-${tag}.dns.berth`]);
  assert.notEqual(across.exitCode, 0, `b1 resolved a1: ${across.stdout}`);
  const ping = await exec(b1, ['ping', '-4', '-c1', '-W2', `a1-${tag}.dns.berth.`]);
  assert.match(ping.stderr, /bad address/, 'b1 cannot ping a1 by name');

  // internal: the asked address, no default route, reaches its gateway
  assert.equal(ip(i1), staticIp);
  const routes = await exec(i1, ['ip', 'route']);
  assert.doesNotMatch(routes.stdout, /^default/m, routes.stdout);
  assert.match((await exec(a1, ['ip', 'route'])).stdout, /^default via /m, 'a user network routes');
  await assert.rejects(
    m.create({
      image: { config: { cmd: ['true'] } },
      options: {
        network: internal.name,
        networks: [{ network: internal.name, ipv4Address: staticIp }],
      },
    }),
    (e) => isRuntimeError(e, 'ALREADY_EXISTS'),
    'the static address is taken',
  );

  // connect a running container: eth1 on a, resolvable there; disconnect removes it
  await m.connect(b1.id, { network: a.name, aliases: ['bee'] });
  const eps = m.get(b1.id).network.endpoints;
  assert.deepEqual(
    eps.map((e) => [e.network, e.ifname]),
    [
      [b.name, 'eth0'],
      [a.name, 'eth1'],
    ],
  );
  assert.equal(eps[1]?.defaultRoute, false, 'the second network does not take the default route');
  const onA = eps[1]?.ip ?? '';
  assert.equal(sysNet(a.bridge, 'address'), bridgeMac, 'the gateway kept its MAC');
  assert.equal((await exec(b1, ['ping', '-4', '-c1', '-W5', ip(a1)])).exitCode, 0, 'b1 reaches a1');
  await resolves(a2, 'bee.dns.berth');
  const bee = await exec(a2, ['nslookup', '-type=a', 'bee']);
  assert.match(bee.stdout, new RegExp(`Address:\\s+${onA.replace(/\./g, '\\.')}$`, 'm'));
  await assert.rejects(m.connect(b1.id, { network: a.name }), (e) =>
    isRuntimeError(e, 'ALREADY_EXISTS'),
  );

  // removal refused while in use, naming the containers
  await assert.rejects(nm.remove(a.name), (e) => {
    assert.ok(isRuntimeError(e, 'FAILED_PRECONDITION'));
    assert.match(e.message, new RegExp(`a1-${tag}, a2-${tag}, b1-${tag}`));
    return true;
  });
  await assert.rejects(nm.remove(fx.manager.deps.network.config.name), /cannot be removed/);

  await m.disconnect(b1.id, a.name);
  assert.deepEqual(
    m.get(b1.id).network.endpoints.map((e) => e.ifname),
    ['eth0'],
  );
  assert.doesNotMatch((await exec(b1, ['ip', 'link'])).stdout, /eth1/);
  await waitFor(
    async () => (await exec(a2, ['nslookup', '-type=a', 'bee.dns.berth'])).exitCode !== 0,
    'bee no longer resolves',
  );

  // events: create ×3, connect per container network, disconnect for b1 from a
  assert.deepEqual(
    events.filter((e) => e.type === 'create').map((e) => e.network),
    [a.name, b.name, internal.name],
  );
  assert.ok(
    events.some((e) => e.type === 'disconnect' && e.containerId === b1.id && e.network === a.name),
  );

  // down: containers then networks; nothing left on the host
  const all = [a1, a2, b1, i1];
  for (const c of all) await m.remove(c.id, { force: true });
  assert.ok(
    events.some((e) => e.type === 'disconnect' && e.containerId === a1.id),
    'remove disconnects',
  );
  const pruned = await nm.prune();
  assert.deepEqual(pruned.map((n) => n.name).sort(), [a.name, b.name, internal.name].sort());
  assert.ok(events.filter((e) => e.type === 'destroy').length >= 3);

  const links = sh('ip', ['-o', 'link', 'show']);
  for (const n of [a, b, internal]) {
    assert.doesNotMatch(links, new RegExp(`: ${n.bridge}[:@]`), `bridge ${n.bridge} is gone`);
    assert.equal(existsSync(dnsnameDir(nm.dnsRuntimeDir, n.name)), false, 'dnsname state dir');
    assert.equal(existsSync(join(fx.roots.dataRoot, 'network', 'ipam', n.name)), false, 'leases');
  }
  const rules = sh('iptables-save', []);
  for (const n of [a, b, internal])
    assert.equal(rules.includes(n.bridge), false, `${n.bridge} rule`);
  for (const c of all)
    for (const n of [a, b, internal])
      for (const chain of cniChainNames(n.name, c.id))
        assert.equal(rules.includes(chain), false, `chain ${chain}`);
  const netns = sh('ip', ['netns', 'list']);
  for (const c of all) assert.equal(netns.includes(netnsName(c.id)), false, 'netns');
  for (const [name, pid] of dnsmasqPids) assert.equal(alive(pid), false, `dnsmasq of ${name}`);
  assert.deepEqual(
    (await nm.list()).map((n) => n.name),
    [nm.config.name],
  );
});

const leases = (n: NetworkRecord) => {
  const dir = join(fx.roots.dataRoot, 'network', 'ipam', n.name);
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)) : [];
};
const vethsOn = (n: NetworkRecord) => sh('ip', ['-o', 'link', 'show', 'master', n.bridge]).trim();

test('a failed ADD on the second network undoes the first; a failed connect leaves the container as it was; records survive a reopen', async () => {
  const m = fx.manager;
  const nm = m.deps.network;
  const good = await network('good');
  const broken = await network('broken');
  // a bridge as one made before bridges had a MAC of their own: the next agent start pins it
  const old = await network('old');
  sh('ip', ['link', 'del', old.bridge]);
  sh('ip', ['link', 'add', 'name', old.bridge, 'type', 'bridge']);
  const macOf = (dev: string, f = 'address') =>
    readFileSync(`/sys/class/net/${dev}/${f}`, 'utf8').trim();
  const oldMac = macOf(old.bridge);
  assert.equal(macOf(old.bridge, 'addr_assign_type'), '1', 'a kernel-chosen MAC');
  // the bridge plugin refuses an interface of that name that is not a bridge
  sh('ip', ['link', 'del', broken.bridge]);
  sh('ip', ['link', 'add', broken.bridge, 'type', 'veth', 'peer', 'name', `ntp${tag}`]);
  try {
    await assert.rejects(
      m.create({
        image: { config: { cmd: ['sleep', '3600'] } },
        options: {
          name: `two-${tag}`,
          network: good.name,
          networks: [{ network: broken.name }],
        },
      }),
      /not a bridge|already exists/,
    );
    assert.equal(
      m.list().some((r) => r.name === `two-${tag}`),
      false,
      'no record',
    );
    assert.equal(vethsOn(good), '', 'no veth left on the first network');
    assert.deepEqual(leases(good), [], 'no lease left on the first network');
    assert.equal(
      existsSync(dnsnameDir(nm.dnsRuntimeDir, good.name)),
      false,
      'the DNS entry went (and dnsmasq with it: it was the only one)',
    );
    assert.deepEqual(nm.usersOf(good.id), []);

    const c = await run('one', { network: good.name });
    await assert.rejects(m.connect(c.id, { network: broken.name }), /not a bridge|already exists/);
    assert.deepEqual(
      m.get(c.id).network.endpoints.map((e) => e.network),
      [good.name],
    );
    assert.doesNotMatch((await exec(c, ['ip', 'link'])).stdout, /eth1/);
    assert.deepEqual(leases(broken), []);
    assert.deepEqual(nm.usersOf(broken.id), []);
    assert.equal(leases(good).length, 1);

    // another agent process on the same roots sees the same networks and who is on them
    m.close();
    fx.manager = (
      await fx.reopen({ bridge: { name: nm.config.name, bridge: fx.bridge, subnet: fx.subnet } })
    ).manager;
    const again = fx.manager.deps.network;
    assert.equal(macOf(old.bridge, 'addr_assign_type'), '3', 'pinned at start');
    assert.equal(macOf(old.bridge), oldMac, 'the address it had');
    await again.remove(old.name);
    const names = (await again.list()).map((n) => n.name);
    assert.equal(names[0], nm.config.name);
    assert.ok(names.includes(good.name) && names.includes(broken.name), names.join());
    assert.deepEqual(again.usersOf(good.id), [c.id]);
    await assert.rejects(again.remove(good.name), /active endpoints/);
    await fx.manager.remove(c.id, { force: true });
    assert.deepEqual(leases(good), []);
    await again.remove(good.name);
  } finally {
    execFileSync('ip', ['link', 'del', broken.bridge], { stdio: 'ignore' });
  }
  await fx.manager.deps.network.remove(broken.name);
  const left = (await fx.manager.deps.network.list()).map((n) => n.name);
  assert.equal(left.includes(good.name) || left.includes(broken.name), false);
});
