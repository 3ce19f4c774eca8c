/** Begin and end of synchronized output (DEC private mode 2026): xterm draws nothing between. */
export const SYNC_BEGIN = '\x1b[?2026h';
export const SYNC_END = '\x1b[?2026l';

/** Output beyond which, since the last drawn frame, drawing is paced (many screens per frame). */
export const FLOOD_BYTES = 64 * 1024;
/** While paced, one frame per this many ms (20 frames/s). */
export const PACED_FRAME_MS = 50;
/** Output chunks handed to xterm and not yet processed, at most (the rest waits here). */
export const MAX_IN_FLIGHT = 2;

/** localStorage key: 'off' turns pacing off (to compare, e.g. in bench/terminal.ts). */
export const PACING_PREFERENCE_KEY = 'berth.terminal.pacing';

export const pacingEnabled = (raw: string | null) => raw !== 'off';

/** The part of xterm the pacer uses (a fake in unit tests). */
export interface PacedTerminal {
  write(data: Uint8Array | string, done?: () => void): void;
  /** Synchronized output is on (xterm's `modes.synchronizedOutputMode`): the program's own. */
  syncOutputOn(): boolean;
}

export interface OutputPacerOptions {
  term: PacedTerminal;
  /** xterm processed `bytes` of output (its write callback): the credit to acknowledge. */
  consumed: (bytes: number) => void;
  floodBytes?: number;
  frameMs?: number;
  maxInFlight?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface OutputPacer {
  /** An output frame arrived. */
  push(bytes: Uint8Array): void;
  /** xterm drew a frame (its `onRender`). */
  rendered(): void;
  /** Whether drawing is being held back now. */
  paced(): boolean;
  /** Hand what is queued to xterm at once, end a held-back frame, stop acknowledging. */
  dispose(): void;
}

/**
 * Feeds output frames to xterm and paces its drawing while output floods. xterm draws every
 * animation frame in which rows changed; while `cat` of a large file streams, each frame redraws
 * the whole screen (style, layout — text shaping of every row —, paint, raster: ≈ 6 ms of the
 * page's main thread per frame with the DOM renderer) for text nobody can read at that speed, and
 * the parser gets what is left. So once more than `floodBytes` arrived since the last drawn frame,
 * the pacer turns synchronized output on (xterm keeps parsing but only marks rows) and off again
 * `frameMs` later, which draws one frame with everything up to there; then it waits for that frame
 * before holding back again. Small output (typing, a TUI's redraw) is never held back; the tail of
 * a flood is drawn at most `frameMs` late. A program that turned synchronized output on itself is
 * left alone (the pacer does not start while it is on).
 *
 * xterm gets at most `maxInFlight` frames ahead of what it processed (the rest waits here), so the
 * end of a held-back frame is never queued behind megabytes of output.
 */
export function createOutputPacer(opts: OutputPacerOptions): OutputPacer {
  const { term } = opts;
  const floodBytes = opts.floodBytes ?? FLOOD_BYTES;
  const frameMs = opts.frameMs ?? PACED_FRAME_MS;
  const maxInFlight = opts.maxInFlight ?? MAX_IN_FLIGHT;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const queue: Uint8Array[] = [];
  let inFlight = 0;
  let sinceFrame = 0;
  /** free: frames drawn as xterm likes; held: synchronized output on; releasing: off, frame due. */
  let state: 'free' | 'held' | 'releasing' = 'free';
  let timer: unknown = null;
  let disposed = false;

  function release() {
    timer = null;
    if (state !== 'held') return;
    state = 'releasing';
    term.write(SYNC_END);
  }

  function feed(chunk: Uint8Array) {
    sinceFrame += chunk.byteLength;
    if (state === 'free' && sinceFrame >= floodBytes && !term.syncOutputOn()) {
      state = 'held';
      term.write(SYNC_BEGIN);
      timer = setTimer(release, frameMs);
    }
    inFlight++;
    term.write(chunk, () => {
      inFlight--;
      if (disposed) return;
      opts.consumed(chunk.byteLength);
      pump();
    });
  }

  function pump() {
    while (!disposed && inFlight < maxInFlight && queue.length > 0) feed(queue.shift()!);
  }

  return {
    push(bytes) {
      if (disposed) return;
      queue.push(bytes);
      pump();
    },
    rendered() {
      if (state === 'held') return;
      state = 'free';
      sinceFrame = 0;
    },
    paced: () => state === 'held',
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      for (const chunk of queue.splice(0)) term.write(chunk);
      if (state === 'held') term.write(SYNC_END);
      state = 'free';
    },
  };
}
