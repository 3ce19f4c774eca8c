import { spawn } from 'node:child_process';
import { RuntimeError, type RuntimeErrorCode } from '../errors.js';

export interface BinaryResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A runtime binary exited non-zero: carries the command line, exit code and stderr. */
export class RuntimeExitError extends RuntimeError {
  constructor(
    code: RuntimeErrorCode,
    readonly binary: string,
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(
      code,
      `${binary} ${args.filter((a) => !a.startsWith('--root')).join(' ')}: exit ${exitCode}: ${stderr.trim()}`,
      {
        details: { exitCode, stderr },
      },
    );
  }
}

/** Maps runc/crun stderr wording to an error code. */
export function classifyStderr(stderr: string): RuntimeErrorCode {
  const s = stderr.toLowerCase();
  if (/does not exist|not found|no such file/.test(s)) return 'NOT_FOUND';
  if (/already exists/.test(s)) return 'ALREADY_EXISTS';
  if (/not running|not paused|not stopped|still running|is paused|cannot/.test(s))
    return 'FAILED_PRECONDITION';
  return 'INTERNAL';
}

/** Spawns a binary directly (no shell), collects output; non-zero exit → RuntimeExitError. */
export interface RunOptions {
  input?: string;
  allowFailure?: boolean;
  /**
   * For `create`: the container inherits the runtime's stdio, so pipes never reach EOF. Stdin and
   * stdout go to /dev/null and a success resolves on exit (stderr is closed on our side).
   */
  detached?: boolean;
}

export function runBinary(
  binary: string,
  args: string[],
  opts: RunOptions = {},
): Promise<BinaryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: [opts.detached ? 'ignore' : 'pipe', opts.detached ? 'ignore' : 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(RuntimeError.wrap(e, `spawn ${binary}`, 'UNAVAILABLE')));
    if (opts.detached) {
      child.on('exit', (code) => {
        if (code === 0) {
          child.stderr?.destroy();
          resolve({ stdout: '', stderr: Buffer.concat(err).toString('utf8'), exitCode: 0 });
        }
      });
    }
    child.on('close', (code, signal) => {
      const result = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? (signal ? 128 : 1),
      };
      if (result.exitCode === 0 || opts.allowFailure) resolve(result);
      else
        reject(
          new RuntimeExitError(
            classifyStderr(result.stderr),
            binary,
            args,
            result.exitCode,
            result.stderr,
          ),
        );
    });
    child.stdin?.on('error', () => undefined); // EPIPE when the binary exits without reading
    child.stdin?.end(opts.input ?? '');
  });
}
