import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { OciRuntime } from '../oci-runtime/types.js';
import type { ExecExit } from './exec-session.js';
import { prepareExec, type ExecOptionsInput, type ExecTarget } from './options.js';

/**
 * A streaming exec without a terminal (`runc exec` with pipes): stdout and stderr arrive apart
 * as the process writes them, stdin is a pipe (end it for EOF). For attach clients that need the
 * streams live (the Docker API's exec start); `runExec` collects them instead.
 */
export class ExecProcess {
  /** Resolves once with the exit; 128 + n when the runtime was killed by signal n. */
  readonly exited: Promise<ExecExit>;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, Readable>) {
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) =>
        resolve({
          exitCode: code ?? 128 + (signal ? signalNumber(signal) : 0),
          signal: signal ? signalNumber(signal) : null,
        }),
      );
      child.once('error', () => resolve({ exitCode: 126, signal: null }));
    });
    // a client that goes away must not crash the agent with EPIPE
    child.stdin.on('error', () => undefined);
  }

  static async open(
    runtime: OciRuntime,
    target: ExecTarget,
    opts: ExecOptionsInput,
  ): Promise<ExecProcess> {
    const prepared = await prepareExec(target, opts, false);
    const args = [...runtime.globalArgs(), ...runtime.execArgs(target.id, prepared.opts)];
    const child = spawn(runtime.binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    const exec = new ExecProcess(child);
    void exec.exited.then(() => prepared.release());
    return exec;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get stdout(): Readable {
    return this.child.stdout;
  }

  get stderr(): Readable {
    return this.child.stderr;
  }

  get stdin(): Writable {
    return this.child.stdin;
  }

  /** Signals the runtime process (runc forwards it to the exec'd process). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    try {
      this.child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function signalNumber(s: NodeJS.Signals): number {
  return constants.signals[s] ?? 0;
}
