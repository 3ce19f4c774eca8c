import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { conmonArgs, parseSyncLine, type ConmonConfig } from './conmon-args.js';
import { RuntimeError } from '../errors.js';

/**
 * Launches conmon, which daemonizes and runs `<runtime> create`. Resolves with the container's
 * init pid once conmon writes `{"data": pid}` on the sync pipe (fd 3). EOF never comes on that
 * pipe (the daemon keeps it), so the first line is all we read.
 */
export async function launchConmon(c: ConmonConfig): Promise<{ pid: number }> {
  await Promise.all(
    [c.exitDir, c.persistDir, c.socketDir].map((d) => mkdir(d, { recursive: true })),
  );
  const child = spawn(c.conmonPath, conmonArgs(c), {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3' },
    // conmon drops an `oom` marker in its working directory as well as the persist dir
    cwd: c.bundle,
    detached: true,
  });
  const sync = child.stdio[3] as Readable;
  const stderr: Buffer[] = [];
  child.stderr?.on('data', (b: Buffer) => stderr.push(b));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      sync.on('data', (b: Buffer) => {
        buf += b.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(buf.slice(0, nl));
      });
      child.on('error', (e) => reject(RuntimeError.wrap(e, 'spawn conmon', 'UNAVAILABLE')));
      child.on('exit', (code) => {
        // the foreground conmon exits after forking; only an early non-zero exit is an error
        if (code !== 0) {
          setTimeout(
            () =>
              reject(
                new RuntimeError(
                  'INTERNAL',
                  `conmon exited ${code}: ${Buffer.concat(stderr).toString().trim()}`,
                ),
              ),
            50,
          );
        }
      });
      sync.on('end', () =>
        buf.trim()
          ? resolve(buf.trim())
          : reject(new RuntimeError('INTERNAL', 'conmon closed the sync pipe without a pid')),
      );
    });
    const r = parseSyncLine(line);
    if ('error' in r) throw new RuntimeError('INTERNAL', `create failed: ${r.error.trim()}`);
    return r;
  } catch (err) {
    await removeConmonSocketLink(c.socketDir, c.id).catch(() => undefined);
    throw err;
  } finally {
    sync.destroy();
    child.stderr?.destroy();
    child.unref();
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
