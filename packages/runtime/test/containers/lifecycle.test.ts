import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isRuntimeError } from '../../src/errors.js';
import type { LogEntry } from '../../src/monitor/log-line.js';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

const cgroupDir = (ctrl: string, path: string) => join('/sys/fs/cgroup', ctrl, path);

test('create/start/pause/unpause/stop/start/remove', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { name: 'life', network: 'none' },
  });
  assert.equal(c.state, 'created');
  assert.equal(m.get('life').id, c.id);
  assert.equal(m.get(c.id.slice(0, 10)).name, 'life');
  await assert.rejects(
    m.create({ image: { config: { cmd: ['true'] } }, options: { name: 'life' } }),
    (e) => isRuntimeError(e, 'ALREADY_EXISTS'),
  );

  const running = await m.start('life');
  assert.equal(running.state, 'running');
  assert.ok((running.pid ?? 0) > 0);
  assert.equal((await fx.manager.deps.runtime.state(c.id))?.status, 'running');
  await assert.rejects(m.start('life'), (e) => isRuntimeError(e, 'FAILED_PRECONDITION'));
  await assert.rejects(m.remove('life'), (e) => isRuntimeError(e, 'FAILED_PRECONDITION'));

  assert.equal((await m.pause('life')).state, 'paused');
  assert.equal((await fx.manager.deps.runtime.state(c.id))?.status, 'paused');
  await assert.rejects(m.pause('life'), (e) => isRuntimeError(e, 'FAILED_PRECONDITION'));
  assert.equal((await m.unpause('life')).state, 'running');

  // sleep as PID 1 ignores SIGTERM: stop escalates to SIGKILL after the timeout
  const stopped = await m.stop('life', { timeout: 1 });
  assert.equal(stopped.state, 'exited');
  assert.equal(stopped.exitCode, 137);
  assert.equal(stopped.oomKilled, false);
  assert.equal(await fx.manager.deps.runtime.state(c.id), null);

  assert.equal((await m.start('life')).state, 'running');
  const renamed = await m.rename('life', 'life2');
  assert.equal(m.get('life2').id, renamed.id);
  await m.remove('life2', { force: true });
  assert.equal(m.list().length, 0);
  assert.equal(existsSync(join(fx.roots.dataRoot, 'containers', c.id)), false);
  assert.equal(existsSync(cgroupDir('memory', `${fx.roots.cgroupParent}/${c.id}`)), false);
  assert.deepEqual(
    fx.events.filter((e) => e.id === c.id).map((e) => e.type),
    ['create', 'start', 'pause', 'unpause', 'exit', 'start', 'rename', 'exit', 'remove'],
  );
});

test('init (catatonit) forwards the stop signal: exit 143 without SIGKILL; kill -s', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { init: true, network: 'none' },
  });
  await m.start(c.id);
  const stopped = await m.stop(c.id, { timeout: 30 });
  assert.equal(stopped.exitCode, 143);
  await m.start(c.id);
  await m.kill(c.id, 'SIGUSR1');
  assert.equal((await m.wait(c.id)).exitCode, 138);
  await m.remove(c.id);
});

test('logs: stdout/stderr, tail, since, follow until exit', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: {
      config: {
        entrypoint: ['sh', '-c'],
        cmd: ['echo one; echo two; echo oops >&2; sleep 1; echo three'],
      },
    },
    options: { network: 'none' },
  });
  await m.start(c.id);
  const followed: LogEntry[] = [];
  for await (const e of m.logs(c.id, { follow: true })) followed.push(e);
  assert.deepEqual(
    followed.filter((e) => e.stream === 'stdout').map((e) => e.text),
    ['one', 'two', 'three'],
  );
  assert.deepEqual(
    followed.filter((e) => e.stream === 'stderr').map((e) => e.text),
    ['oops'],
  );
  assert.equal((await m.wait(c.id)).exitCode, 0);
  const tail: string[] = [];
  for await (const e of m.logs(c.id, { tail: 1 })) tail.push(e.text);
  assert.deepEqual(tail, ['three']);
  const last = followed[followed.length - 1];
  const since: string[] = [];
  for await (const e of m.logs(c.id, { since: new Date(last?.timeMs ?? 0) })) since.push(e.text);
  assert.ok(since.includes('three') && !since.includes('one'));
  const errOnly: string[] = [];
  for await (const e of m.logs(c.id, { stdout: false })) errOnly.push(e.text);
  assert.deepEqual(errOnly, ['oops']);
  await m.remove(c.id);
});

test('bad inputs leave nothing behind', async () => {
  const m = fx.manager;
  const before = readdirSync(join(fx.roots.dataRoot, 'containers'));
  const cases: Array<[unknown, string]> = [
    [{ name: 'x' }, 'INVALID_ARGUMENT'],
    [{ memory: 1024 }, 'INVALID_ARGUMENT'],
    [{ cpus: 64 }, 'INVALID_ARGUMENT'],
    [{ user: 'nobody', ports: ['127.0.0.1:0:80'] }, 'INVALID_ARGUMENT'],
    [{ user: 'nobody', network: 'bridge' }, 'INVALID_ARGUMENT'],
    [{ volumes: ['/does/not/exist:/x'] }, 'INVALID_ARGUMENT'],
  ];
  for (const [options, code] of cases) {
    await assert.rejects(
      m.create({ image: { config: { cmd: ['true'] } }, options: options as never }),
      (e) => isRuntimeError(e, code as never),
      JSON.stringify(options),
    );
  }
  assert.deepEqual(readdirSync(join(fx.roots.dataRoot, 'containers')), before);
  assert.equal(m.list().length, 0);
  const overlays = join(fx.roots.base, 'overlays');
  assert.deepEqual(existsSync(overlays) ? readdirSync(overlays) : [], []);
  const cache = join(fx.roots.dataRoot, 'network', 'cache');
  assert.deepEqual(existsSync(cache) ? readdirSync(cache) : [], []);
  const ipam = join(fx.roots.dataRoot, 'network', 'ipam');
  const leases = existsSync(ipam)
    ? readdirSync(ipam, { recursive: true })
        .map(String)
        .filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f.split('/').pop() ?? ''))
    : [];
  assert.deepEqual(leases, []);
});

test('a failed start leaves the container created, with no runtime state or cgroup', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['/no/such/binary'] } },
    options: { network: 'none' },
  });
  await assert.rejects(m.start(c.id), /create failed|exec|no such file/i);
  assert.equal(m.get(c.id).state, 'created');
  assert.equal(await m.deps.runtime.state(c.id), null);
  assert.equal(existsSync(cgroupDir('memory', `${fx.roots.cgroupParent}/${c.id}`)), false);
  assert.equal(existsSync(cgroupDir('pids', `${fx.roots.cgroupParent}/${c.id}`)), false);
  await m.remove(c.id);
});

test('unless-stopped restarts after a crash but not after a manual stop', async () => {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { network: 'none', restart: 'unless-stopped', init: true },
  });
  const first = await m.start(c.id);
  await m.deps.runtime.kill(c.id, 'SIGKILL'); // a crash, not a user stop
  const again = await waitFor(() => {
    const r = m.get(c.id);
    return r.state === 'running' && r.restartCount === 1 ? r : null;
  }, 'automatic restart');
  assert.notEqual(again.pid, first.pid);
  const stopped = await m.stop(c.id);
  assert.equal(stopped.exitCode, 143);
  assert.equal(stopped.manuallyStopped, true);
  const rescheduled = fx.events.filter(
    (e) => e.id === c.id && e.type === 'restart-scheduled',
  ).length;
  assert.equal(rescheduled, 1);
  assert.equal(m.get(c.id).state, 'exited');
  await m.remove(c.id);
});
