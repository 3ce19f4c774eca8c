/**
 * The newest `capacity` bytes a terminal printed, kept as the chunks they came in (no copy per
 * chunk; one concat per replay). Bounded whatever the process prints.
 */
export class Scrollback {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;
  /** Whether older output was dropped (a replay then starts mid-stream). */
  #trimmed = false;

  constructor(readonly capacity: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  push(data: Buffer): void {
    if (this.capacity <= 0 || data.length === 0) return;
    const chunk = data.length > this.capacity ? data.subarray(data.length - this.capacity) : data;
    if (chunk !== data) this.#trimmed = true;
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes > this.capacity) {
      const first = this.#chunks[0]!;
      const excess = this.#bytes - this.capacity;
      this.#trimmed = true;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#bytes -= first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#bytes -= excess;
      }
    }
  }

  /**
   * What to replay. When older output was dropped the cut may fall inside a line, a UTF-8
   * character or an escape sequence: the replay then starts at the next line (when one begins
   * within the first 4 KiB), as a terminal's own scrollback would.
   */
  snapshot(): Buffer {
    const all = Buffer.concat(this.#chunks, this.#bytes);
    if (!this.#trimmed) return all;
    const nl = all.subarray(0, 4096).indexOf(0x0a);
    return nl >= 0 ? all.subarray(nl + 1) : all;
  }
}
