import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/**
 * Starts a process in its own process group with stdout and stderr appended to `logFile`.
 * The child is unref'd: stop it with `stopPid(child.pid)`.
 */
export function startLogged(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  opts: { cwd?: string } = {},
): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, {
      env,
      cwd: opts.cwd,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`cannot start ${cmd}`);
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Whether a process with this PID exists (signal 0). */
/**
 * Whether `pid` runs. A zombie has exited: it only waits for a parent to reap it, which for an
 * orphan (a daemon whose starter exited) may be a PID 1 that reaps late or never.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Signals the process group led by `pid`, or the process alone when it leads none. */
function signalPid(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops a process (and its process group) we started, by its PID: SIGTERM, then SIGKILL once
 * `graceMs` has passed. Resolves when the process is gone (never kills by name).
 */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  if (!isAlive(pid)) return;
  signalPid(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!isAlive(pid)) return;
  signalPid(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (isAlive(pid)) {
    if (Date.now() > killDeadline) throw new Error(`pid ${pid} survived SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The signals a test harness sends itself: SIGTERM to stop a process, SIGKILL to crash it. */
const HARNESS_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGTERM', 'SIGKILL']);

/**
 * Why a process that ended with `signal` died on its own — a native abort, a segfault — as a
 * sentence ending in its log's tail, or null when it exited or a harness signal ended it. A test
 * whose agent died this way must fail even when every step before passed.
 */
export function deathOnItsOwn(
  name: string,
  signal: NodeJS.Signals | null,
  logTail: string,
): string | null {
  if (!signal || HARNESS_SIGNALS.has(signal)) return null;
  return `${name} died of ${signal}; its log ends:\n${logTail}`;
}
