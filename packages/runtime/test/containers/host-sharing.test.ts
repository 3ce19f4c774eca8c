import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { openFixture, type Fixture } from './manager-fixture.js';
import { isRuntimeError } from '../../src/errors.js';

// pid/ipc/uts/cgroupns host, devices and sysctls on real runc: each differs from the default
// container, so the options are seen to take effect.

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

/** Runs `script` in a fresh container with `options`; its stdout, trimmed. */
async function inContainer(options: Record<string, unknown>, script: string): Promise<string> {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { network: 'none', ...options },
  });
  try {
    await m.start(c.id);
    const r = await m.exec(c.id, { cmd: ['sh', '-c', script] });
    assert.equal(r.exitCode, 0, r.stderr);
    return r.stdout.trim();
  } finally {
    await m.remove(c.id, { force: true });
  }
}

const nsOf = (ls: string) => /(\w+:\[\d+\])/.exec(ls)?.[1] ?? ls;
const hostNs = (ns: string) => readlinkSync(`/proc/self/ns/${ns}`);

test('pid, ipc and uts: the container’s own by default, the host’s when asked', async () => {
  const script = 'for n in pid ipc uts; do ls -l /proc/self/ns/$n; done; hostname';
  const own = (await inContainer({}, script)).split('\n');
  const shared = (await inContainer({ pid: 'host', ipc: 'host', uts: 'host' }, script)).split('\n');
  for (const [i, ns] of ['pid', 'ipc', 'uts'].entries()) {
    assert.notEqual(nsOf(own[i]!), hostNs(ns), `own ${ns}`);
    assert.equal(nsOf(shared[i]!), hostNs(ns), `host ${ns}`);
  }
  assert.equal(shared[3], hostname());
  assert.notEqual(own[3], hostname());
});

test('cgroupns: the container’s own by default, the host’s when asked', async () => {
  const own = await inContainer({}, 'ls -l /proc/self/ns/cgroup');
  assert.notEqual(nsOf(own), hostNs('cgroup'));
  const shared = await inContainer({ cgroupns: 'host' }, 'ls -l /proc/self/ns/cgroup');
  assert.equal(nsOf(shared), hostNs('cgroup'));
});

test('a device is created in the container and usable; without it there is none', async () => {
  const listed = await inContainer(
    { devices: ['/dev/fuse:/dev/myfuse:rw'] },
    'ls -l /dev/myfuse; exec 3<>/dev/myfuse && echo opened',
  );
  assert.match(listed, /^crw.* 10,\s+229 .*\/dev\/myfuse\nopened$/);
  assert.equal(await inContainer({}, 'test -e /dev/fuse && echo yes || echo no'), 'no');
  await assert.rejects(
    fx.manager.create({ image: { config: {} }, options: { devices: ['/etc/hostname'] } }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('a namespaced sysctl is set inside the container only', async () => {
  const value = await inContainer(
    { sysctls: { 'kernel.shm_rmid_forced': '1' } },
    'cat /proc/sys/kernel/shm_rmid_forced',
  );
  assert.equal(value, '1');
  assert.equal(await inContainer({}, 'cat /proc/sys/kernel/shm_rmid_forced'), '0');
});
