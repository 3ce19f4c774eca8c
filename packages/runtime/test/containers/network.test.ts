import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { freePort } from '@berth/testkit';
import { openFixture, type Fixture } from './manager-fixture.js';
import { poolIds, waitFor } from './helpers.js';
import { READY_NETNS_SCRIPT, deleteNetnsAll, netnsName } from '../../src/network/netns.js';
import { NetworkManager } from '../../src/network/network-manager.js';
import { isRuntimeError } from '../../src/errors.js';

let fx: Fixture;
before(async () => {
  // as the agent runs it: two namespaces made ahead (so the tests here take pooled ones)
  fx = await openFixture({ netnsPool: 2 });
});
after(() => fx.cleanup());

function fetchText(port: number): Promise<string | null> {
  return fetchFrom('127.0.0.1', port);
}

function fetchFrom(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    get({ host, port, path: '/index.html', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve(body));
    }).on('error', () => resolve(null));
  });
}

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const hasNetns = (id: string) => existsSync(`/var/run/netns/${netnsName(id)}`);
/** Waits until the pool lists `n` IDs, each with its namespace made. */
const poolReady = (dataRoot: string, n: number) =>
  waitFor(() => {
    const ids = poolIds(dataRoot);
    return ids.length === n && ids.every(hasNetns) ? ids : null;
  }, 'namespace pool filled');

test('published port reaches busybox httpd on 127.0.0.1; remove leaves no netns, veth, rule or lease', async () => {
  const m = fx.manager;
  const port = await freePort();
  const c = await m.create({
    image: { config: { cmd: ['httpd', '-f', '-p', '80', '-h', '/www'] } },
    options: { ports: [`127.0.0.1:${port}:80`], hostname: 'webhost' },
  });
  assert.ok(c.network.ip, 'an IP from host-local');
  assert.equal(c.network.ports[0]?.hostPort, port);
  assert.ok(existsSync(`/var/run/netns/${netnsName(c.id)}`));
  await assert.rejects(
    m.create({
      image: { config: { cmd: ['true'] } },
      options: { ports: [`127.0.0.1:${port}:81`] },
    }),
    (e) => isRuntimeError(e, 'ALREADY_EXISTS'),
  );
  assert.equal(m.list().length, 1);

  await m.start(c.id);
  const body = await waitFor(() => fetchText(port), 'httpd through portmap');
  assert.equal(body, 'hello from berth\n');
  const etc = await m.exec(c.id, {
    cmd: ['sh', '-c', 'cat /etc/hostname; cat /etc/hosts; hostname'],
  });
  assert.match(etc.stdout, /^webhost$/m);
  assert.match(etc.stdout, new RegExp(`^${c.network.ip?.replace(/\./g, '\\.')}\\twebhost$`, 'm'));
  const stats = await m.stats(c.id);
  assert.ok((stats.network?.rxBytes ?? 0) > 0, 'netns counters');

  await m.remove(c.id, { force: true });
  assert.doesNotMatch(sh('ip', ['netns', 'list']), new RegExp(netnsName(c.id)));
  assert.equal(sh('ip', ['-o', 'link', 'show', 'master', fx.bridge]).trim(), '');
  assert.equal(sh('iptables-save', []).includes(c.id), false);
  const ipam = join(fx.roots.dataRoot, 'network', 'ipam');
  const leases = readdirSync(ipam, { recursive: true })
    .map(String)
    .filter((f) => /\d+\.\d+\.\d+\.\d+$/.test(f))
    .filter((f) => readFileSync(join(ipam, f), 'utf8').includes(c.id));
  assert.deepEqual(leases, []);
  assert.equal(await fetchText(port), null);
});

test('namespace pool: a create takes a ready namespace (loopback up); agent stop deletes what is ready, never a container’s', async () => {
  const ready = await poolReady(fx.roots.dataRoot, 2);
  const c = await fx.manager.create({
    image: { config: { cmd: ['sleep', '60'] } },
    options: { network: 'none' },
  });
  assert.ok(ready.includes(c.id), 'the container has the ID its namespace was made for');
  assert.equal(c.network.netnsPath, `/var/run/netns/${netnsName(c.id)}`);
  assert.match(sh('ip', ['-n', netnsName(c.id), '-o', 'link', 'show', 'lo']), /[<,]UP[,>]/);
  await fx.manager.start(c.id);
  const lo = await fx.manager.exec(c.id, { cmd: ['ping', '-c', '1', '-W', '2', '127.0.0.1'] });
  assert.equal(lo.exitCode, 0, 'loopback works in the container');
  // refilled (300 ms after the take): the other ready one and a new one
  const ready2 = await waitFor(() => {
    const ids = poolIds(fx.roots.dataRoot);
    return ids.length === 2 && !ids.includes(c.id) && ids.every(hasNetns) ? ids : null;
  }, 'pool refilled');

  // agent stop deletes what is ready, not the container's; the next agent adopts the container
  await fx.manager.close();
  for (const id of ready2) assert.equal(hasNetns(id), false, 'stop deletes what is ready');
  assert.equal(hasNetns(c.id), true, 'the container keeps its namespace');
  fx.manager = (await fx.reopen({ bridge: { ...bridgeOf(fx), netnsPool: 2 } })).manager;
  assert.equal(fx.manager.get(c.id).state, 'running');
  await fx.manager.remove(c.id, { force: true });
  assert.equal(hasNetns(c.id), false);
});

function bridgeOf(f: Fixture) {
  return {
    name: `berth-test-${f.roots.cgroupParent.slice(-8)}`,
    bridge: f.bridge,
    subnet: f.subnet,
  };
}

test('namespace pool: a refill whose agent died makes no namespace after it (its shell stops as an orphan)', async () => {
  const names = [1, 2].map((i) => `berth-orphan-${randomInt(1e9).toString(36)}-${i}`);
  // The outer shell (the "agent") starts the refill in the background and exits at once; the
  // refill waits until its parent is gone, then runs the agent's script as an orphan.
  const orphan = `while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; ${READY_NETNS_SCRIPT}`;
  const pid = Number(
    sh('/bin/sh', [
      '-c',
      'sh -c "$1" sh $$ "$2" "$3" </dev/null >/dev/null 2>&1 & echo $!',
      'agent',
      orphan,
      ...names,
    ]).trim(),
  );
  try {
    await waitFor(() => {
      try {
        return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')) || null;
      } catch {
        return true; // exited and reaped
      }
    }, 'the orphaned refill ends');
    for (const n of names) assert.equal(existsSync(`/var/run/netns/${n}`), false, n);
  } finally {
    await deleteNetnsAll(names);
  }
});

/** The pool's IDs whose cache says they are attached ahead (ADD done), with their addresses. */
function prewired(dataRoot: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of poolIds(dataRoot)) {
    try {
      const c = JSON.parse(
        readFileSync(join(dataRoot, 'network', 'cache', `${id}.json`), 'utf8'),
      ) as {
        pooled?: boolean;
        attachments: Array<{ started: number; result: { ips: Array<{ address: string }> } | null }>;
      };
      const a = c.attachments[0];
      if (c.pooled && a?.started === 1 && a.result && hasNetns(id))
        out.set(id, a.result.ips[0]!.address.split('/')[0]!);
    } catch {
      /* not made yet, or not wired */
    }
  }
  return out;
}

/** What of `ids` is left on the host: namespaces, host-local leases, iptables rules, veths on `bridge`. */
function leftovers(dataRoot: string, ids: readonly string[], bridge: string): string[] {
  const ipam = join(dataRoot, 'network', 'ipam');
  const leases = existsSync(ipam)
    ? readdirSync(ipam, { recursive: true })
        .map(String)
        .filter((f) => /\d+\.\d+\.\d+\.\d+$/.test(f))
        .map((f) => readFileSync(join(ipam, f), 'utf8'))
    : [];
  const rules = sh('iptables-save', []);
  let ports = '';
  try {
    ports = sh('ip', ['-o', 'link', 'show', 'master', bridge]).trim();
  } catch {
    /* no bridge */
  }
  return [
    ...ids.filter(hasNetns).map((id) => `netns ${id}`),
    ...ids.filter((id) => leases.some((l) => l.includes(id))).map((id) => `lease ${id}`),
    ...ids.filter((id) => rules.includes(id)).map((id) => `iptables ${id}`),
    ...(ports ? [`veth on ${bridge}: ${ports}`] : []),
  ];
}

test('pre-wired pool: a default-network create adopts an attachment made ahead (working network, its /etc/hosts); a recreated bridge is not adopted; remove and stop leave no lease, rule or veth', async () => {
  await fx.manager.close();
  fx.manager = (
    await fx.reopen({ bridge: { ...bridgeOf(fx), netnsPool: 1, prewiredPool: 2 } })
  ).manager;
  const m = fx.manager;
  const first = await waitFor(() => {
    const w = prewired(fx.roots.dataRoot);
    return w.size === 2 ? [...w.keys()] : null;
  }, 'two attachments made ahead');
  // a create that fails after taking one (its spec: no such user) leaves nothing of it
  await assert.rejects(
    m.create({ image: { config: { cmd: ['true'], user: 'nosuchuser' } }, options: {} }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  const lost = first.filter((id) => !hasNetns(id));
  assert.equal(lost.length, 1, 'the failed create took one');
  assert.deepEqual(leftovers(fx.roots.dataRoot, lost, 'none'), []);
  const ready = await waitFor(() => {
    const w = prewired(fx.roots.dataRoot);
    return w.size === 2 && !w.has(lost[0]!) ? w : null;
  }, 'refilled after the failed create');
  // never handed to a create with ports or --network none
  const none = await m.create({
    image: { config: { cmd: ['true'] } },
    options: { network: 'none' },
  });
  assert.equal(ready.has(none.id), false);
  await m.remove(none.id, { force: true });

  const web = await m.create({
    image: { config: { cmd: ['httpd', '-f', '-p', '80', '-h', '/www'] } },
    options: { hostname: 'webhost' },
  });
  const client = await m.create({ image: { config: { cmd: ['sleep', '60'] } }, options: {} });
  for (const c of [web, client]) {
    assert.ok(ready.has(c.id), 'took an attachment made ahead');
    assert.equal(c.network.ip, ready.get(c.id), 'with the address leased ahead');
  }
  await m.start(web.id);
  await m.start(client.id);
  const gw = await m.exec(web.id, { cmd: ['ping', '-c', '1', '-W', '2', web.network.gateway!] });
  assert.equal(gw.exitCode, 0, 'the gateway answers');
  const hosts = await m.exec(web.id, { cmd: ['cat', '/etc/hosts'] });
  assert.match(
    hosts.stdout,
    new RegExp(`^${web.network.ip!.replace(/\./g, '\\.')}\\twebhost$`, 'm'),
  );
  const ping = await m.exec(client.id, { cmd: ['ping', '-c', '1', '-W', '2', web.network.ip!] });
  assert.equal(ping.exitCode, 0, 'one container reaches the other');
  // the host reaches the web container's listener at its address (host → bridge → veth)
  const got = await waitFor(() => fetchFrom(web.network.ip!, 80), 'httpd at the container address');
  assert.equal(got, 'hello from berth\n');
  await m.remove(web.id, { force: true });
  await m.remove(client.id, { force: true });
  assert.deepEqual(leftovers(fx.roots.dataRoot, [web.id, client.id], 'none'), []);

  // the bridge deleted and made again: what was attached ahead is off it, so not adopted
  const refilled = await waitFor(() => {
    const w = prewired(fx.roots.dataRoot);
    return w.size === 2 && ![...w.keys()].some((id) => id === web.id || id === client.id)
      ? w
      : null;
  }, 'refilled');
  sh('ip', ['link', 'del', fx.bridge]);
  const after = await m.create({ image: { config: { cmd: ['sleep', '60'] } }, options: {} });
  assert.ok(refilled.has(after.id), 'the same namespace, attached again');
  await m.start(after.id);
  const gw2 = await m.exec(after.id, {
    cmd: ['ping', '-c', '1', '-W', '2', after.network.gateway!],
  });
  assert.equal(gw2.exitCode, 0, 'a working network on the bridge made again');
  await m.remove(after.id, { force: true });

  // agent stop DELs what is still attached ahead
  const pool = [
    ...(
      await waitFor(() => {
        const w = prewired(fx.roots.dataRoot);
        return w.size === 2 && !w.has(after.id) ? w : null;
      }, 'refilled again')
    ).keys(),
  ];
  await m.close();
  assert.deepEqual(
    leftovers(fx.roots.dataRoot, [...pool, after.id, ...refilled.keys()], fx.bridge),
    [],
  );
  fx.manager = (await fx.reopen({ bridge: { ...bridgeOf(fx), netnsPool: 2 } })).manager;
});

test('pre-wired pool after a crash: the next start DELs every attachment made ahead (lease, rule, veth) and its namespace', async () => {
  const tag = randomInt(1e8).toString(36);
  const opts = {
    dataRoot: join(fx.roots.base, `crash-${tag}`),
    execRoot: join(fx.roots.base, `crash-exec-${tag}`),
    name: `berth-crash-${tag}`,
    bridge: `bc${tag}`.slice(0, 15),
    subnet: `10.${200 + randomInt(50)}.${randomInt(255)}.0/24`,
  };
  try {
    const crashed = new NetworkManager({ ...opts, prewiredPool: 2 });
    await crashed.init();
    const made = await waitFor(() => {
      const w = prewired(opts.dataRoot);
      return w.size === 2 ? [...w.keys()] : null;
    }, 'attached ahead');
    // the agent dies here (no close: `crashed` is idle, nothing of it runs again)
    const next = new NetworkManager(opts);
    await next.init();
    assert.deepEqual(leftovers(opts.dataRoot, made, opts.bridge), []);
    await next.close();
  } finally {
    try {
      sh('ip', ['link', 'del', opts.bridge]);
    } catch {
      /* never made */
    }
  }
});
