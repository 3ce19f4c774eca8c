import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spawner } from '../../src/spawner/spawner.js';

const alive = (pid: number) => {
  try {
    // a zombie is gone for our purpose: it holds no pipe and runs nothing
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function gone(pid: number, what: string): Promise<void> {
  for (let i = 0; i < 250 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(!alive(pid), `${what} (pid ${pid}) is still there`);
}

test('runs argv literally: exit status and stderr back; shell words in arguments stay words', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'spawner-'));
  const s = new Spawner();
  t.after(() => {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.deepEqual(await s.run('/bin/true', []), { status: 0, stderr: '' });
  const marker = join(dir, 'injected');
  const words = ["it's", `$(touch ${marker})`, `; touch ${marker}`, '`id`', 'two\nlines', 'ü'];
  const r = await s.run('/bin/sh', ['-c', 'printf "%s|" "$@" >&2; exit 3', 'argv0', ...words]);
  assert.deepEqual(r, { status: 3, stderr: `${words.join('|')}|` });
  assert.equal(existsSync(marker), false);
  const missing = await s.run(join(dir, 'no-such-binary'), []);
  assert.equal(missing.status, 127);
  // a long stderr comes back cut, and the answers after it are whole
  const long = await s.run('/bin/sh', ['-c', 'head -c 9000 /dev/zero | tr "\\000" x >&2; exit 1']);
  assert.equal(long.stderr, 'x'.repeat(1000));
  assert.deepEqual(await s.run('/bin/sh', ['-c', 'exit 4']), { status: 4, stderr: '' });
});

test('firstLine: the first line starting with { (fd 3 or stderr), in cwd with env added; or what came before the pipe closed', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  // the child keeps fd 3 open (as conmon's daemon does): the answer does not wait for it
  const line = await s.firstLine(
    '/bin/sh',
    [
      '-c',
      'echo "warning" >&2; echo "{\\"data\\": $X, \\"cwd\\": \\"$(pwd)\\", \\"pid\\": $$}" >&3; exec sleep 60',
    ],
    { cwd: '/tmp', env: { X: '42' } },
  );
  assert.ok('line' in line);
  const sync = JSON.parse(line.line) as { data: number; cwd: string; pid: number };
  assert.deepEqual({ data: sync.data, cwd: sync.cwd }, { data: 42, cwd: '/tmp' });
  assert.ok(alive(sync.pid), 'answered while the child still holds the pipe');
  process.kill(sync.pid, 'SIGKILL');
  await gone(sync.pid, 'the sleeping child');
  assert.deepEqual(
    await s.firstLine('/bin/sh', ['-c', 'echo "bad option" >&2; exit 1'], { cwd: '/', env: {} }),
    { closed: 'bad option\n' },
  );
  assert.deepEqual(
    await s
      .firstLine('/bin/true', [], { cwd: '/nonexistent-dir', env: {} })
      .then((r) => 'closed' in r),
    true,
  );
});

test('ended jobs are reaped: requests leave no zombies behind in the shell', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  for (let i = 0; i < 20; i++) await s.run('/bin/true', []);
  await s.firstLine('/bin/true', [], { cwd: '/', env: {} });
  const zombies = () =>
    readFileSync(`/proc/${s.pid}/task/${s.pid}/children`, 'utf8')
      .trim()
      .split(' ')
      .filter((c) => c !== '' && alive(Number(c)) === false).length;
  // the jobs of the last request or two may not have been reaped yet; 20 earlier ones have
  assert.ok(zombies() <= 3, `${zombies()} zombie children`);
});

test('concurrent requests each get their own answer', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? s.run('/bin/sh', ['-c', `sleep 0.0${i % 5}; echo ${i} >&2; exit ${i % 7}`])
        : s.firstLine('/bin/sh', ['-c', `echo '{"n": ${i}}' >&3`], { cwd: '/', env: {} }),
    ),
  );
  results.forEach((r, i) =>
    assert.deepEqual(r, i % 2 ? { status: i % 7, stderr: String(i) } : { line: `{"n": ${i}}` }),
  );
});

test('the shell is reached only through its stdio: anonymous socket pairs made by its parent, no path on disk', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  await s.run('/bin/true', []);
  const unixPaths = new Map(
    readFileSync('/proc/net/unix', 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 7)
      .map((f) => [f[6]!, f[7] ?? ''] as const),
  );
  const link = (pid: number | 'self', fd: string) => readlinkSync(`/proc/${pid}/fd/${fd}`);
  const ours = new Set(
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [link('self', fd)];
      } catch {
        return []; // the directory's own fd, closed by now
      }
    }),
  );
  for (const fd of readdirSync(`/proc/${s.pid}/fd`)) {
    const target = link(s.pid!, fd);
    if (Number(fd) > 2) {
      // nothing of its own: only what this test process itself inherited and passes on
      assert.ok(ours.has(target), `fd ${fd} -> ${target}`);
      continue;
    }
    const m = /^(socket|pipe):\[(\d+)\]$/.exec(target);
    assert.ok(m, `fd ${fd} -> ${target}`);
    if (m[1] === 'socket') assert.equal(unixPaths.get(m[2]!), '', `fd ${fd} has a path`);
  }
});

test('a killed shell: the job it started still answers, the next request starts a new shell, the old one is gone', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  const first = s.pid!;
  const inFlight = s.run('/bin/sh', ['-c', 'sleep 0.3; echo done >&2; exit 5']);
  await new Promise((r) => setTimeout(r, 100));
  process.kill(first, 'SIGKILL');
  assert.deepEqual(await inFlight, { status: 5, stderr: 'done' });
  await gone(first, 'the killed shell');
  assert.deepEqual(await s.run('/bin/sh', ['-c', 'exit 2']), { status: 2, stderr: '' });
  assert.notEqual(s.pid, first);
});

test('a request the killed shell never read is refused, not left hanging', async (t) => {
  const s = new Spawner();
  t.after(() => s.close());
  const pid = s.pid!;
  process.kill(pid, 'SIGSTOP');
  const owed = s.run('/bin/true', []);
  process.kill(pid, 'SIGKILL');
  await assert.rejects(owed, /spawner shell is gone/);
});

test('SIGKILL of the process that owns it: the shell exits and the job in flight ends, nothing is left', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'spawner-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const jobPidFile = join(dir, 'job.pid');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'spawner-child.ts'), jobPidFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const shellPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  for (let i = 0; i < 250 && !existsSync(jobPidFile); i++)
    await new Promise((r) => setTimeout(r, 20));
  const jobPid = Number(readFileSync(jobPidFile, 'utf8').trim());
  assert.ok(alive(shellPid) && alive(jobPid));
  child.kill('SIGKILL');
  await gone(shellPid, 'the spawner shell of the killed process');
  await gone(jobPid, 'the job it had started');
});
