export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface CoalescerOptions {
  /** A frame is sent as soon as this many bytes are buffered (and frames never exceed it). */
  maxBytes: number;
  /** …or this long after the first buffered byte. */
  delayMs: number;
  emit: (frame: Buffer) => void;
  timers?: Timers;
}

/**
 * Merges many small PTY chunks into fewer frames: flushes at `maxBytes` or `delayMs` after the
 * first byte of a frame, whichever comes first; splits big chunks into `maxBytes` frames.
 */
export class OutputCoalescer {
  readonly #parts: Buffer[] = [];
  #size = 0;
  #timer: unknown = null;
  #disposed = false;
  readonly #timers: Timers;

  constructor(private readonly opts: CoalescerOptions) {
    if (opts.maxBytes < 1) throw new RangeError('maxBytes must be ≥ 1');
    this.#timers = opts.timers ?? realTimers;
  }

  push(chunk: Buffer): void {
    if (this.#disposed) return;
    let rest = chunk;
    while (rest.length > 0) {
      const room = this.opts.maxBytes - this.#size;
      const part = rest.subarray(0, room);
      rest = rest.subarray(part.length);
      this.#parts.push(part);
      this.#size += part.length;
      if (this.#size >= this.opts.maxBytes) this.flush();
    }
    if (this.#size > 0 && this.#timer === null) {
      this.#timer = this.#timers.set(() => {
        this.#timer = null;
        this.flush();
      }, this.opts.delayMs);
    }
  }

  /** Sends what is buffered now (e.g. before reporting the exit). */
  flush(): void {
    if (this.#timer !== null) {
      this.#timers.clear(this.#timer);
      this.#timer = null;
    }
    if (this.#size === 0) return;
    const frame = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts);
    this.#parts.length = 0;
    this.#size = 0;
    this.opts.emit(frame);
  }

  /** Drops anything buffered and stops the timer. */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#parts.length = 0;
    this.#size = 0;
  }
}
