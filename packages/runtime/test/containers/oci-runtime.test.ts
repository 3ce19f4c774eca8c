import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildSpec, parseSpecOptions, parseProcLimits } from '../../src/oci-spec/index.js';
import { createRuntime } from '../../src/oci-runtime/index.js';
import { isRuntimeError } from '../../src/errors.js';
import { makeTestRoots, overlayRootfs, waitFor, type TestRoots } from './helpers.js';
import { FIXTURE_CONFINEMENT } from './spec-fixture.js';

let roots: TestRoots;
before(() => {
  roots = makeTestRoots();
});
after(() => roots.cleanup());

/** Writes a busybox `sleep 1000` bundle's config.json (with `options`) for `id`. */
function writeBundle(
  id: string,
  rootfs: { path: string },
  bundle: string,
  options: Parameters<typeof parseSpecOptions>[0] = {},
) {
  const spec = buildSpec({
    id,
    image: { cmd: ['sleep', '1000'] },
    options: parseSpecOptions(options),
    rootfsPath: rootfs.path,
    etcPasswd: readFileSync(join(rootfs.path, 'etc/passwd'), 'utf8'),
    etcGroup: readFileSync(join(rootfs.path, 'etc/group'), 'utf8'),
    hostRlimits: parseProcLimits(readFileSync('/proc/self/limits', 'utf8')),
    hostCpus: availableParallelism(),
    network: { mode: 'none' },
    mounts: [],
    cgroupParent: roots.cgroupParent,
    confinement: FIXTURE_CONFINEMENT,
  });
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
}

test('runc driver: create/start/state/ps/exec/pause/resume/update/kill/delete on a built spec', async () => {
  const runc = createRuntime('runc', roots.execRoot);
  const id = `oci-${Date.now().toString(36)}`;
  const rootfs = overlayRootfs(roots, id);
  const bundle = join(roots.base, 'bundles', id);
  mkdirSync(bundle, { recursive: true });
  try {
    writeBundle(id, rootfs, bundle, {
      memory: 64 << 20,
      pidsLimit: 50,
      user: 'app',
      env: ['GREETING=hi'],
    });
    await runc.create(id, { bundle, pidFile: join(bundle, 'pid') });
    assert.equal((await runc.state(id))?.status, 'created');
    await runc.start(id);
    assert.equal((await runc.state(id))?.status, 'running');
    assert.equal((await runc.ps(id)).length, 1);
    // started through the exec fifo: a second start is runc's own answer
    await assert.rejects(runc.start(id), (e) => isRuntimeError(e));
    assert.equal((await runc.state(id))?.status, 'running');

    const who = await runc.exec(id, { args: ['id'], user: '1000:1000', additionalGids: [2000] });
    assert.equal(who.exitCode, 0);
    assert.match(who.stdout, /uid=1000.*gid=1000/);
    const env = await runc.exec(id, {
      args: ['sh', '-c', 'echo $GREETING; cat /proc/1/status | grep CapBnd'],
    });
    assert.match(env.stdout, /^hi$/m);
    assert.equal((await runc.exec(id, { args: ['sh', '-c', 'exit 7'] })).exitCode, 7);
    assert.equal(
      readFileSync(
        `/sys/fs/cgroup/memory${roots.cgroupParent}/${id}/memory.limit_in_bytes`,
        'utf8',
      ).trim(),
      String(64 << 20),
    );

    await runc.pause(id);
    assert.equal((await runc.state(id))?.status, 'paused');
    await runc.resume(id);
    await runc.update(id, { pidsLimit: 77, memory: 128 << 20, memorySwap: 256 << 20 });
    assert.equal(
      readFileSync(`/sys/fs/cgroup/pids${roots.cgroupParent}/${id}/pids.max`, 'utf8').trim(),
      '77',
    );

    await assert.rejects(runc.delete(id), (e) => isRuntimeError(e, 'FAILED_PRECONDITION'));
    await runc.kill(id, 'KILL');
    await waitFor(async () => (await runc.state(id))?.status === 'stopped', 'stopped');
    await runc.delete(id);
    assert.equal(await runc.state(id), null);
    assert.equal(existsSync(`/sys/fs/cgroup/memory${roots.cgroupParent}/${id}`), false);
  } finally {
    await runc.delete(id, { force: true }).catch(() => undefined);
    rootfs.release();
  }
});

test('runc driver: a start after the created container’s init died fails and leaves it stopped', async () => {
  const runc = createRuntime('runc', roots.execRoot);
  const id = `oci-dead-${Date.now().toString(36)}`;
  const rootfs = overlayRootfs(roots, id);
  const bundle = join(roots.base, 'bundles', id);
  mkdirSync(bundle, { recursive: true });
  try {
    writeBundle(id, rootfs, bundle);
    await runc.create(id, { bundle, pidFile: join(bundle, 'pid') });
    const pid = Number(readFileSync(join(bundle, 'pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await assert.rejects(runc.start(id), (e) => isRuntimeError(e));
    await waitFor(async () => (await runc.state(id))?.status === 'stopped', 'stopped');
  } finally {
    await runc.delete(id, { force: true }).catch(() => undefined);
    rootfs.release();
  }
});
