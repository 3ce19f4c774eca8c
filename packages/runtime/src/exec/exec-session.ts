import * as pty from 'node-pty';
import type { OciRuntime } from '../oci-runtime/types.js';
import { parseOrThrow } from '../validate.js';
import {
  terminalSizeSchema,
  prepareExec,
  type ExecOptionsInput,
  type ExecTarget,
  type TerminalSize,
} from './options.js';

export interface Disposable {
  dispose(): void;
}

export interface ExecExit {
  exitCode: number;
  signal: number | null;
}

/**
 * An interactive exec: `runc exec -t` under a node-pty pseudo-terminal (never nsenter, so the
 * process gets the container's cgroup, namespaces and capabilities).
 */
export class ExecSession {
  /** Resolves once with the exit of the exec'd process. */
  readonly exited: Promise<ExecExit>;
  private disposed = false;
  private readonly subscriptions: Disposable[] = [];

  private constructor(private readonly term: pty.IPty) {
    this.exited = new Promise((resolve) => {
      // kept past dispose(): `exited` must still settle
      term.onExit(({ exitCode, signal }) => resolve({ exitCode, signal: signal ? signal : null }));
    });
  }

  static async open(
    runtime: OciRuntime,
    target: ExecTarget,
    opts: ExecOptionsInput,
    size: TerminalSize,
  ): Promise<ExecSession> {
    const { cols, rows } = parseOrThrow(terminalSizeSchema, size, 'terminal size');
    const prepared = await prepareExec(target, opts, true);
    const args = [...runtime.globalArgs(), ...runtime.execArgs(target.id, prepared.opts)];
    const term = pty.spawn(runtime.binary, args, {
      name: 'xterm-256color',
      cols,
      rows,
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
      // bytes both ways: whoever shows the output decodes it (once), input goes in as sent
      encoding: null,
    });
    const session = new ExecSession(term);
    void session.exited.then(() => prepared.release());
    return session;
  }

  get pid(): number {
    return this.term.pid;
  }

  /** Input bytes for the PTY, as they are (a terminal sends any byte, not only UTF-8). */
  write(data: Buffer): void {
    if (!this.disposed) this.term.write(data);
  }

  resize(size: TerminalSize): void {
    const { cols, rows } = parseOrThrow(terminalSizeSchema, size, 'terminal size');
    if (!this.disposed) this.term.resize(cols, rows);
  }

  /** Output bytes as the PTY gave them (not decoded: a read may end inside a UTF-8 sequence). */
  onData(listener: (data: Buffer) => void): Disposable {
    // with `encoding: null` node-pty emits Buffers; its typings still say string
    const d = this.term.onData(listener as unknown as (data: string) => void);
    this.subscriptions.push(d);
    return d;
  }

  onExit(listener: (exit: ExecExit) => void): Disposable {
    let active = true;
    void this.exited.then((e) => active && listener(e));
    return { dispose: () => (active = false) };
  }

  /** Flow control: stop reading from the PTY (the process blocks once the buffer fills). */
  pause(): void {
    this.term.pause();
  }

  resume(): void {
    this.term.resume();
  }

  /** Detaches every listener and hangs up the terminal (runc forwards SIGHUP to the process). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subscriptions.splice(0)) s.dispose();
    try {
      this.term.kill('SIGHUP');
    } catch {
      /* already gone */
    }
  }
}
