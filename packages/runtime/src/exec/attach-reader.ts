import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RuntimeError } from '../errors.js';
import { chunkInput } from '../monitor/attach-protocol.js';
import { ATTACH_READER_WORKER_SOURCE } from './attach-reader-worker.js';

const PAUSED = 0;
const CONSUMED = 1;
const STOP = 2;

/** Packets (≤ 8 KiB each from conmon) posted by the worker and not yet taken here, at most. */
const MAX_IN_FLIGHT = 64;

type FromWorker = { t: 'up' } | { t: 'd'; b: Uint8Array } | { t: 'end' } | { t: 'err'; m: string };

/**
 * A client of conmon's attach socket (`<dir>/attach`) that can stop reading: node-unix-socket
 * has no pause, so the socket is read in a worker thread that blocks while `pause()` holds (see
 * attach-reader-worker.ts). Output arrives in order through `onData`; `ended` resolves after the
 * last of it, once conmon closed the socket (or `close()`).
 */
export class AttachReader {
  readonly ended: Promise<void>;
  readonly #worker: Worker;
  readonly #control = new Int32Array(new SharedArrayBuffer(3 * 4));
  /** Null until a listener is set: output is held meanwhile (the worker waits on it). */
  #onData: ((data: Buffer) => void) | null = null;
  #end!: () => void;
  #closed = false;
  /** Packets that came while paused (at most MAX_IN_FLIGHT: the worker waits for them). */
  readonly #held: Buffer[] = [];
  #endSeen = false;

  private constructor(dir: string) {
    this.ended = new Promise((resolve) => (this.#end = resolve));
    this.#worker = new Worker(ATTACH_READER_WORKER_SOURCE, {
      eval: true,
      workerData: {
        dir,
        control: this.#control.buffer,
        maxInFlight: MAX_IN_FLIGHT,
        socketModule: createRequire(import.meta.url).resolve('node-unix-socket'),
      },
      // the agent's --max-semi-space-size etc. are for its main heap
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    this.#worker.on('exit', () => this.#end());
    this.#worker.on('error', () => this.#end());
  }

  /** Connects to the attach socket in `dir` (UNAVAILABLE when nobody listens there). */
  static connect(dir: string): Promise<AttachReader> {
    const r = new AttachReader(dir);
    return new Promise((resolve, reject) => {
      const fail = (message: string) => {
        r.close();
        reject(new RuntimeError('UNAVAILABLE', `exec attach: ${message}`));
      };
      r.#worker.once('exit', () => fail('the reader stopped'));
      r.#worker.on('message', (m: FromWorker) => {
        switch (m.t) {
          case 'up':
            resolve(r);
            break;
          case 'err':
            fail(m.m);
            break;
          case 'd':
            r.#held.push(Buffer.from(m.b.buffer, m.b.byteOffset, m.b.byteLength));
            r.#deliver();
            break;
          case 'end':
            r.#endSeen = true;
            r.#deliver();
            break;
        }
      });
    });
  }

  /**
   * The one output listener (bytes as one console read gave them). Until it is set, output is
   * held, so what the process writes at once is not lost before its reader is wired.
   */
  set onData(listener: (data: Buffer) => void) {
    this.#onData = listener;
    this.#deliver();
  }

  /** Input bytes for the process's terminal, in packets conmon takes whole. */
  write(data: Buffer): void {
    if (this.#closed) return;
    for (const chunk of chunkInput(data)) {
      const b = new Uint8Array(chunk);
      this.#worker.postMessage({ t: 'in', b }, [b.buffer]);
    }
  }

  /**
   * Stops reading after the packet in hand, and delivers nothing until `resume` (what the worker
   * had already read is held): conmon, then the process, block on their writes.
   */
  pause(): void {
    Atomics.store(this.#control, PAUSED, 1);
  }

  resume(): void {
    Atomics.store(this.#control, PAUSED, 0);
    this.#deliver();
    Atomics.notify(this.#control, PAUSED);
  }

  /** Hands held packets to the listener while not paused (a listener may pause), then the end. */
  #deliver(): void {
    while (this.#held.length > 0 && Atomics.load(this.#control, PAUSED) === 0 && this.#onData) {
      const b = this.#held.shift()!;
      Atomics.add(this.#control, CONSUMED, 1);
      Atomics.notify(this.#control, CONSUMED);
      if (!this.#closed) this.#onData(b);
    }
    if (this.#endSeen && this.#held.length === 0) this.#end();
  }

  /** Closes the socket (conmon drops the client) and ends the worker. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    Atomics.store(this.#control, STOP, 1);
    Atomics.notify(this.#control, PAUSED);
    Atomics.notify(this.#control, CONSUMED);
    this.#worker.postMessage({ t: 'close' });
    // a worker that does not go by itself (a stuck socket) is ended
    const t = setTimeout(() => void this.#worker.terminate(), 1000);
    t.unref();
    void this.ended.then(() => clearTimeout(t));
  }
}
