import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import { isRuntimeError } from '../../src/errors.js';

let fx: Fixture;
let id: string;
before(async () => {
  fx = await openFixture();
  const c = await fx.manager.create({
    image: { config: { cmd: ['sleep', '1000'], env: ['FROM_IMAGE=yes'] } },
    options: { network: 'none' },
  });
  id = c.id;
  await fx.manager.start(id);
});
after(() => fx.cleanup());

test('non-interactive exec: output, exit code, env, user, cwd', async () => {
  const m = fx.manager;
  const r = await m.exec(id, {
    cmd: ['sh', '-c', 'echo $FROM_IMAGE $EXTRA; id -u; id -G; pwd; echo err >&2; exit 5'],
    env: ['EXTRA=1'],
    user: 'app',
    workdir: '/tmp',
  });
  assert.equal(r.exitCode, 5);
  assert.deepEqual(r.stdout.trim().split('\n'), ['yes 1', '1000', '1000 2000', '/tmp']);
  assert.equal(r.stderr.trim(), 'err');
  // the exec'd process is inside the container's cgroup: the root of its (private) cgroup
  // namespace, where a process outside would see `/..` paths
  const ps = await m.exec(id, { cmd: ['cat', '/proc/self/cgroup'] });
  const lines = ps.stdout.trim().split('\n');
  assert.ok(lines.length > 0);
  for (const line of lines) assert.match(line, /^\d+:[^:]*:\/$/, line);
  await assert.rejects(m.exec(id, { cmd: ['id'], user: 'ghost' }), (e) =>
    isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('interactive exec through a PTY: stty size, resize, exit code, dispose', async () => {
  const session = await fx.manager.openTerminal(id, { cmd: ['/bin/sh'] }, { cols: 91, rows: 37 });
  let out = '';
  const sub = session.onData((d) => (out += d.toString('utf8')));
  // The shell may flush typed-ahead input when it sets up line editing: repeat until answered.
  const asking = setInterval(() => session.write(Buffer.from('stty size\r')), 500);
  session.write(Buffer.from('stty size\r'));
  try {
    await waitFor(() => out.includes('37 91'), 'first stty size');
  } finally {
    clearInterval(asking);
  }
  session.resize({ cols: 120, rows: 40 });
  session.write(Buffer.from('stty size\r'));
  await waitFor(() => out.includes('40 120'), 'resized stty size');
  session.pause();
  session.resume();
  const exits: number[] = [];
  session.onExit((e) => exits.push(e.exitCode));
  session.write(Buffer.from('exit 7\r'));
  assert.equal((await session.exited).exitCode, 7);
  await waitFor(() => exits.length === 1, 'onExit listener');
  sub.dispose();
  session.dispose();
  assert.throws(
    () => session.resize({ cols: 0, rows: 1 }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('dispose hangs up a still-running shell', async () => {
  const session = await fx.manager.openTerminal(id, { cmd: ['/bin/sh'] }, { cols: 80, rows: 24 });
  session.dispose();
  const exit = await session.exited;
  assert.notEqual(exit.exitCode === 0 && exit.signal === null, true);
});

test('exec on a stopped container is FAILED_PRECONDITION', async () => {
  const c = await fx.manager.create({
    image: { config: { cmd: ['true'] } },
    options: { network: 'none' },
  });
  await assert.rejects(fx.manager.exec(c.id, { cmd: ['id'] }), (e) =>
    isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  await fx.manager.remove(c.id);
});
