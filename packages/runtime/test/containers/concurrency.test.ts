import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from './manager-fixture.js';
import { isEngineBookkeeping, openLeakFixture, type LeakFixture } from './leak-fixture.js';
import { newEntries, snapshotHost, type LeakScope } from './host-snapshot.js';
import { isRuntimeError } from '../../src/errors.js';

/**
 * Lifecycle commands racing on one container, on real runc and conmon: every command either
 * applies to the state the previous one left or is refused (FAILED_PRECONDITION; NOT_FOUND
 * once a remove went first); the record agrees with runc afterwards; a forced remove always
 * wins and leaves nothing on the host (mounts, cgroups, conmon, runc state, exit files).
 */

let fx: Fixture;
let scope: LeakScope;
const ids = new Set<string>();
let leaks: LeakFixture;

before(async () => {
  leaks = await openLeakFixture(ids);
  ({ fx, scope } = leaks);
});

after(() => leaks.cleanup());

const allowed = (probe: string, entry: string) => isEngineBookkeeping(scope, probe, entry);

/** PID 1 ignores SIGTERM (the kernel drops it for an init without a handler): stops must kill. */
async function createStubborn() {
  return fx.manager.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { network: 'none', stopTimeout: 1 },
  });
}

/** The reasons a racing command may be refused; anything else is a bug. */
function refusedReason(r: PromiseSettledResult<unknown>, removed: boolean): string | null {
  if (r.status === 'fulfilled') return null;
  const e = r.reason as unknown;
  if (isRuntimeError(e, 'FAILED_PRECONDITION')) return 'FAILED_PRECONDITION';
  if (removed && isRuntimeError(e, 'NOT_FOUND')) return 'NOT_FOUND';
  return `unexpected: ${e instanceof Error ? `${e.name} ${(e as { code?: string }).code} ${e.message}` : String(e)}`;
}

/** The record and runc agree: a live record has a live runc container with its pid, else none. */
async function assertConsistent(id: string): Promise<void> {
  const rec = fx.manager.get(id);
  const st = await fx.manager.deps.runtime.state(id);
  if (rec.state === 'running' || rec.state === 'paused') {
    assert.equal(st?.status, rec.state, `runc agrees with a ${rec.state} record`);
    assert.equal(st?.pid, rec.pid);
  } else {
    assert.equal(st, null, `no runc container for a ${rec.state} record`);
    assert.equal(rec.pid, null);
  }
}

test('concurrent restarts all succeed, one after the other, and leave it running', async () => {
  const c = await createStubborn();
  await fx.manager.start(c.id);
  const results = await Promise.allSettled([
    fx.manager.restart(c.id, { timeout: 0 }),
    fx.manager.restart(c.id, { timeout: 0 }),
    fx.manager.restart(c.id, { timeout: 0 }),
  ]);
  assert.deepEqual(
    results.map((r) => refusedReason(r, false)),
    [null, null, null],
  );
  assert.equal(fx.manager.get(c.id).state, 'running');
  await assertConsistent(c.id);
  await fx.manager.remove(c.id, { force: true });
});

test('start, stop, kill, restart, pause and unpause racing: applied or refused, never half-done', async () => {
  const c = await createStubborn();
  for (let round = 0; round < 6; round++) {
    const m = fx.manager;
    const results = await Promise.allSettled([
      m.start(c.id),
      m.stop(c.id, { timeout: round % 2 }),
      m.kill(c.id),
      m.restart(c.id, { timeout: 0 }),
      m.pause(c.id),
      m.start(c.id),
      m.unpause(c.id),
      m.kill(c.id, 'SIGTERM'),
    ]);
    const unexpected = results
      .map((r) => refusedReason(r, false))
      .filter((r) => r?.startsWith('unexpected'));
    assert.deepEqual(unexpected, [], `round ${round}`);
    await assertConsistent(c.id);
  }
  await fx.manager.remove(c.id, { force: true });
});

test('a forced remove racing with the other commands always wins and leaves nothing', async () => {
  const empty = snapshotHost(scope);
  for (let round = 0; round < 4; round++) {
    const c = await createStubborn();
    await fx.manager.start(c.id);
    const m = fx.manager;
    // the remove is issued in the middle: what runs before it applies, what comes after finds no container
    const results = await Promise.allSettled([
      m.restart(c.id, { timeout: 0 }),
      m.stop(c.id, { timeout: 0 }),
      m.start(c.id),
      m.remove(c.id, { force: true }),
      m.start(c.id),
      m.kill(c.id),
      m.restart(c.id, { timeout: 0 }),
    ]);
    assert.equal(results[3]!.status, 'fulfilled', `round ${round}: the forced remove succeeded`);
    const unexpected = results
      .map((r) => refusedReason(r, true))
      .filter((r) => r?.startsWith('unexpected'));
    assert.deepEqual(unexpected, [], `round ${round}`);
    assert.equal(
      m.list().some((r) => r.id === c.id),
      false,
    );
    assert.equal(await m.deps.runtime.state(c.id), null);
  }
  const left = newEntries(empty, snapshotHost(scope), allowed);
  assert.deepEqual(left, {}, `left on the host:\n${JSON.stringify(left, null, 2)}`);
});
