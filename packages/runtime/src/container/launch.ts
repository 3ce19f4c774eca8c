import { launchConmon } from '../monitor/conmon.js';
import { clearExit } from '../monitor/exit-file.js';
import { RuntimeError, failedPrecondition } from '../errors.js';
import { containerPaths, type ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';
import { attachHubOf, terminalModeOf } from './attach.js';

/**
 * Runs a container's process under a fresh conmon: clears the previous run's runc state and exit
 * files, lets conmon `runc create` (with the PTY when the container has a terminal), binds
 * pending attach sessions, then `runc start`. Returns the init pid. Refuses to create a second
 * runtime container while one is alive. On failure nothing is left in the runtime.
 */
export async function launchContainer(
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
  await clearExit(p.exitDir, p.persistDir, id);
  const { tty, stdin } = terminalModeOf(rec);
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
    });
    await attachHubOf(deps).connectPending(id, p.bundle);
    await runtime.start(id);
    return pid;
  } catch (err) {
    await runtime.delete(id, { force: true }).catch(() => undefined);
    throw RuntimeError.wrap(err, `start ${rec.name}`);
  }
}
