import { rmSync } from 'node:fs';
import { awaitConmonExit, launchConmon, removeConmonSocketLink } from '../monitor/conmon.js';
import { clearExit } from '../monitor/exit-file.js';
import { RuntimeError, failedPrecondition } from '../errors.js';
import { containerPaths, type ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';
import { terminalModeOf, type AttachHub } from './attach.js';

/**
 * Runs a container's process under a fresh conmon: clears the previous run's runc state and exit
 * files, lets conmon `runc create` (with the PTY when the container has a terminal), binds
 * pending attach sessions, then `runc start`. Returns the init pid. Refuses to create a second
 * runtime container while one is alive. On failure nothing is left: no runc state or cgroup, and
 * (once conmon has seen the kill and gone) no exit file or socks link, so the record can stay
 * `created` and be started again or removed.
 */
export async function launchContainer(
  deps: ContainerManagerOptions,
  rec: ContainerRecord,
  attachHub: AttachHub,
): Promise<number> {
  const { id } = rec;
  const { runtime } = deps;
  const p = containerPaths(deps.dataRoot, deps.execRoot, id);
  const existing = await runtime.state(id);
  if (existing && existing.status !== 'stopped') {
    throw failedPrecondition(
      `container ${rec.name} already exists in ${runtime.name} (${existing.status})`,
    );
  }
  if (existing) await runtime.delete(id, { force: true });
  await clearExit(p.exitDir, p.persistDir, id);
  // a pid file left by an earlier run must not be taken for this run's conmon on failure
  rmSync(p.conmonPidFile, { force: true });
  const { tty, stdin, stdinOnce } = terminalModeOf(rec);
  try {
    const { pid } = await launchConmon({
      conmonPath: deps.conmonPath ?? '/usr/bin/conmon',
      id,
      name: rec.name,
      runtimeBinary: runtime.binary,
      runtimeArgs: runtime.globalArgs(),
      bundle: p.bundle,
      pidFile: p.pidFile,
      conmonPidFile: p.conmonPidFile,
      logPath: p.logPath,
      logSizeMax: deps.logSizeMax ?? 10 * 1024 * 1024,
      exitDir: p.exitDir,
      persistDir: p.persistDir,
      socketDir: p.socketDir,
      terminal: tty,
      stdin,
      stdinOnce,
    });
    await attachHub.connectPending(id, p.bundle);
    await runtime.start(id);
    return pid;
  } catch (err) {
    await runtime.delete(id, { force: true }).catch(() => undefined);
    // conmon writes the exit file when it sees the killed init, then exits: clean up after that
    await awaitConmonExit(p.conmonPidFile, id).catch(() => undefined);
    await clearExit(p.exitDir, p.persistDir, id).catch(() => undefined);
    await removeConmonSocketLink(p.socketDir, id).catch(() => undefined);
    throw RuntimeError.wrap(err, `start ${rec.name}`);
  }
}
