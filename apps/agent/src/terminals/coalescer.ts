export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
  /** Runs `fn` once the I/O callbacks already due have run (setImmediate). */
  soon: (fn: () => void) => unknown;
  clearSoon: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
  soon: (fn) => setImmediate(fn),
  clearSoon: (h) => clearImmediate(h as NodeJS.Immediate),
};

export interface CoalescerOptions {
  /** A frame is sent as soon as this many bytes are buffered (and frames never exceed it). */
  maxBytes: number;
  /** While output streams, buffered bytes wait at most this long after the previous frame. */
  delayMs: number;
  /** A frame at least this big means output is streaming: the next bytes are held (≤ delayMs). */
  streamBytes: number;
  emit: (frame: Buffer) => void;
  timers?: Timers;
}

/**
 * Merges PTY chunks into frames, Nagle-like. Idle (nothing sent for `delayMs`, or only small
 * frames): the first bytes go out on the next turn of the event loop (`soon`), together with
 * whatever else was read in the same I/O phase — a keystroke echo is not delayed. Streaming
 * (the last frame was ≥ `streamBytes`): bytes are held until `maxBytes` are buffered or `delayMs`
 * after that frame, so a flood goes out in few big frames. Big chunks are split at `maxBytes`.
 */
export class OutputCoalescer {
  readonly #parts: Buffer[] = [];
  #size = 0;
  #soon: unknown = null;
  #hold: unknown = null;
  #disposed = false;
  readonly #timers: Timers;

  constructor(private readonly opts: CoalescerOptions) {
    if (opts.maxBytes < 1) throw new RangeError('maxBytes must be ≥ 1');
    this.#timers = opts.timers ?? realTimers;
  }

  /** Whether output is streaming (bytes are being held for bigger frames). */
  get streaming(): boolean {
    return this.#hold !== null;
  }

  push(chunk: Buffer): void {
    if (this.#disposed) return;
    // a chunk that would fit a frame of its own but not what is left of this one goes whole
    // into the next: not split, so not copied (the exec's reader hands over frame-sized chunks)
    if (this.#size > 0 && chunk.length <= this.opts.maxBytes) {
      if (this.#size + chunk.length > this.opts.maxBytes) this.#send();
    }
    let rest = chunk;
    while (rest.length > 0) {
      const room = this.opts.maxBytes - this.#size;
      const part = rest.length <= room ? rest : rest.subarray(0, room);
      rest = rest.subarray(part.length);
      this.#parts.push(part);
      this.#size += part.length;
      if (this.#size >= this.opts.maxBytes) this.#send();
    }
    if (this.#size > 0 && this.#hold === null && this.#soon === null) {
      this.#soon = this.#timers.soon(() => {
        this.#soon = null;
        this.#send();
      });
    }
  }

  /** Sends what is buffered now (e.g. before reporting the exit). */
  flush(): void {
    this.#cancel();
    this.#emit();
  }

  /** Drops what is buffered (it was kept elsewhere, e.g. in a scrollback); stays usable. */
  discard(): void {
    this.#cancel();
    this.#parts.length = 0;
    this.#size = 0;
  }

  /** Drops anything buffered and stops the timers. */
  dispose(): void {
    this.#disposed = true;
    this.#cancel();
    this.#parts.length = 0;
    this.#size = 0;
  }

  /** Emits the buffer; a big frame starts (or continues) the streaming hold. */
  #send(): void {
    const sent = this.#emit();
    if (sent < this.opts.streamBytes || this.#hold !== null || this.#disposed) return;
    if (this.#soon !== null) this.#timers.clearSoon(this.#soon);
    this.#soon = null;
    this.#hold = this.#timers.set(() => this.#endHold(), this.opts.delayMs);
  }

  #endHold(): void {
    this.#hold = null;
    // Still streaming when the held bytes make a big frame; else idle again.
    this.#send();
  }

  #emit(): number {
    if (this.#size === 0) return 0;
    const frame =
      this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts, this.#size);
    this.#parts.length = 0;
    this.#size = 0;
    this.opts.emit(frame);
    return frame.length;
  }

  #cancel(): void {
    if (this.#soon !== null) this.#timers.clearSoon(this.#soon);
    if (this.#hold !== null) this.#timers.clear(this.#hold);
    this.#soon = null;
    this.#hold = null;
  }
}
