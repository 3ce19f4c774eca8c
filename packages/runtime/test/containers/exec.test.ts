import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import { isRuntimeError } from '../../src/errors.js';
import { execSessionsRoot } from '../../src/exec/conmon-exec-args.js';
import { liveProcStat } from '../../src/exec/proc-stat.js';
import { sweepExecSessions } from '../../src/exec/sweep.js';
import type { ExecSession } from '../../src/exec/exec-session.js';
import { attachReaderWorkers, closeAttachReaders } from '../../src/exec/attach-reader.js';
import type { AttachSession } from '../../src/container/attach-session.js';

/** The session's conmon and process are gone and its directory with them. */
async function assertCleanedUp(session: ExecSession): Promise<void> {
  await session.closed;
  assert.equal(await liveProcStat(session.processPid), null, 'exec process gone');
  assert.equal(await liveProcStat(session.pid), null, 'conmon gone');
  assert.deepEqual(readdirSync(execSessionsRoot(fx.roots.execRoot)), []);
}

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

/** A shell session's output so far; `echo` types a command and waits for its answer. */
function shell(session: { write(d: Buffer): void; onData(l: (d: Buffer) => void): unknown }) {
  let out = '';
  session.onData((d) => (out += d.toString('utf8')));
  let n = 0;
  return {
    async echo(tag: string): Promise<void> {
      // "$((n+1))": the answer is not the typed text the terminal echoes back
      const k = ++n;
      const send = () => session.write(Buffer.from(`echo ${tag}-$((${k}+1000))\r`));
      // a shell may flush typed-ahead input while it sets up line editing: ask again
      const asking = setInterval(send, 500);
      send();
      try {
        await waitFor(() => out.includes(`${tag}-${k + 1000}`), `${tag} echo`);
      } finally {
        clearInterval(asking);
      }
    },
  };
}

test("terminals ending oldest first leave the process and the main thread's attach sockets working", async () => {
  // The crash this guards (2026-12-07): node-unix-socket's worker cleanup hook, registered once
  // per process for the first reader worker, closed every socket of the process (every thread)
  // when that worker ended; the next destroy() aborted. So this test runs FIRST in this file:
  // its terminals are the process's first.
  const c = await fx.manager.create({
    image: { config: { cmd: ['sh'] } },
    options: { network: 'none', tty: true, openStdin: true },
  });
  await fx.manager.start(c.id);
  // a main-thread SeqpacketSocket (container attach), open across everything below
  const attached: AttachSession = await fx.manager.attach(c.id);
  const main = shell({ write: (d) => attached.write(d), onData: (l) => attached.onData(l) });
  await main.echo('main');
  const open = async () => {
    const s = await fx.manager.openTerminal(id, { cmd: ['/bin/sh'] }, { cols: 80, rows: 24 });
    return { s, sh: shell(s) };
  };
  const four = [await open(), await open(), await open(), await open()];
  for (const t of four) await t.sh.echo('t');
  // oldest first, each by its shell's exit or hung up as a page closing it: two workers
  // parked, the other two end (a worker may end once its socket is destroyed, never before)
  for (const [i, t] of four.entries()) {
    if (i % 2 === 0) {
      t.s.write(Buffer.from('exit 0\r'));
      assert.equal((await t.s.exited).exitCode, 0);
    } else t.s.dispose();
    await t.s.closed;
  }
  assert.deepEqual(readdirSync(execSessionsRoot(fx.roots.execRoot)), []);
  await main.echo('main');
  await waitFor(() => attachReaderWorkers().busy === 0, 'sessions off their workers');
  assert.ok(attachReaderWorkers().idle <= 1);
  // a third generation: a parked worker serves it
  const next = await open();
  await next.sh.echo('next');
  next.s.write(Buffer.from('exit 4\r'));
  assert.equal((await next.s.exited).exitCode, 4);
  await assertCleanedUp(next.s);
  await main.echo('main');
  // the shutdown path: every socket destroyed, every worker gone, the session still ends
  const last = await open();
  await last.sh.echo('last');
  await closeAttachReaders();
  assert.deepEqual(attachReaderWorkers(), { busy: 0, idle: 0 });
  last.s.dispose();
  await assertCleanedUp(last.s);
  await main.echo('main');
  attached.close();
  await fx.manager.kill(c.id, 'SIGKILL');
  await fx.manager.wait(c.id);
  await fx.manager.remove(c.id);
});

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

test('interactive exec under conmon: stty size, resize, echo, exit code, files removed', async () => {
  const session = await fx.manager.openTerminal(id, { cmd: ['/bin/sh'] }, { cols: 91, rows: 37 });
  // the pid callers use (hangUpTree, the Docker API's inspect) is the process's parent: conmon
  assert.equal((await liveProcStat(session.processPid))?.ppid, session.pid);
  assert.equal(readdirSync(execSessionsRoot(fx.roots.execRoot)).length, 1);
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
  session.write(Buffer.from('echo ab""cd\r'));
  await waitFor(() => out.includes('echo ab""cd') && out.includes('abcd'), 'echo');
  session.pause();
  session.resume();
  const exits: number[] = [];
  session.onExit((e) => exits.push(e.exitCode));
  session.write(Buffer.from('exit 7\r'));
  assert.equal((await session.exited).exitCode, 7);
  await waitFor(() => exits.length === 1, 'onExit listener');
  sub.dispose();
  session.dispose();
  await assertCleanedUp(session);
  assert.throws(
    () => session.resize({ cols: 0, rows: 1 }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('dispose hangs up a still-running shell: no process, conmon or files left', async () => {
  const session = await fx.manager.openTerminal(id, { cmd: ['/bin/sh'] }, { cols: 80, rows: 24 });
  session.dispose();
  const exit = await session.exited;
  assert.notEqual(exit.exitCode === 0 && exit.signal === null, true);
  await assertCleanedUp(session);
});

const FLOOD = 3_000_000;
const flood = (code: number) => ({
  // no newline in the output: the terminal passes every byte as it is, so the count is exact
  cmd: ['sh', '-c', `head -c ${FLOOD} /dev/zero | tr '\\0' a; exit ${code}`],
});

test('flow control: a paused session receives nothing, the writer blocks, resume delivers all', async () => {
  const session = await fx.manager.openTerminal(id, flood(3), { cols: 80, rows: 24 });
  let bytes = 0;
  let exited = false;
  void session.exited.then(() => (exited = true));
  session.onData((d) => {
    if (bytes === 0) session.pause(); // from inside the listener, as the terminal's window does
    bytes += d.length;
  });
  await waitFor(() => bytes > 0, 'first output');
  const atPause = bytes;
  // conmon, then the writer, block: nothing arrives and the command does not finish
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(bytes, atPause);
  assert.equal(exited, false);
  const writer = (await liveProcStat(session.processPid)) !== null;
  assert.ok(writer, 'the command still runs while paused');
  session.resume();
  assert.equal((await session.exited).exitCode, 3);
  assert.equal(bytes, FLOOD);
  await assertCleanedUp(session);
});

test('dispose of a paused, flooding session ends it (conmon is not left in its write)', async () => {
  const session = await fx.manager.openTerminal(
    id,
    { cmd: ['sh', '-c', "tr '\\0' a < /dev/zero"] },
    { cols: 80, rows: 24 },
  );
  let bytes = 0;
  session.onData((d) => {
    session.pause();
    bytes += d.length;
  });
  await waitFor(() => bytes > 0, 'first output');
  session.dispose();
  await assertCleanedUp(session);
});

/** exec-child.ts in its own process: an exec on this file's container, as an agent would run it. */
function spawnExecChild(extra: { exit?: boolean }, stderr: 'inherit' | 'pipe') {
  const rec = fx.manager.get(id);
  const arg = {
    execRoot: fx.roots.execRoot,
    target: { id: rec.id, rootfs: rec.rootfs, bundle: rec.bundle },
    ...extra,
  };
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'exec-child.ts'), JSON.stringify(arg)],
    { stdio: ['ignore', 'pipe', stderr] },
  );
}

test('agent start sweeps the terminals a dead agent left: hung up, conmon gone, dirs removed', async () => {
  const child = spawnExecChild({}, 'inherit');
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exec child exited ${code}`)));
  });
  const { pid, conmonPid } = JSON.parse(line) as { pid: number; conmonPid: number };
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  // a real leftover: the agent is gone, its terminal's conmon and shell are not
  assert.notEqual(await liveProcStat(conmonPid), null);
  assert.equal((await liveProcStat(pid))?.ppid, conmonPid);
  const [dir] = readdirSync(execSessionsRoot(fx.roots.execRoot));
  assert.ok(dir);
  assert.equal(await sweepExecSessions(fx.roots.execRoot), 1);
  assert.equal(await liveProcStat(conmonPid), null);
  await waitFor(async () => (await liveProcStat(pid)) === null, 'shell hung up');
  assert.equal(existsSync(join(execSessionsRoot(fx.roots.execRoot), dir)), false);

  // abuse: a planted session whose pid files name an unrelated process: it is never signalled
  const bystander = spawn('sleep', ['100'], { stdio: 'ignore' });
  const planted = join(execSessionsRoot(fx.roots.execRoot), '00000000deadbeef');
  mkdirSync(planted, { recursive: true });
  writeFileSync(join(planted, 'conmon.pid'), String(bystander.pid));
  writeFileSync(join(planted, 'pid'), String(bystander.pid));
  try {
    assert.equal(await sweepExecSessions(fx.roots.execRoot), 0);
    assert.notEqual(await liveProcStat(bystander.pid!), null, 'the bystander lives');
    assert.equal(existsSync(planted), false);
  } finally {
    bystander.kill('SIGKILL');
  }
});

test('a process.exit() with a terminal open is a clean exit (its socket destroyed first)', async () => {
  const child = spawnExecChild({ exit: true }, 'pipe');
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code, signal] = (await new Promise((r) => child.once('exit', (...a) => r(a)))) as [
    number | null,
    NodeJS.Signals | null,
  ];
  assert.deepEqual({ code, signal }, { code: 0, signal: null }, stderr);
  // its conmon outlives it, as an agent's does: the next start sweeps it
  assert.equal(await sweepExecSessions(fx.roots.execRoot), 1);
  assert.deepEqual(readdirSync(execSessionsRoot(fx.roots.execRoot)), []);
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
