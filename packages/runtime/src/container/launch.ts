import { rm } from 'node:fs/promises';
import { awaitConmonExit, launchConmon, removeConmonSocketLink } from '../monitor/conmon.js';
import { clearExit } from '../monitor/exit-file.js';
import { RuntimeError, failedPrecondition } from '../errors.js';
import { containerPaths, type ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';
import { terminalModeOf, type AttachHub } from './attach.js';

/**
 * Runs a container's process under a fresh conmon: `prepareLaunch` then `finishLaunch`. Returns
 * the init pid. On failure nothing is left: no runc state or cgroup, and (once conmon has seen
 * the kill and gone) no exit file or socks link, so the record can stay `created` and be started
 * again or removed.
 */
export async function launchContainer(
  deps: ContainerManagerOptions,
  rec: ContainerRecord,
  attachHub: AttachHub,
): Promise<number> {
  return finishLaunch(deps, rec, attachHub, await prepareLaunch(deps, rec));
}

/**
 * The first half of a launch: clears the previous run's runc state and exit files, lets conmon
 * `runc create` (with the PTY when the container has a terminal) and returns the init pid, which
 * waits at runc's exec fifo: the container's process has not run. Refuses to create a second
 * runtime container while one is alive. On failure nothing is left (see `abandonLaunch`).
 */
export async function prepareLaunch(
  deps: ContainerManagerOptions,
  rec: ContainerRecord,
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
  // a pid file left by an earlier run must not be taken for this run's conmon on failure
  await Promise.all([clearExit(p.exitDir, p.persistDir, id), rm(p.conmonPidFile, { force: true })]);
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
    return pid;
  } catch (err) {
    await abandonLaunch(deps, id);
    throw RuntimeError.wrap(err, `start ${rec.name}`);
  }
}

/**
 * The second half: binds pending attach sessions, then starts the process `prepareLaunch` made
 * (runc's start). Returns `pid`. On failure nothing is left (see `abandonLaunch`).
 */
export async function finishLaunch(
  deps: ContainerManagerOptions,
  rec: ContainerRecord,
  attachHub: AttachHub,
  pid: number,
): Promise<number> {
  const p = containerPaths(deps.dataRoot, deps.execRoot, rec.id);
  try {
    await attachHub.connectPending(rec.id, p.bundle);
    await deps.runtime.start(rec.id);
    return pid;
  } catch (err) {
    await abandonLaunch(deps, rec.id);
    throw RuntimeError.wrap(err, `start ${rec.name}`);
  }
}

/**
 * Undoes a launch that did not start: force-deletes the runc container, waits for that run's
 * conmon to exit (it writes the exit file when it sees the killed init), then clears the exit
 * file and the socks link. Never throws.
 */
export async function abandonLaunch(deps: ContainerManagerOptions, id: string): Promise<void> {
  const p = containerPaths(deps.dataRoot, deps.execRoot, id);
  await deps.runtime.delete(id, { force: true }).catch(() => undefined);
  await awaitConmonExit(p.conmonPidFile, id).catch(() => undefined);
  await clearExit(p.exitDir, p.persistDir, id).catch(() => undefined);
  await removeConmonSocketLink(p.socketDir, id).catch(() => undefined);
}
