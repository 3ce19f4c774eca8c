/** Where one ring keeps its columns: a slot of a slab. */
export interface RingStorage {
  readonly buffer: ArrayBuffer;
  readonly byteOffset: number;
}

/**
 * Hands out fixed-size ring buffers carved from large slabs (about 1 MiB each), reusing the
 * slots of removed containers. Each ring as its own ~43 KB ArrayBuffer is a long-lived malloc
 * chunk in glibc's main heap, allocated amid the short-lived ones of a burst of container starts:
 * once those are freed they leave holes between the rings that glibc keeps resident (measured:
 * ≈ 12–18 MB that only `malloc_trim` gave back, with 200 containers). A slab is above malloc's
 * mmap threshold: it is mapped on its own, outside that heap.
 */
export class RingSlabs {
  readonly slotBytes: number;
  readonly slotsPerSlab: number;
  readonly #free: RingStorage[] = [];
  #slabs = 0;

  constructor(slotBytes: number, slabBytes = 1 << 20) {
    if (!Number.isInteger(slotBytes) || slotBytes < 1)
      throw new RangeError('slotBytes must be ≥ 1');
    this.slotBytes = Math.ceil(slotBytes / 8) * 8; // Float64 views need 8-byte aligned offsets
    this.slotsPerSlab = Math.max(1, Math.floor(slabBytes / this.slotBytes));
  }

  /** Slabs allocated so far (never given back: they are reused by the next rings). */
  get slabs(): number {
    return this.#slabs;
  }

  /** A free slot; its previous contents are not cleared (a ring reads only rows it pushed). */
  take(): RingStorage {
    if (this.#free.length === 0) {
      const buffer = new ArrayBuffer(this.slotBytes * this.slotsPerSlab);
      this.#slabs++;
      for (let i = this.slotsPerSlab - 1; i >= 0; i--)
        this.#free.push({ buffer, byteOffset: i * this.slotBytes });
    }
    return this.#free.pop()!;
  }

  /** Gives a slot back (its ring must not be used any more). */
  give(slot: RingStorage): void {
    this.#free.push(slot);
  }
}
