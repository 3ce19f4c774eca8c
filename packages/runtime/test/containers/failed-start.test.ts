import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '@berth/testkit';
import type { Fixture } from './manager-fixture.js';
import { isEngineBookkeeping, openLeakFixture, type LeakFixture } from './leak-fixture.js';
import { waitFor } from './helpers.js';
import { newEntries, snapshotHost, type HostSnapshot, type LeakScope } from './host-snapshot.js';
import type { OciRuntime } from '../../src/oci-runtime/types.js';
import { isRuntimeError, type RuntimeError } from '../../src/errors.js';

/**
 * `runc start` failing after conmon's `runc create` succeeded. With runc 1.1.5 neither a missing
 * command nor an unknown user gets that far (runc init checks both before `create` returns) and
 * an exec that fails (bad binary format) fails after `start` has returned, so the test makes the
 * created init die before `runc start`, as an OOM kill or a stray signal would: the real runc then
 * refuses with "cannot start a container that has stopped", and conmon has seen its child exit.
 * The failed start must leave nothing (exit file, socks link, runc state, cgroup, processes), the
 * record stays `created`, a second start fails the same way, and remove leaves nothing at all.
 */

let fx: Fixture;
let scope: LeakScope;
const ids = new Set<string>();
/** Containers whose init is killed between `runc create` and `runc start`. */
const sabotaged = new Set<string>();

let leaks: LeakFixture;

before(async () => {
  leaks = await openLeakFixture(ids, (real) => {
    const runtime = Object.create(real) as OciRuntime;
    runtime.start = async (id) => {
      if (sabotaged.has(id)) {
        await real.kill(id, 'SIGKILL');
        await waitFor(async () => (await real.state(id))?.status === 'stopped', 'init to die');
      }
      return real.start(id);
    };
    return runtime;
  });
  ({ fx, scope } = leaks);
});

after(() => leaks.cleanup());

const allowed = (probe: string, entry: string) => isEngineBookkeeping(scope, probe, entry);

/**
 * Between runs, the container's own record dir and rootfs may hold the last run's files (pid
 * files, log, mount targets runc made): remove deletes them, the last snapshot checks that.
 */
const ownFiles = (id: string) => (probe: string, entry: string) =>
  allowed(probe, entry) ||
  (probe === 'files under the test roots' &&
    (entry.includes(`/containers/${id}/`) || entry.includes(`/overlays/${id}/`)));

const show = (s: HostSnapshot) => JSON.stringify(s, null, 2);

async function createWebServer() {
  return fx.manager.create({
    image: { config: { cmd: ['httpd', '-f', '-p', '80', '-h', '/www'] } },
    options: { memory: 32 << 20, ports: [`127.0.0.1:${await freePort()}:80`] },
  });
}

/** runc logs each line with its own `time="…"`: two failures a second apart differ only there. */
const withoutLogTime = (message: string) => message.replace(/\btime="[^"]*"\s*/g, '');

/** The failure as code + message without runc's timestamp, comparable across attempts. */
async function failedStart(id: string): Promise<{ code: string; message: string }> {
  let failure = { code: '', message: '' };
  await assert.rejects(fx.manager.start(id), (err: Error) => {
    failure = { code: (err as RuntimeError).code, message: withoutLogTime(err.message) };
    return (
      isRuntimeError(err, 'FAILED_PRECONDITION') &&
      /cannot start a container that has stopped/.test(err.message)
    );
  });
  assert.equal(fx.manager.get(id).state, 'created');
  assert.equal(fx.manager.get(id).pid, null);
  assert.equal(await fx.manager.deps.runtime.state(id), null, 'no runc state');
  return failure;
}

test('a start that fails after runc create leaves nothing, twice, and remove cleans up', async () => {
  const empty = snapshotHost(scope);
  const c = await createWebServer();
  sabotaged.add(c.id);
  const created = snapshotHost(scope);

  const first = await failedStart(c.id);
  const afterFirst = newEntries(created, snapshotHost(scope), ownFiles(c.id));
  assert.deepEqual(afterFirst, {}, `left by the failed start:\n${show(afterFirst)}`);

  const second = await failedStart(c.id);
  assert.deepEqual(second, first, 'the second attempt fails the same way');
  const afterSecond = newEntries(created, snapshotHost(scope), ownFiles(c.id));
  assert.deepEqual(afterSecond, {}, `left by the second failed start:\n${show(afterSecond)}`);

  await fx.manager.remove(c.id);
  const left = newEntries(empty, snapshotHost(scope), allowed);
  assert.deepEqual(left, {}, `left after remove:\n${show(left)}`);
});

test('a container whose start failed starts cleanly later', async () => {
  const empty = snapshotHost(scope);
  const c = await createWebServer();
  sabotaged.add(c.id);
  await failedStart(c.id);
  sabotaged.delete(c.id);

  const running = await fx.manager.start(c.id);
  assert.equal(running.state, 'running');
  const live = newEntries(empty, snapshotHost(scope), allowed);
  assert.ok(
    live['files under the test roots']?.some((f) => f.endsWith(`/socks/${c.id}`)),
    'the probes see conmon’s socks link while it runs',
  );
  assert.ok((live['processes (conmon/runc/container)']?.length ?? 0) > 0, 'conmon is seen');

  const stopped = await fx.manager.stop(c.id, { timeout: 0 });
  assert.equal(stopped.state, 'exited');
  await fx.manager.remove(c.id);
  const left = newEntries(empty, snapshotHost(scope), allowed);
  assert.deepEqual(left, {}, `left after remove:\n${show(left)}`);
});
