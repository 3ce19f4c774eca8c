import { TERMINAL_LOW_WATER_BYTES } from '@berth/protocol';

/** Default ack threshold: a quarter of the agent's low-water mark (128 KiB = two full frames). */
export const ACK_FLUSH_BYTES = TERMINAL_LOW_WATER_BYTES / 4;

/**
 * Batches `terminal.ack` byte counts (the agent's credit flow control): bytes are counted only
 * after xterm processed them (its write callback), and flushed when a threshold is reached or
 * shortly after the first pending byte. The timer is injected so tests drive it.
 */
export interface AckBatcherOptions {
  send: (bytes: number) => void;
  /** Flush at once when this many bytes are pending (well below the agent's low water). */
  flushBytes?: number;
  /** Flush this long after the first pending byte. */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface AckBatcher {
  /** xterm processed `bytes` more bytes. */
  consumed(bytes: number): void;
  flush(): void;
  /** Drop what is pending (the session is gone) and stop the timer. */
  dispose(): void;
  pending(): number;
}

export function createAckBatcher(opts: AckBatcherOptions): AckBatcher {
  const flushBytes = opts.flushBytes ?? ACK_FLUSH_BYTES;
  const delayMs = opts.delayMs ?? 10;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let pending = 0;
  let timer: unknown = null;
  let disposed = false;

  function flush() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (pending > 0 && !disposed) opts.send(pending);
    pending = 0;
  }

  return {
    consumed(bytes) {
      if (disposed || bytes <= 0) return;
      pending += bytes;
      if (pending >= flushBytes) flush();
      else if (timer === null) timer = setTimer(flush, delayMs);
    },
    flush,
    dispose() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      pending = 0;
      disposed = true;
    },
    pending: () => pending,
  };
}
