/** A row of a ColumnRing: a timestamp plus one nullable number per field. */
export type RingRow<F extends string> = { at: number } & { [K in F]: number | null };

/**
 * A fixed-capacity ring of timestamped rows stored column-wise in one ArrayBuffer (null is NaN),
 * so 15 minutes at 1 s for hundreds of containers is one fixed allocation per ring instead of
 * ~10^5 objects. Timestamps and most fields are Float64; fields listed in `float32` (gauges such
 * as percentages and byte sizes, and per-second rates, where 7 significant digits are plenty) take
 * half the memory. Cumulative counters must stay Float64: their per-second rates are differences of
 * large values. When full, each push overwrites the oldest row.
 */
export class ColumnRing<F extends string> {
  /** Bytes of storage a ring of these fields and capacity needs (see `storage`). */
  static bytes(
    fields: readonly string[],
    capacity: number,
    float32: readonly string[] = [],
  ): number {
    const narrow = fields.filter((f) => float32.includes(f)).length;
    return (1 + fields.length - narrow) * capacity * 8 + narrow * capacity * 4;
  }

  readonly capacity: number;
  /** Where the columns are kept (the caller's `storage`, or the ring's own buffer). */
  readonly storage: { readonly buffer: ArrayBuffer; readonly byteOffset: number };
  /** Timestamps, then the Float64 fields' columns, in one Float64 view of the ring's buffer. */
  readonly #wide: Float64Array;
  /** The Float32 fields' columns, after the Float64 part of the same buffer. */
  readonly #narrow: Float32Array;
  /** Per field (in `fields` order): its column's view and where the column starts in it. */
  readonly #cols: { field: F; view: Float64Array | Float32Array; offset: number }[];
  #start = 0;
  #size = 0;

  constructor(
    readonly fields: readonly F[],
    capacity: number,
    opts: {
      float32?: readonly F[];
      /** Where to keep the columns (ColumnRing.bytes long); default: a new ArrayBuffer. */
      storage?: { buffer: ArrayBuffer; byteOffset: number };
    } = {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    this.capacity = capacity;
    const narrow = new Set(opts.float32 ?? []);
    const wideFields = fields.filter((f) => !narrow.has(f));
    const narrowFields = fields.filter((f) => narrow.has(f));
    const wideBytes = (1 + wideFields.length) * capacity * 8;
    this.storage = opts.storage ?? {
      buffer: new ArrayBuffer(ColumnRing.bytes(fields, capacity, opts.float32)),
      byteOffset: 0,
    };
    const { buffer, byteOffset } = this.storage;
    this.#wide = new Float64Array(buffer, byteOffset, (1 + wideFields.length) * capacity);
    this.#narrow = new Float32Array(buffer, byteOffset + wideBytes, narrowFields.length * capacity);
    this.#cols = fields.map((field) =>
      narrow.has(field)
        ? { field, view: this.#narrow, offset: narrowFields.indexOf(field) * capacity }
        : { field, view: this.#wide, offset: (1 + wideFields.indexOf(field)) * capacity },
    );
  }

  get size(): number {
    return this.#size;
  }

  push(row: RingRow<F>): void {
    const i = (this.#start + this.#size) % this.capacity;
    this.#wide[i] = row.at;
    for (const { field, view, offset } of this.#cols) {
      const v = row[field];
      view[offset + i] = v === null || !Number.isFinite(v) ? NaN : v;
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
    const col = this.#cols.find((c) => c.field === field);
    if (!col) return null;
    const { view, offset } = col;
    let sum = 0;
    let count = 0;
    for (let k = this.#firstIndexSince(sinceMs); k < this.#size; k++) {
      const v = view[offset + ((this.#start + k) % this.capacity)]!;
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
      if (this.#wide[(this.#start + mid) % this.capacity]! < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #row(k: number): RingRow<F> {
    const i = (this.#start + k) % this.capacity;
    const row: Record<string, number | null> = { at: this.#wide[i]! };
    for (const { field, view, offset } of this.#cols) {
      const v = view[offset + i]!;
      row[field] = Number.isNaN(v) ? null : v;
    }
    return row as RingRow<F>;
  }
}
