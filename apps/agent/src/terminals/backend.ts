import { readFile } from 'node:fs/promises';
import type { ContainerService } from '../containers/service.js';
import type { TerminalBackend } from './registry.js';
import { hangUpTree } from './process-tree.js';

/** Pure: whether a /proc/<pid>/stat line belongs to a live (not zombie) process. */
export function isLiveProcStat(stat: string | null): boolean {
  if (stat === null) return false;
  // `pid (comm, may contain spaces and parens) S ppid …`: the state follows the last ')'
  const close = stat.lastIndexOf(')');
  const state = close < 0 ? '' : stat.slice(close + 2, close + 3);
  return /^[A-Za-z]$/.test(state) && state !== 'Z' && state !== 'X';
}

/** Terminals over the container service: PTY execs (`exec_start`/`exec_die` events included). */
export function terminalBackendFor(svc: ContainerService): TerminalBackend {
  return {
    async open(ref, opts, size) {
      const containerId = svc.resolveId(ref);
      const execId = await svc.openTerminal(
        containerId,
        { cmd: opts.cmd, env: [], user: opts.user, workdir: opts.workdir, tty: true },
        size,
      );
      return { containerId, pty: svc.execs.get(execId) };
    },
    async hasBash(ref) {
      return (await svc.probe(ref, ['test', '-x', '/bin/bash'])) === 0;
    },
    async hangUp(pid) {
      await hangUpTree(pid);
    },
    async isStopped(containerId) {
      const pid = svc.initPid(containerId);
      if (pid === null) return true;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      return !isLiveProcStat(stat);
    },
  };
}
