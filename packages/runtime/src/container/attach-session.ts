import type { SeqpacketSocket } from 'node-unix-socket';
import {
  chunkInput,
  decodeAttachPacket,
  type AttachStreamName,
} from '../monitor/attach-protocol.js';
import { resizeTerminal } from '../monitor/attach-socket.js';
import { parseOrThrow } from '../validate.js';
import { terminalSizeSchema, type TerminalSize } from '../exec/options.js';
import type { Disposable } from '../exec/exec-session.js';

export type AttachDataListener = (data: Buffer, stream: AttachStreamName) => void;

/**
 * One client attached to a container's main process through conmon's attach socket: output
 * packets in, stdin packets out, resizes through conmon's ctl FIFO. A session made before the
 * container starts is "pending": writes and the size are kept and delivered once it is bound
 * to the socket (between conmon's `runtime create` and `runtime start`, so no output is lost).
 * Closing a session detaches; the container keeps running under conmon.
 */
export class AttachSession {
  /** Resolves when the session ends: the container exited (conmon closed), or close(). */
  readonly ended: Promise<void>;
  private socket: SeqpacketSocket | null = null;
  private queued: Buffer[] = [];
  private size: TerminalSize | null = null;
  private closed = false;
  private inputEnded = false;
  private readonly listeners = new Set<AttachDataListener>();
  private readonly closers = new Set<() => void>();
  private end!: () => void;

  constructor(
    readonly containerId: string,
    private readonly bundle: string,
    /** The container has a terminal (resizes apply). */
    readonly tty: boolean,
    /** Input is forwarded (the container was created with open stdin). */
    readonly stdin: boolean,
  ) {
    this.ended = new Promise((resolve) => (this.end = resolve));
  }

  get bound(): boolean {
    return this.socket !== null;
  }

  /** Hands the session its connected socket: sets the size, flushes queued input. */
  bind(socket: SeqpacketSocket): void {
    if (this.closed || this.socket) {
      socket.destroy();
      return;
    }
    this.socket = socket;
    socket.on('data', (packet: Buffer) => {
      const p = decodeAttachPacket(packet);
      if (p) for (const l of this.listeners) l(p.data, p.stream);
    });
    socket.once('end', () => this.close());
    socket.once('error', () => this.close());
    if (this.size) this.applySize(this.size);
    for (const b of this.queued.splice(0)) this.send(b);
    if (this.inputEnded) this.closeInput();
  }

  onData(listener: AttachDataListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Runs once when the session ends (at once if it already has). */
  onClose(listener: () => void): Disposable {
    if (this.closed) {
      listener();
      return { dispose: () => undefined };
    }
    this.closers.add(listener);
    return { dispose: () => this.closers.delete(listener) };
  }

  /** Stdin bytes for the container (ignored without open stdin). */
  write(data: string | Buffer): void {
    if (this.closed || !this.stdin) return;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.socket) this.send(buf);
    else this.queued.push(buf);
  }

  resize(size: TerminalSize): void {
    const s = parseOrThrow(terminalSizeSchema, size, 'terminal size');
    this.size = s;
    if (this.socket && !this.closed) this.applySize(s);
  }

  /**
   * Ends the input (a half-close of the attach socket): conmon closes the process's stdin when
   * the container was created with `stdinOnce`; output keeps flowing until it exits.
   */
  closeInput(): void {
    if (this.closed) return;
    if (!this.socket) {
      this.inputEnded = true;
      return;
    }
    try {
      this.socket.end();
    } catch {
      /* conmon is gone */
    }
  }

  /** Detaches (the container keeps running). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queued = [];
    this.socket?.destroy();
    this.listeners.clear();
    for (const c of this.closers) c();
    this.closers.clear();
    this.end();
  }

  private send(buf: Buffer): void {
    try {
      for (const chunk of chunkInput(buf)) this.socket?.write(chunk);
    } catch {
      this.close();
    }
  }

  private applySize(size: TerminalSize): void {
    if (!this.tty) return;
    try {
      resizeTerminal(this.bundle, size);
    } catch {
      /* conmon is gone: the socket's end closes the session */
    }
  }
}
