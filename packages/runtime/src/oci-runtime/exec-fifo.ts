import { closeSync, constants, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { RuntimeError } from '../errors.js';

/** The init process is gone (or a zombie): what runc checks while it waits at the fifo. */
function initGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

function initPid(stateDir: string): number | null {
  try {
    const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as {
      init_process_pid?: unknown;
    };
    const pid = state.init_process_pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * `runc start` of a created container without running runc (a fork of the agent and a Go
 * start-up less per start): runc's `create` leaves its init waiting to open `exec.fifo` in the
 * container's state dir for writing; `start` opens it for reading, takes the byte init writes,
 * and removes the fifo (runc reads a container with the fifo as `created`, without it as
 * `running`). As runc does, while waiting it checks every 100 ms that init is still alive.
 *
 * The fifo is opened read-write and non-blocking: the open never blocks a thread-pool thread
 * (read-only would wait for a writer that may have died), and there is never a false EOF. The
 * byte is read through the event loop (the fd as a libuv pipe, epoll), not by polling: it is
 * taken as soon as init writes it. Returns false when there is no fifo, no init pid in
 * `state.json` or init has died (before or while waiting) — not a created runc container that
 * can start (already started, stopped, unknown): the caller runs `runc start` for runc's own
 * answer and error.
 */
export async function startThroughExecFifo(stateDir: string): Promise<boolean> {
  // synchronous: small files of runc's state dir and /proc, each a few microseconds, where the
  // thread pool's round trips added ≈ 1–2 ms to every start on a loaded host
  const pid = initPid(stateDir);
  if (pid === null || initGone(pid)) return false;
  const fifo = join(stateDir, 'exec.fifo');
  let fd: number;
  try {
    fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw RuntimeError.wrap(err, 'start: open exec.fifo');
  }
  let isFifo: boolean;
  try {
    isFifo = fstatSync(fd).isFIFO();
  } catch (err) {
    closeSync(fd);
    throw RuntimeError.wrap(err, 'start: stat exec.fifo');
  }
  if (!isFifo) {
    closeSync(fd);
    return false;
  }
  if (!(await byteFromInit(fd, pid))) return false;
  rmSync(fifo, { force: true });
  return true;
}

/**
 * Waits for init's byte on the fifo `fd` (taken over: closed when done). False when init died
 * first (checked every 100 ms, as runc does).
 */
function byteFromInit(fd: number, pid: number): Promise<boolean> {
  const pipe = new Socket({ fd, readable: true, writable: false });
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    const done = (err: Error | null, ok = false) => {
      if (settled) return;
      settled = true;
      clearInterval(alive);
      pipe.destroy();
      if (err) reject(RuntimeError.wrap(err, 'start: read exec.fifo'));
      else resolve(ok);
    };
    const alive = setInterval(() => {
      if (initGone(pid)) done(null, false);
    }, 100);
    pipe.once('data', () => done(null, true));
    pipe.on('error', (err) => done(err));
    // never seen with the fifo held open read-write; a closed pipe is not a start
    pipe.once('end', () => done(null, false));
  });
}
