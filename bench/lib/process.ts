import { spawn } from 'node:child_process';
import { onCleanup, trackPid } from './cleanup.js';
import { BenchError } from './errors.js';

const LOG_TAIL = 16 * 1024;

/** A long-running process the harness started; stopped by its PID, never by name. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  /** The last few KiB of its stdout and stderr. */
  logs(): string;
  running(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface DaemonOptions extends SpawnOptions {
  /** Every complete line the daemon writes (stdout and stderr), e.g. to parse its debug log. */
  onLine?: (line: string) => void;
}

export function spawnDaemon(
  name: string,
  command: string,
  args: readonly string[],
  opts: DaemonOptions = {},
): Daemon {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.env ?? process.env,
    cwd: opts.cwd,
  });
  if (child.pid === undefined) throw new BenchError(`cannot start ${name} (${command})`);
  const pid = child.pid;
  let tail = '';
  const keep = (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-LOG_TAIL);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  if (opts.onLine) {
    const onLine = opts.onLine;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (c: Buffer) => {
        const lines = (partial + c.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
  }
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.once('error', (err) => keep(Buffer.from(`spawn error: ${err.message}\n`)));
  const untrack = trackPid(pid);
  let stopping: Promise<void> | null = null;
  const stop = (graceMs = 10_000) => (stopping ??= terminate(graceMs));
  const terminate = async (graceMs: number) => {
    if (!exited) {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) process.kill(pid, 'SIGKILL');
      }, graceMs);
      await exit;
      clearTimeout(timer);
    }
    untrack();
    unregister();
  };
  const unregister = onCleanup(`stop ${name} (pid ${pid})`, () => stop());
  return { name, pid, logs: () => tail, running: () => !exited, stop };
}

/** Polls `ready` until it is true; fails early if `daemon` exits, with its log tail. */
export async function waitUntilReady(
  daemon: Daemon,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!daemon.running())
      throw new BenchError(`${daemon.name} exited during start-up:\n${daemon.logs()}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new BenchError(`${daemon.name} not ready after ${timeoutMs} ms:\n${daemon.logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and captures its output (never throws for a non-zero exit). */
export function run(
  command: string,
  args: readonly string[],
  opts: SpawnOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** Like `run`, but a non-zero exit is a BenchError carrying stderr. Returns stdout. */
export async function runChecked(
  command: string,
  args: readonly string[],
  opts: SpawnOptions = {},
): Promise<string> {
  const r = await run(command, args, opts);
  if (r.code !== 0)
    throw new BenchError(
      `${command} ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim()}`,
    );
  return r.stdout;
}
