import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable, Writable } from 'node:stream';
import { SeqpacketSocket } from 'node-unix-socket';
import { BenchError } from '../lib/errors.js';
import type { PtyFloor } from './pty-floor.js';
import { echoLoop } from './echo-loop.js';

/** Reads conmon's pipe messages `{"data": N}` in order, from the start (none is lost). */
export function lineReader(stream: Readable, name: string): () => Promise<number> {
  const values: number[] = [];
  const waiters: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];
  let buf = '';
  let raw = '';
  let ended = false;
  const settle = () => {
    while (waiters.length > 0 && values.length > 0) waiters.shift()!.resolve(values.shift()!);
    if (ended)
      for (const w of waiters.splice(0))
        w.reject(new BenchError(`conmon ${name} pipe ended after ${JSON.stringify(raw)}`));
  };
  stream.on('data', (b: Buffer) => {
    buf += b.toString('utf8');
    raw += b.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /"data":\s*(-?\d+)/.exec(line);
      values.push(m ? Number(m[1]) : Number.NaN);
    }
    settle();
  });
  stream.once('end', () => {
    ended = true;
    settle();
  });
  return () =>
    new Promise<number>((resolve, reject) => {
      waiters.push({ resolve, reject });
      settle();
    });
}

export interface ConmonExec {
  socket: SeqpacketSocket;
  /** Resolves with the exec'd process's exit code (conmon's last sync-pipe message). */
  exited: Promise<number>;
  /** Resolves when conmon closes the attach socket (all output delivered). */
  ended: Promise<void>;
}

/**
 * An exec under conmon as Podman's `exec -it` runs it: `conmon --exec --exec-attach -t`, conmon
 * holds the console master that runc hands it, output comes over the attach socket (SOCK_SEQPACKET,
 * one read of the console per packet, a stream byte in front). Start pipe written twice: once to
 * let conmon go (Podman puts it in a cgroup first), once after we attached, so no output is lost.
 */
export async function conmonExec(opts: {
  runcRoot: string;
  containerId: string;
  args: string[];
  onData: (data: Buffer) => void;
}): Promise<ConmonExec & { cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bx-'));
  const state = await new Promise<string>((resolve, reject) => {
    const c = spawn('/usr/sbin/runc', ['--root', opts.runcRoot, 'state', opts.containerId]);
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.on('error', reject);
    c.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new BenchError(`runc state ${code}`)),
    );
  });
  const bundle = (JSON.parse(state) as { bundle: string }).bundle;
  const config = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as {
    process: Record<string, unknown>;
  };
  const spec = {
    ...config.process,
    terminal: true,
    args: opts.args,
    consoleSize: { height: 40, width: 160 },
    env: [...((config.process.env as string[]) ?? []), 'TERM=xterm-256color'],
  };
  await writeFile(join(dir, 'process.json'), JSON.stringify(spec));
  // conmon writes the exit file there before the sync pipe's exit code, and never creates it
  await mkdir(join(dir, 'exits'));
  const session = `bench${process.pid}${Math.floor(Math.random() * 1e6)}`;
  const args = [
    '--api-version',
    '1',
    '-c',
    opts.containerId,
    '-u',
    session,
    '-r',
    '/usr/sbin/runc',
    '--runtime-arg',
    `--root=${opts.runcRoot}`,
    '-b',
    dir,
    '-p',
    join(dir, 'pid'),
    '-l',
    'none',
    '--exit-dir',
    join(dir, 'exits'),
    '--socket-dir-path',
    join(dir, 's'),
    '--full-attach',
    '-t',
    '--exec',
    '--exec-attach',
    '--exec-process-spec',
    join(dir, 'process.json'),
  ];
  const child = spawn('/usr/bin/conmon', args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      _OCI_SYNCPIPE: '3',
      _OCI_STARTPIPE: '4',
      _OCI_ATTACHPIPE: '5',
    },
    cwd: dir,
    detached: true,
  });
  const sync = child.stdio[3] as Readable;
  const nextSync = lineReader(sync, 'sync');
  const start = child.stdio[4] as Writable;
  const attach = (child.stdio as unknown as Readable[])[5]!;
  const nextAttach = lineReader(attach, 'attach');
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  start.write('0');
  const attachReady = await nextAttach().catch((err: unknown) => {
    throw new BenchError(`conmon: ${String(err)}; stderr: ${stderr.trim()}`);
  });
  if (attachReady < 0) throw new BenchError(`conmon attach: ${attachReady}`);
  const socket = new SeqpacketSocket();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(join(dir, 'attach'), () => resolve());
  });
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  socket.on('data', (p: Buffer) => {
    if (p.length > 1) opts.onData(p.subarray(1));
  });
  socket.once('end', () => end());
  socket.once('close', () => end());
  start.write('1');
  const pid = await nextSync();
  if (pid <= 0) throw new BenchError(`conmon exec failed: ${pid}`);
  let done = false;
  const exited = nextSync().finally(() => (done = true));
  return {
    socket,
    exited,
    ended,
    cleanup: async () => {
      // the exec'd process still running (a failed round): end it, conmon follows
      if (!done) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await Promise.race([
          exited.catch(() => undefined),
          new Promise((r) => setTimeout(r, 2000)),
        ]);
      }
      socket.destroy();
      sync.destroy();
      start.destroy();
      attach.destroy();
      child.stderr?.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `cat FILE` through conmon's attach socket: the floor of a relay that reads the console directly. */
export async function conmonFloor(opts: {
  runcRoot: string;
  containerId: string;
  file: string;
}): Promise<PtyFloor> {
  let bytes = 0;
  let chunks = 0;
  let maxChunk = 0;
  const started = performance.now();
  const ex = await conmonExec({
    runcRoot: opts.runcRoot,
    containerId: opts.containerId,
    args: ['cat', opts.file],
    onData: (d) => {
      bytes += d.length;
      chunks++;
      maxChunk = Math.max(maxChunk, d.length);
    },
  });
  try {
    const code = await ex.exited;
    await ex.ended;
    if (code !== 0) throw new BenchError(`conmon exec cat exited ${code}`);
    return { seconds: (performance.now() - started) / 1000, bytes, chunks, maxChunk };
  } finally {
    await ex.cleanup();
  }
}

/** Echo latency through conmon: one byte into `cat` (no args), time until the tty echoes it. */
export async function conmonEcho(opts: {
  runcRoot: string;
  containerId: string;
  keys: number;
}): Promise<number[]> {
  let waiting: ((d: Buffer) => void) | null = null;
  const ex = await conmonExec({
    runcRoot: opts.runcRoot,
    containerId: opts.containerId,
    args: ['cat'],
    onData: (d) => waiting?.(d),
  });
  try {
    return await echoLoop(
      opts.keys,
      (b) => ex.socket.write(b),
      (w) => (waiting = w),
    );
  } finally {
    ex.socket.write(Buffer.from('\n\x04'));
    await Promise.race([ex.exited, new Promise((r) => setTimeout(r, 2000))]);
    await ex.cleanup();
  }
}
