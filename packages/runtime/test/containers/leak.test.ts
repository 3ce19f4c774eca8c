import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { freePort } from '@berth/testkit';
import type { Fixture } from './manager-fixture.js';
import { isEngineBookkeeping, openLeakFixture, type LeakFixture } from './leak-fixture.js';
import { waitFor } from './helpers.js';
import { newEntries, snapshotHost, type HostSnapshot, type LeakScope } from './host-snapshot.js';
import type { CreateOptionsInput } from '../../src/container/create-options.js';

/**
 * 100 create/start/stop/remove cycles on the bridge with a published port and a memory limit,
 * with variations (no network, a failed start, a failed create, kill, forced remove of a running
 * container); afterwards the host must hold nothing new: veths, netns, iptables rules and chains,
 * IPAM leases, cgroups, mounts, conmon/runc processes, exit and runc state files.
 */
const CYCLES = 100;

let fx: Fixture;
let scope: LeakScope;
const ids = new Set<string>();

let leaks: LeakFixture;

before(async () => {
  leaks = await openLeakFixture(ids);
  ({ fx, scope } = leaks);
});

// nothing may be left by the cycles, but a failing run must not leave it on the host either
after(() => leaks.cleanup());

function fetchText(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/index.html', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve(body));
    }).on('error', () => resolve(null));
  });
}

type Kind = 'stop' | 'kill' | 'none' | 'failed-start' | 'failed-create' | 'force-remove';
/** Most cycles are the plain bridge+port one; one in ten of each variation. */
const KINDS: Kind[] = ['stop', 'kill', 'stop', 'none', 'stop', 'failed-start', 'stop'];
const kindOf = (i: number): Kind =>
  i % 10 === 7 ? 'force-remove' : i % 10 === 9 ? 'failed-create' : (KINDS[i % 10] ?? 'stop');

const httpd = ['httpd', '-f', '-p', '80', '-h', '/www'];

async function cycle(kind: Kind, check?: (id: string) => Promise<void>): Promise<void> {
  const m = fx.manager;
  const options: CreateOptionsInput = { memory: 32 << 20 };
  if (kind === 'none') options.network = 'none';
  else options.ports = [`127.0.0.1:${await freePort()}:80`];
  if (kind === 'failed-create') {
    // fails in the spec builder, after rootfs and network are set up: create must undo them
    await assert.rejects(
      m.create({ image: { config: { cmd: httpd } }, options: { ...options, user: 'nosuch' } }),
      /unable to find user nosuch/,
    );
    assert.equal(m.list().length, 0);
    return;
  }
  const cmd = kind === 'failed-start' ? ['/no/such/binary'] : httpd;
  const c = await m.create({ image: { config: { cmd } }, options });
  if (kind === 'failed-start') {
    await assert.rejects(m.start(c.id));
    assert.equal(m.get(c.id).state, 'created');
    await m.remove(c.id);
    return;
  }
  await m.start(c.id);
  await check?.(c.id);
  if (kind === 'force-remove') {
    await m.remove(c.id, { force: true });
    return;
  }
  if (kind === 'kill') {
    await m.kill(c.id, 'SIGKILL');
    await m.wait(c.id);
  } else await m.stop(c.id, { timeout: 0 });
  assert.equal(m.get(c.id).state, 'exited');
  await m.remove(c.id);
}

/** Directories the engine keeps (exits/, runc/, containers/ …) and host-local's own files. */
const allowed = (probe: string, entry: string) => isEngineBookkeeping(scope, probe, entry);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] ?? NaN);
};

test(`${CYCLES} create/start/stop/remove cycles leave nothing behind`, async () => {
  const start = snapshotHost(scope);
  let during: HostSnapshot | undefined;
  const times = new Map<Kind, number[]>();
  for (let i = 0; i < CYCLES; i++) {
    const kind = kindOf(i);
    const t0 = performance.now();
    await cycle(
      kind,
      i === 0
        ? async (id) => {
            // the first container is reachable, and the probes can see what it holds
            const port = fx.manager.get(id).network.ports[0]?.hostPort ?? 0;
            assert.equal(await waitFor(() => fetchText(port), 'httpd'), 'hello from berth\n');
            during = newEntries(start, snapshotHost(scope), allowed);
          }
        : undefined,
    );
    times.set(kind, [...(times.get(kind) ?? []), performance.now() - t0]);
  }
  const left = newEntries(start, snapshotHost(scope), allowed);

  // the probes are not blind: with one container up, each one saw it
  for (const probe of Object.keys(start).filter((p) => p !== 'files under the test roots'))
    assert.ok((during?.[probe]?.length ?? 0) > 0, `probe "${probe}" saw the running container`);
  assert.ok(
    during?.['iptables lines (all tables)']?.some((l) => l.includes(':CNI-DN-')),
    'the portmap chain is visible',
  );

  const all = [...times.values()].flat();
  const byKind = [...times].map(([k, v]) => `${k} ${median(v).toFixed(0)} ms (${v.length})`);
  console.log(`per-cycle median ${median(all).toFixed(0)} ms; ${byKind.join(', ')}`);
  assert.ok(ids.size >= CYCLES, `${ids.size} containers created`);
  assert.deepEqual(left, {}, `left after ${CYCLES} cycles:\n${JSON.stringify(left, null, 2)}`);
});
