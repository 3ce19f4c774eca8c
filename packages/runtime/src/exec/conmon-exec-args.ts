import { join } from 'node:path';
import { runtimeArgFlags } from '../monitor/conmon-args.js';

/**
 * Where interactive exec sessions live: `<execRoot>/execs/<session>/`, one directory each —
 * conmon's bundle for the exec (`attach` socket, `ctl` FIFO), the process spec, the pid files
 * and conmon's own exit dir. Never inside the containers' `<execRoot>/exits`: the exit watcher
 * reads every file there as a container's exit.
 */
export const EXEC_SESSIONS_DIR = 'execs';

/** Pure: an exec session's id: 16 hex digits (it names a directory and conmon's `-u`). */
export const EXEC_SESSION_ID = /^[0-9a-f]{16}$/;

export function execSessionsRoot(execRoot: string): string {
  return join(execRoot, EXEC_SESSIONS_DIR);
}

/** Pure: the files of one exec session. */
export function execSessionPaths(execRoot: string, sessionId: string) {
  const dir = join(execSessionsRoot(execRoot), sessionId);
  return {
    dir,
    processSpec: join(dir, 'process.json'),
    /** The exec'd process's host pid (the runtime's `--pid-file`). */
    pidFile: join(dir, 'pid'),
    conmonPidFile: join(dir, 'conmon.pid'),
    /** conmon writes the exit file here before the sync pipe's exit code, and never creates it. */
    exitDir: join(dir, 'exits'),
    /** conmon links `<socketDir>/<session>` to the bundle; inside, so removing `dir` removes it. */
    socketDir: join(dir, 'socks'),
  };
}

export interface ConmonExecConfig {
  sessionId: string;
  containerId: string;
  runtimeBinary: string;
  /** The runtime's global args (`--root R`). */
  runtimeArgs: string[];
  paths: ReturnType<typeof execSessionPaths>;
}

/**
 * Pure: conmon's command line for an interactive exec, as Podman's `exec -it` runs it: conmon
 * runs `<runtime> exec -d --tty --process <spec>`, holds the console master the runtime hands
 * it, and serves it on its attach socket (`--exec-attach`: it waits for a client before it
 * starts the process, so no output is lost). No log (`-l none`): the output goes to the client.
 */
export function conmonExecArgs(c: ConmonExecConfig): string[] {
  const p = c.paths;
  return [
    '--api-version',
    '1',
    '-c',
    c.containerId,
    '-u',
    c.sessionId,
    '-r',
    c.runtimeBinary,
    ...runtimeArgFlags(c.runtimeArgs),
    '-b',
    p.dir,
    '-p',
    p.pidFile,
    '-P',
    p.conmonPidFile,
    '-l',
    'none',
    '--exit-dir',
    p.exitDir,
    '--socket-dir-path',
    p.socketDir,
    '--full-attach',
    '-t',
    '--exec',
    '--exec-attach',
    '--exec-process-spec',
    p.processSpec,
  ];
}

/** Pure: one message of conmon's sync/attach pipes (`{"data": N}`), null when it is not one. */
export function parsePipeMessage(line: string): { data: number; message?: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { data, message } = parsed as { data?: unknown; message?: unknown };
  if (typeof data !== 'number' || !Number.isInteger(data)) return null;
  return typeof message === 'string' ? { data, message } : { data };
}
