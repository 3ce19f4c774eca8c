import type { TerminalExitReason } from '@berth/protocol';
import { OutputCoalescer } from './coalescer.js';
import type { Timers } from './coalescer.js';
import { FlowControl } from './flow-control.js';

interface Disposable {
  dispose(): void;
}

/** The PTY side of a session (the runtime's ExecSession fits). */
export interface Pty {
  write(data: Buffer): void;
  resize(size: { cols: number; rows: number }): void;
  onData(listener: (data: Buffer) => void): Disposable;
  onExit(listener: (exit: { exitCode: number }) => void): Disposable;
  pause(): void;
  resume(): void;
  dispose(): void;
}

export interface SessionEnd {
  exitCode: number | null;
  reason: TerminalExitReason;
  message?: string;
}

export interface TerminalSessionOptions {
  id: string;
  containerId: string;
  pty: Pty;
  /** One output frame for the web. */
  send: (frame: Buffer) => void;
  /** Called once when the PTY's process exits by itself; decides how the exit is reported. */
  onExit: (exitCode: number) => void;
  frameBytes: number;
  frameDelayMs: number;
  /** A frame this big means output is streaming (see OutputCoalescer). */
  frameStreamBytes: number;
  highWater: number;
  lowWater: number;
  timers?: Timers;
}

/**
 * One open terminal: PTY output → coalesced frames with credit-based backpressure; input bytes
 * to the PTY as they came (never decoded: a terminal sends bytes, not only UTF-8); every
 * listener and timer released by `dispose`.
 */
export class TerminalSession {
  readonly id: string;
  readonly containerId: string;
  readonly #pty: Pty;
  readonly #flow: FlowControl;
  readonly #out: OutputCoalescer;
  readonly #subs: Disposable[];
  #done = false;

  constructor(opts: TerminalSessionOptions) {
    this.id = opts.id;
    this.containerId = opts.containerId;
    this.#pty = opts.pty;
    this.#flow = new FlowControl(opts.highWater, opts.lowWater);
    this.#out = new OutputCoalescer({
      maxBytes: opts.frameBytes,
      delayMs: opts.frameDelayMs,
      streamBytes: opts.frameStreamBytes,
      timers: opts.timers,
      emit: (frame) => {
        opts.send(frame);
        if (this.#flow.sent(frame.length) === 'pause') this.#pty.pause();
      },
    });
    this.#subs = [
      this.#pty.onData((d) => this.#out.push(d)),
      this.#pty.onExit((e) => {
        if (this.#done) return;
        this.#out.flush();
        opts.onExit(e.exitCode);
      }),
    ];
  }

  get done(): boolean {
    return this.#done;
  }

  get unacked(): number {
    return this.#flow.unacked;
  }

  input(data: Uint8Array): void {
    if (this.#done || data.byteLength === 0) return;
    this.#pty.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  ack(bytes: number): void {
    if (!this.#done && this.#flow.acked(bytes) === 'resume') this.#pty.resume();
  }

  resize(cols: number, rows: number): void {
    if (!this.#done) this.#pty.resize({ cols, rows });
  }

  /** Sends what is buffered (when `flush`), then detaches every listener and hangs up. */
  dispose(flush: boolean): void {
    if (this.#done) return;
    this.#done = true;
    if (flush) this.#out.flush();
    this.#out.dispose();
    for (const s of this.#subs.splice(0)) s.dispose();
    this.#pty.dispose();
  }
}
