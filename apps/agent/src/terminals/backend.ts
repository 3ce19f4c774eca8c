import { readFile } from 'node:fs/promises';
import type { ContainerService } from '../containers/service.js';
import type { TerminalBackend } from './registry.js';

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
      const containerId = svc.manager.get(ref).id;
      const execId = await svc.openTerminal(
        containerId,
        { cmd: opts.cmd, env: [], user: opts.user, workdir: opts.workdir, tty: true },
        size,
      );
      return { containerId, pty: svc.execs.get(execId) };
    },
    async hasBash(ref) {
      const r = await svc.manager.exec(ref, { cmd: ['test', '-x', '/bin/bash'] });
      return r.exitCode === 0;
    },
    async isStopped(containerId) {
      let rec;
      try {
        rec = svc.manager.get(containerId);
      } catch {
        return true;
      }
      if (rec.state !== 'running' && rec.state !== 'paused') return true;
      if (rec.pid === null) return true;
      const stat = await readFile(`/proc/${rec.pid}/stat`, 'utf8').catch(() => null);
      return !isLiveProcStat(stat);
    },
  };
}
