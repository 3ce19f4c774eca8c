import type { TerminalExitReason } from '@berth/protocol';
import { OutputCoalescer } from './coalescer.js';
import type { Timers } from './coalescer.js';
import { FlowControl } from './flow-control.js';
import { Scrollback } from './scrollback.js';

interface Disposable {
  dispose(): void;
}

/** The PTY side of a session (the runtime's ExecSession fits). */
export interface Pty {
  /** The exec's parent (for the runtime's ExecSession: conmon, the shell its child). */
  readonly pid?: number;
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
  /** The command it runs (what `attach` reports). */
  cmd: string[];
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
  /** The newest output bytes kept for a page that comes back (0: none). */
  scrollbackBytes: number;
  timers?: Timers;
}

/**
 * One open terminal: PTY output → coalesced frames with credit-based backpressure; input bytes
 * to the PTY as they came (never decoded: a terminal sends bytes, not only UTF-8); every
 * listener and timer released by `dispose`. Output is also kept in a bounded scrollback: while
 * no page is attached (`detach`) it goes there only, and `attach` replays it before live output.
 */
export class TerminalSession {
  readonly id: string;
  readonly containerId: string;
  readonly cmd: string[];
  readonly #pty: Pty;
  readonly #opts: TerminalSessionOptions;
  #flow: FlowControl;
  readonly #out: OutputCoalescer;
  readonly #scrollback: Scrollback;
  readonly #subs: Disposable[];
  #done = false;
  #attached = true;

  constructor(opts: TerminalSessionOptions) {
    this.id = opts.id;
    this.containerId = opts.containerId;
    this.cmd = opts.cmd;
    this.#pty = opts.pty;
    this.#opts = opts;
    this.#flow = new FlowControl(opts.highWater, opts.lowWater);
    this.#scrollback = new Scrollback(opts.scrollbackBytes);
    this.#out = new OutputCoalescer({
      maxBytes: opts.frameBytes,
      delayMs: opts.frameDelayMs,
      streamBytes: opts.frameStreamBytes,
      timers: opts.timers,
      emit: (frame) => this.#send(frame),
    });
    this.#subs = [
      this.#pty.onData((d) => {
        this.#scrollback.push(d);
        if (this.#attached) this.#out.push(d);
      }),
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

  get pid(): number | undefined {
    return this.#pty.pid;
  }

  get attached(): boolean {
    return this.#attached;
  }

  #send(frame: Buffer): void {
    if (!this.#attached) return;
    this.#opts.send(frame);
    if (this.#flow.sent(frame.length) === 'pause') this.#pty.pause();
  }

  /** No page shows it now: output goes to the scrollback only, and the PTY never waits on acks. */
  detach(): void {
    if (this.#done || !this.#attached) return;
    this.#out.flush();
    this.#attached = false;
    this.#resetFlow();
  }

  /**
   * A page shows it again (after a detach, or taking it over from another page): the size it
   * has, then the scrollback as frames, then live output. Returns the bytes replayed.
   */
  attach(cols: number, rows: number): number {
    if (this.#done) return 0;
    // Bytes held for a frame are in the scrollback too: replayed below, not sent twice.
    this.#out.discard();
    this.#resetFlow();
    this.#attached = true;
    const replay = this.#scrollback.snapshot();
    for (let at = 0; at < replay.length; at += this.#opts.frameBytes) {
      this.#send(replay.subarray(at, at + this.#opts.frameBytes));
    }
    this.#pty.resize({ cols, rows });
    return replay.length;
  }

  #resetFlow(): void {
    const wasPaused = this.#flow.paused;
    this.#flow = new FlowControl(this.#opts.highWater, this.#opts.lowWater);
    if (wasPaused) this.#pty.resume();
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
