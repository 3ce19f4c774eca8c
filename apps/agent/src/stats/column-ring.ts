/** A row of a ColumnRing: a timestamp plus one nullable number per field. */
export type RingRow<F extends string> = { at: number } & { [K in F]: number | null };

/**
 * A fixed-capacity ring of timestamped rows stored column-wise in typed arrays (null is NaN), so
 * 15 minutes at 1 s for hundreds of containers is a few fixed allocations instead of ~10^5
 * objects. Timestamps and most fields are Float64; fields listed in `float32` (gauges such as
 * percentages and byte sizes, where 7 significant digits are plenty) take half the memory.
 * Cumulative counters must stay Float64: their per-second rates are differences of large values.
 * When full, each push overwrites the oldest row.
 */
export class ColumnRing<F extends string> {
  readonly capacity: number;
  readonly #at: Float64Array;
  readonly #cols: Map<F, Float64Array | Float32Array>;
  #start = 0;
  #size = 0;

  constructor(
    readonly fields: readonly F[],
    capacity: number,
    opts: { float32?: readonly F[] } = {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    this.capacity = capacity;
    this.#at = new Float64Array(capacity);
    const narrow = new Set(opts.float32 ?? []);
    this.#cols = new Map(
      fields.map((f) => [
        f,
        narrow.has(f) ? new Float32Array(capacity) : new Float64Array(capacity),
      ]),
    );
  }

  get size(): number {
    return this.#size;
  }

  push(row: RingRow<F>): void {
    const i = (this.#start + this.#size) % this.capacity;
    this.#at[i] = row.at;
    for (const [f, col] of this.#cols) {
      const v = row[f];
      col[i] = v === null || !Number.isFinite(v) ? NaN : v;
    }
    if (this.#size < this.capacity) this.#size++;
    else this.#start = (this.#start + 1) % this.capacity;
  }

  /** Rows oldest first, optionally only those at or after `sinceMs`. */
  rows(sinceMs = -Infinity): RingRow<F>[] {
    const out: RingRow<F>[] = [];
    for (let k = this.#firstIndexSince(sinceMs); k < this.#size; k++) out.push(this.#row(k));
    return out;
  }

  latest(): RingRow<F> | null {
    return this.#size === 0 ? null : this.#row(this.#size - 1);
  }

  /** Mean of a field's known values at or after `sinceMs`; null when there are none. */
  mean(field: F, sinceMs: number): number | null {
    const col = this.#cols.get(field);
    if (!col) return null;
    let sum = 0;
    let count = 0;
    for (let k = this.#firstIndexSince(sinceMs); k < this.#size; k++) {
      const v = col[(this.#start + k) % this.capacity]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    return count === 0 ? null : sum / count;
  }

  /** Logical index (0 = oldest) of the first row with at ≥ sinceMs (binary search; rows are pushed in time order). */
  #firstIndexSince(sinceMs: number): number {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#at[(this.#start + mid) % this.capacity]! < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #row(k: number): RingRow<F> {
    const i = (this.#start + k) % this.capacity;
    const row: Record<string, number | null> = { at: this.#at[i]! };
    for (const [f, col] of this.#cols) {
      const v = col[i]!;
      row[f] = Number.isNaN(v) ? null : v;
    }
    return row as RingRow<F>;
  }
}
