import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { conmonArgs, parseSyncLine, type ConmonConfig } from './conmon-args.js';
import { RuntimeError } from '../errors.js';
import { sharedSpawner } from '../spawner/spawner.js';

/**
 * Launches conmon, which daemonizes and runs `<runtime> create`. Resolves with the container's
 * init pid once conmon writes `{"data": pid}` on the sync pipe (fd 3). EOF never comes on that
 * pipe (the daemon keeps it), so the first line is all we read.
 */
export async function launchConmon(c: ConmonConfig): Promise<{ pid: number }> {
  try {
    // synchronous: three directories that exist after the first start (microseconds each)
    for (const d of [c.exitDir, c.persistDir, c.socketDir]) mkdirSync(d, { recursive: true });
    // forked by the spawner's shell, not by the agent; conmon's daemon makes its own session.
    // conmon drops an `oom` marker in its working directory as well as the persist dir
    const r = await sharedSpawner().firstLine(c.conmonPath, conmonArgs(c), {
      cwd: c.bundle,
      env: { _OCI_SYNCPIPE: '3' },
    });
    if ('closed' in r) {
      const stderr = r.closed.trim();
      throw new RuntimeError(
        'INTERNAL',
        stderr ? `conmon exited: ${stderr}` : 'conmon closed the sync pipe without a pid',
      );
    }
    const sync = parseSyncLine(r.line);
    if ('error' in sync) throw new RuntimeError('INTERNAL', `create failed: ${sync.error.trim()}`);
    return sync;
  } catch (err) {
    await removeConmonSocketLink(c.socketDir, c.id).catch(() => undefined);
    throw err;
  }
}

/**
 * conmon links `<socketDir>/<id>` to the bundle (the attach socket's short path) and never
 * removes it, not even when it exits: whoever sees conmon go (a failed create, a recorded exit)
 * removes the link. Idempotent.
 */
export async function removeConmonSocketLink(socketDir: string, id: string): Promise<void> {
  await rm(join(socketDir, id), { force: true }); // rm of a symlink unlinks it, never its target
}

/** conmon's process for container `id` is still there (not gone, not a zombie, not a reused pid). */
async function conmonAlive(pid: number, id: string): Promise<boolean> {
  try {
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && cmdline.split('\0').includes(id);
  } catch {
    return false;
  }
}

/**
 * Waits for the conmon of container `id` (pid from its `-P` file) to exit, so it writes no exit
 * file after the caller has cleaned up; SIGKILLs it after `ceilingMs`. Without a pid file (conmon
 * never got that far) there is nothing to wait for. The caller removes the pid file before a
 * launch, so a pid read here belongs to this run.
 */
export async function awaitConmonExit(
  conmonPidFile: string,
  id: string,
  ceilingMs = 5000,
): Promise<void> {
  const text = await readFile(conmonPidFile, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) return;
  const end = Date.now() + ceilingMs;
  while (await conmonAlive(pid, id)) {
    if (Date.now() > end) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return; // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
