import { readFile, rm } from 'node:fs/promises';
import type { OciRuntime } from '../oci-runtime/types.js';
import { prepareExec, type ExecOptionsInput, type ExecTarget } from './options.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecControl {
  /** Aborting SIGKILLs the exec'd process inside the container (found through `pidFile`). */
  signal: AbortSignal;
  /** Where runc writes the process's host PID; removed afterwards. */
  pidFile: string;
}

/**
 * Non-interactive exec (`runc exec`): waits for the process, returns its output and exit code.
 * With `control`, an abort kills the process in the container (killing the runc client alone
 * would leave it running) and the result is what runc reports for the killed process.
 */
export async function runExec(
  runtime: OciRuntime,
  target: ExecTarget,
  opts: ExecOptionsInput,
  control?: ExecControl,
): Promise<ExecResult> {
  const prepared = await prepareExec(target, opts, false);
  try {
    if (!control) {
      const r = await runtime.exec(target.id, prepared.opts);
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    }
    const { signal, pidFile } = control;
    const onAbort = () => void killExecProcess(pidFile);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await runtime.exec(target.id, { ...prepared.opts, pidFile });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    } finally {
      signal.removeEventListener('abort', onAbort);
      await rm(pidFile, { force: true });
    }
  } finally {
    await prepared.release();
  }
}

/** SIGKILLs the process whose PID runc wrote (waiting up to 2 s for the file to appear). */
async function killExecProcess(pidFile: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
