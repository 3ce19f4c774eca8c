import type { OciRuntime } from '../oci-runtime/types.js';
import { toRuntimeExecOpts, type ExecOptionsInput, type ExecTarget } from './options.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Non-interactive exec (`runc exec`): waits for the process, returns its output and exit code. */
export async function runExec(
  runtime: OciRuntime,
  target: ExecTarget,
  opts: ExecOptionsInput,
): Promise<ExecResult> {
  const r = await runtime.exec(target.id, await toRuntimeExecOpts(target, opts, false));
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}
