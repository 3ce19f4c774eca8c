import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { lazyModule } from '../lazy-module.js';
import { ATTACH_READER_WORKER_SOURCE } from './attach-reader-worker.js';

/** node:worker_threads: loaded by the first terminal, not by every agent. */
const workerThreads = lazyModule<typeof WorkerThreads>('node:worker_threads');

/** Slots of a session's shared control array (see attach-reader-worker.ts). */
export const CTL = { PAUSED: 0, CONSUMED: 1, STOP: 2, CLOSED: 3, LENGTH: 4 } as const;

/** A message from a reader worker, about session `id`. */
export type FromWorker = { id: number } & (
  { t: 'up' } | { t: 'd'; b: Uint8Array } | { t: 'end' } | { t: 'err'; m: string } | { t: 'closed' }
);

/** The session a worker serves: its messages, and the worker's loss (it ended by itself). */
export interface ReaderClient {
  readonly id: number;
  readonly control: Int32Array;
  onMessage(m: FromWorker): void;
  onLost(): void;
}

export interface ReaderPoolOptions {
  /** Parked workers kept for the next session; a worker freed beyond these ends. */
  maxIdle: number;
  /** A parked worker not taken again within this time ends. */
  idleMs: number;
  /** Output batches posted and not yet taken, at most (flow control). */
  maxInFlight: number;
  /** A batch's size at most (a full one is exactly this). */
  batchBytes: number;
  /** A batch at least this big means output streams: the next waits to fill, ≤ holdMs. */
  streamBytes: number;
  holdMs: number;
}

/** On exit, how long a worker has to destroy its socket (it is idle in its loop: ≪ 1 ms). */
const EXIT_CLOSE_WAIT_MS = 500;

class ReaderWorker {
  readonly worker: Worker;
  client: ReaderClient | null = null;
  /** Set once `close` was posted for the current client. */
  closing = false;
  idleTimer: NodeJS.Timeout | null = null;
  readonly exited: Promise<void>;
  #freed: (() => void)[] = [];

  constructor(opts: ReaderPoolOptions, onExit: (w: ReaderWorker) => void) {
    this.worker = new (workerThreads().Worker)(ATTACH_READER_WORKER_SOURCE, {
      eval: true,
      workerData: {
        maxInFlight: opts.maxInFlight,
        batchBytes: opts.batchBytes,
        streamBytes: opts.streamBytes,
        holdMs: opts.holdMs,
        // seqpacket.js, not the package's index (see attach-reader-worker.ts)
        socketModule: createRequire(import.meta.url).resolve('node-unix-socket/js/seqpacket.js'),
      },
      // the agent's --max-semi-space-size etc. are for its main heap
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        onExit(this);
        resolve();
      });
    });
    this.worker.on('error', () => undefined);
    this.worker.on('message', (m: FromWorker) => {
      if (this.client?.id === m.id) this.client.onMessage(m);
    });
  }

  /** Resolves when the current session is off this worker (or it ended). */
  untilFree(): Promise<void> {
    if (!this.client) return Promise.resolve();
    return new Promise((resolve) => this.#freed.push(resolve));
  }

  /** The session is off: `client` cleared, waiters told. */
  free(): void {
    this.client = null;
    this.closing = false;
    for (const f of this.#freed.splice(0)) f();
  }
}

/**
 * The attach readers' worker threads. A worker serves one session at a time (it blocks in
 * `Atomics.wait` while its session is paused, so it cannot serve two); once that session's
 * socket is destroyed it is parked and taken by the next session, and only a parked worker ever
 * ends (beyond `maxIdle`, or after `idleMs`): a worker never ends, nor is terminated, with a
 * socket open (libuv aborts the process on it). `closeAll` destroys every session's socket and
 * ends the workers, for a clean shutdown; if the process exits before that, an `exit` handler
 * has each busy worker destroy its socket first (it waits for each, at most 500 ms).
 */
export class AttachReaderPool {
  readonly #idle: ReaderWorker[] = [];
  readonly #busy = new Set<ReaderWorker>();
  #nextId = 1;
  #exitHook: (() => void) | null = null;

  constructor(private readonly opts: ReaderPoolOptions) {}

  /** Workers now: serving a session (or closing one), and parked. */
  get size(): { busy: number; idle: number } {
    return { busy: this.#busy.size, idle: this.#idle.length };
  }

  /** A fresh session id (ids are never reused, so a late message cannot reach another session). */
  nextId(): number {
    return this.#nextId++;
  }

  /** Starts `client`'s session on a parked worker or a new one: connects to `<dir>/attach`. */
  open(client: ReaderClient, dir: string): void {
    let w = this.#idle.pop();
    if (w) {
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.idleTimer = null;
      w.worker.ref();
    } else {
      w = new ReaderWorker(this.opts, (gone) => this.#onExit(gone));
      this.#installExitHook();
    }
    w.client = client;
    w.closing = false;
    this.#busy.add(w);
    w.worker.postMessage({ t: 'open', id: client.id, dir, control: client.control.buffer });
  }

  /** Input for `client`'s socket (the buffer is handed over). */
  write(client: ReaderClient, b: Uint8Array<ArrayBuffer>): void {
    const w = this.#workerOf(client);
    if (w && !w.closing) w.worker.postMessage({ t: 'in', id: client.id, b }, [b.buffer]);
  }

  /**
   * Destroys `client`'s socket: stop set (a blocked worker returns), then `close`; the worker
   * answers `closed` (to the client) once the socket's close ran, and is parked.
   */
  close(client: ReaderClient): void {
    const w = this.#workerOf(client);
    if (!w || w.closing) return;
    w.closing = true;
    stop(client.control);
    w.worker.postMessage({ t: 'close', id: client.id });
  }

  /** Called by the client on `closed`: its worker goes back to the pool. */
  release(client: ReaderClient): void {
    const w = this.#workerOf(client);
    if (!w) return;
    w.free();
    this.#busy.delete(w);
    if (this.#idle.length >= this.opts.maxIdle) {
      w.worker.postMessage({ t: 'exit' });
      return;
    }
    w.worker.unref();
    w.idleTimer = setTimeout(() => {
      const i = this.#idle.indexOf(w);
      if (i >= 0) this.#idle.splice(i, 1);
      w.worker.postMessage({ t: 'exit' });
    }, this.opts.idleMs);
    w.idleTimer.unref();
    this.#idle.push(w);
  }

  /**
   * Destroys every session's socket (their clients see `closed`, then the end), then ends every
   * worker. For the agent's shutdown; sessions opened meanwhile are closed too.
   */
  async closeAll(): Promise<void> {
    for (let round = 0; round < 3 && this.#busy.size > 0; round++) {
      const busy = [...this.#busy];
      for (const w of busy) if (w.client) this.close(w.client);
      await Promise.race([
        Promise.all(busy.map((w) => w.untilFree())),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ]);
    }
    const idle = this.#idle.splice(0);
    for (const w of idle) {
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.worker.postMessage({ t: 'exit' });
    }
    await Promise.all(idle.map((w) => w.exited));
  }

  #workerOf(client: ReaderClient): ReaderWorker | undefined {
    for (const w of this.#busy) if (w.client === client) return w;
    return undefined;
  }

  #onExit(w: ReaderWorker): void {
    if (w.idleTimer) clearTimeout(w.idleTimer);
    const i = this.#idle.indexOf(w);
    if (i >= 0) this.#idle.splice(i, 1);
    const client = w.client;
    this.#busy.delete(w);
    w.free();
    client?.onLost();
  }

  /**
   * process.exit() ends the workers as they are: one with its socket open would abort the
   * process. So at exit each busy worker is told to destroy its socket, and waited for.
   */
  #installExitHook(): void {
    if (this.#exitHook) return;
    this.#exitHook = () => {
      const waits: Int32Array[] = [];
      for (const w of this.#busy) {
        if (!w.client) continue;
        if (!w.closing) {
          w.closing = true;
          stop(w.client.control);
          w.worker.postMessage({ t: 'close', id: w.client.id });
        }
        waits.push(w.client.control);
      }
      const deadline = Date.now() + EXIT_CLOSE_WAIT_MS;
      for (const c of waits) {
        const left = deadline - Date.now();
        if (left > 0) Atomics.wait(c, CTL.CLOSED, 0, left);
      }
    };
    process.on('exit', this.#exitHook);
  }
}

/** Unblocks a worker waiting in its session (paused or window full) and stops its output. */
function stop(control: Int32Array): void {
  Atomics.store(control, CTL.STOP, 1);
  Atomics.notify(control, CTL.PAUSED);
  Atomics.notify(control, CTL.CONSUMED);
}
