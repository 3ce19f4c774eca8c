import { constants } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeError } from '../errors.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The init process is gone (or a zombie): what runc checks while it waits at the fifo. */
async function initGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

async function initPid(stateDir: string): Promise<number | null> {
  try {
    const state = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')) as {
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
 * (read-only would wait for a writer that may have died), and a read before init wrote is EAGAIN,
 * never a false EOF. Returns false when there is no fifo, no init pid in `state.json` or init
 * has died (before or while waiting) — not a created runc container that can start (already
 * started, stopped, unknown): the caller runs `runc start` for runc's own answer and error.
 */
export async function startThroughExecFifo(stateDir: string): Promise<boolean> {
  const pid = await initPid(stateDir);
  if (pid === null || (await initGone(pid))) return false;
  const fifo = join(stateDir, 'exec.fifo');
  let fh;
  try {
    fh = await open(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw RuntimeError.wrap(err, 'start: open exec.fifo');
  }
  try {
    if (!(await fh.stat()).isFIFO()) return false;
    const buf = Buffer.alloc(1);
    let waited = 0;
    let pause = 1;
    for (;;) {
      try {
        if ((await fh.read(buf, 0, 1, null)).bytesRead > 0) break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN')
          throw RuntimeError.wrap(err, 'start: read exec.fifo');
      }
      if (waited >= 100) {
        waited = 0;
        if (await initGone(pid)) return false;
      }
      await sleep(pause);
      waited += pause;
      pause = Math.min(pause * 2, 20);
    }
  } finally {
    await fh.close();
  }
  await rm(fifo, { force: true });
  return true;
}
