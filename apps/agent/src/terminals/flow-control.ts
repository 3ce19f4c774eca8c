/** What the session should do with its PTY after an accounting step. */
export type FlowAction = 'pause' | 'resume' | null;

/**
 * Credit-based backpressure for one terminal: counts output bytes sent and not yet acknowledged
 * by the web; says `pause` when the count rises above the high-water mark and `resume` once acks
 * bring it to the low-water mark or below. Pure: the caller pauses/resumes the PTY.
 */
export class FlowControl {
  #unacked = 0;
  #paused = false;

  constructor(
    readonly highWater: number,
    readonly lowWater: number,
  ) {
    if (!(lowWater >= 0 && lowWater < highWater)) throw new RangeError('need 0 ≤ low < high');
  }

  get unacked(): number {
    return this.#unacked;
  }

  get paused(): boolean {
    return this.#paused;
  }

  sent(bytes: number): FlowAction {
    this.#unacked += bytes;
    if (!this.#paused && this.#unacked > this.highWater) {
      this.#paused = true;
      return 'pause';
    }
    return null;
  }

  /** Acks beyond what was sent are clamped (a confused or hostile peer cannot bank credit). */
  acked(bytes: number): FlowAction {
    this.#unacked = Math.max(0, this.#unacked - bytes);
    if (this.#paused && this.#unacked <= this.lowWater) {
      this.#paused = false;
      return 'resume';
    }
    return null;
  }
}
