import { TERMINAL_FRAME_MAX_BYTES } from '@berth/protocol';
import { RuntimeError } from '../errors.js';
import { chunkInput } from '../monitor/attach-protocol.js';
import { AttachReaderPool, CTL, type FromWorker, type ReaderClient } from './attach-reader-pool.js';

/**
 * The process's reader workers: one parked at most, for a minute (≈ 8–9 MB of RSS; a page
 * reload re-uses it: a new worker answers in 45–107 ms at load 5–6, a parked one in ≈ 1 ms,
 * bench/README.md 2026-12-07 afternoon; two were parked before). Output in batches of the
 * agent's frame size (a full batch is a frame, sent without a copy), held ≤ 5 ms while streaming
 * as the agent's coalescer holds frames; at most 8 batches (512 KiB) taken from the socket and
 * not delivered.
 */
const pool = new AttachReaderPool({
  maxIdle: 1,
  idleMs: 60_000,
  maxInFlight: 8,
  batchBytes: TERMINAL_FRAME_MAX_BYTES,
  streamBytes: 8 * 1024,
  holdMs: 5,
});

/**
 * Destroys every attach reader's socket and ends their worker threads. Call it when the
 * process shuts down, after the sessions were let go (an exit without it still destroys them,
 * see AttachReaderPool).
 */
export function closeAttachReaders(): Promise<void> {
  return pool.closeAll();
}

/** The reader workers now (busy: serving or closing a session; idle: parked). For tests. */
export function attachReaderWorkers(): { busy: number; idle: number } {
  return pool.size;
}

/**
 * A client of conmon's attach socket (`<dir>/attach`) that can stop reading: node-unix-socket
 * has no pause, so the socket is read in a worker thread that blocks while `pause()` holds (see
 * attach-reader-worker.ts), one of a pool (attach-reader-pool.ts). Output arrives in order
 * through `onData`; `ended` resolves after the last of it, once conmon closed the socket, or
 * once `close()` destroyed it.
 */
export class AttachReader implements ReaderClient {
  readonly id = pool.nextId();
  readonly control = new Int32Array(new SharedArrayBuffer(CTL.LENGTH * 4));
  readonly ended: Promise<void>;
  /** Null until a listener is set: output is held meanwhile (the worker waits on it). */
  #onData: ((data: Buffer) => void) | null = null;
  #end!: () => void;
  #closed = false;
  /** Batches that came while paused (at most maxInFlight: the worker waits for them). */
  readonly #held: Buffer[] = [];
  #endSeen = false;
  #onConnect: ((err: string | null) => void) | null = null;

  private constructor() {
    this.ended = new Promise((resolve) => (this.#end = resolve));
  }

  /** Connects to the attach socket in `dir` (UNAVAILABLE when nobody listens there). */
  static connect(dir: string): Promise<AttachReader> {
    const r = new AttachReader();
    return new Promise((resolve, reject) => {
      r.#onConnect = (err) => {
        r.#onConnect = null;
        if (err === null) return resolve(r);
        r.close();
        reject(new RuntimeError('UNAVAILABLE', `exec attach: ${err}`));
      };
      pool.open(r, dir);
    });
  }

  /** @internal the pool's delivery of this session's worker messages */
  onMessage(m: FromWorker): void {
    switch (m.t) {
      case 'up':
        this.#onConnect?.(null);
        break;
      case 'err':
        this.#onConnect?.(m.m);
        break;
      case 'd':
        this.#held.push(Buffer.from(m.b.buffer, m.b.byteOffset, m.b.byteLength));
        this.#deliver();
        break;
      case 'end':
        this.#endSeen = true;
        this.#deliver();
        break;
      case 'closed':
        pool.release(this);
        this.#end();
        break;
    }
  }

  /** @internal the worker ended by itself (it should not) */
  onLost(): void {
    this.#onConnect?.('the reader stopped');
    this.#closed = true;
    this.#end();
  }

  /**
   * The one output listener (bytes as console reads gave them, several reads in one buffer when
   * they came at once). Until it is set, output is held, so what the process writes at once is
   * not lost before its reader is wired.
   */
  set onData(listener: (data: Buffer) => void) {
    this.#onData = listener;
    this.#deliver();
  }

  /** Input bytes for the process's terminal, in packets conmon takes whole. */
  write(data: Buffer): void {
    if (this.#closed) return;
    for (const chunk of chunkInput(data)) pool.write(this, new Uint8Array(chunk));
  }

  /**
   * Stops reading after the batch in hand, and delivers nothing until `resume` (what the worker
   * had already read is held): conmon, then the process, block on their writes.
   */
  pause(): void {
    Atomics.store(this.control, CTL.PAUSED, 1);
  }

  resume(): void {
    Atomics.store(this.control, CTL.PAUSED, 0);
    this.#deliver();
    Atomics.notify(this.control, CTL.PAUSED);
  }

  /** Hands held batches to the listener while not paused (a listener may pause), then the end. */
  #deliver(): void {
    while (this.#held.length > 0 && Atomics.load(this.control, CTL.PAUSED) === 0 && this.#onData) {
      const b = this.#held.shift()!;
      Atomics.add(this.control, CTL.CONSUMED, 1);
      Atomics.notify(this.control, CTL.CONSUMED);
      if (!this.#closed) this.#onData(b);
    }
    if (this.#endSeen && this.#held.length === 0) this.#end();
  }

  /**
   * Destroys the socket (conmon drops the client); the worker goes back to the pool once that
   * is done. Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held.length = 0;
    pool.close(this);
  }
}
