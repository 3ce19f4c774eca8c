import type { NetworkStats, Stats } from '@berth/runtime';

type PsiStats = NonNullable<Stats['psi']>;
type Pressure = NonNullable<PsiStats['cpu']>;
type PressureWindow = NonNullable<Pressure['some']>;

/**
 * A container's readings kept between ticks as numbers in one Float64Array per run, not as the
 * `Stats` objects the reader returns: those (≈ 20 objects, ≈ 1 KB per container) would live two
 * ticks, survive two scavenges and be promoted to the old space every second for every container,
 * which then holds them until a full GC. Here a tick's `Stats` dies young; what is kept is written
 * into slots allocated once per run and read back as new objects only when asked (the Docker
 * API's one-shot stats, the previous reading for the rates).
 *
 * A slot is the `Stats` fields in a fixed order plus the host's CPU time of its tick; `null` is
 * stored as NaN (a reading is never NaN: the readers turn what they cannot parse into null, and
 * JSON writes NaN as null anyway), and whether `psi`, each pressure, each window and `network`
 * exist as flags.
 */

const CPU_KEYS = [
  'usageNs',
  'userNs',
  'systemNs',
  'quotaUs',
  'periodUs',
  'periods',
  'throttledPeriods',
  'throttledNs',
] as const satisfies readonly (keyof Stats['cpu'])[];
const MEMORY_KEYS = [
  'usage',
  'limit',
  'workingSet',
  'rss',
  'cache',
  'swap',
  'oomKills',
] as const satisfies readonly (keyof Stats['memory'])[];
const IO_KEYS = [
  'readBytes',
  'writeBytes',
  'readOps',
  'writeOps',
] as const satisfies readonly (keyof Stats['io'])[];
const PIDS_KEYS = ['current', 'limit'] as const satisfies readonly (keyof Stats['pids'])[];
const PRESSURES = ['cpu', 'memory', 'io'] as const satisfies readonly (keyof PsiStats)[];
const NET_KEYS = [
  'rxBytes',
  'txBytes',
  'rxPackets',
  'txPackets',
  'rxErrors',
  'txErrors',
] as const satisfies readonly (keyof NetworkStats)[];

const TIMESTAMP = 0;
const VERSION = 1;
const CPU = 2;
const MEMORY = CPU + CPU_KEYS.length;
const IO = MEMORY + MEMORY_KEYS.length;
const PIDS = IO + IO_KEYS.length;
/** 1 when `psi` is an object, then per pressure: flags (1 present, 2 some, 4 full) + 4 averages. */
const PSI = PIDS + PIDS_KEYS.length;
const PRESSURE_WIDTH = 5;
/** 1 when `network` is an object, then its counters. */
const NET = PSI + 1 + PRESSURES.length * PRESSURE_WIDTH;
const SYSTEM_CPU = NET + 1 + NET_KEYS.length;
/** Numbers per slot. */
export const READING_WIDTH = SYSTEM_CPU + 1;

const put = (v: number | null) => (v === null ? NaN : v);
const get = (v: number) => (Number.isNaN(v) ? null : v);

function packPressure(p: Pressure | null, to: Float64Array, at: number): void {
  to[at] = p === null ? 0 : 1 | (p.some ? 2 : 0) | (p.full ? 4 : 0);
  to[at + 1] = p?.some?.avg10 ?? 0;
  to[at + 2] = p?.some?.avg60 ?? 0;
  to[at + 3] = p?.full?.avg10 ?? 0;
  to[at + 4] = p?.full?.avg60 ?? 0;
}

function unpackPressure(from: Float64Array, at: number): Pressure | null {
  const flags = from[at]!;
  if (!(flags & 1)) return null;
  const window = (bit: number, i: number): PressureWindow | null =>
    flags & bit ? { avg10: from[at + i]!, avg60: from[at + i + 1]! } : null;
  return { some: window(2, 1), full: window(4, 3) };
}

/** Pure: writes one reading (and its tick's host CPU time) into slot `slot` of `to`. */
export function packReading(
  s: Stats,
  systemCpuNs: number | null,
  to: Float64Array,
  slot: number,
): void {
  const o = slot * READING_WIDTH;
  to[o + TIMESTAMP] = s.timestampMs;
  to[o + VERSION] = s.cgroupVersion;
  for (let i = 0; i < CPU_KEYS.length; i++) to[o + CPU + i] = put(s.cpu[CPU_KEYS[i]!]);
  for (let i = 0; i < MEMORY_KEYS.length; i++) to[o + MEMORY + i] = put(s.memory[MEMORY_KEYS[i]!]);
  for (let i = 0; i < IO_KEYS.length; i++) to[o + IO + i] = put(s.io[IO_KEYS[i]!]);
  for (let i = 0; i < PIDS_KEYS.length; i++) to[o + PIDS + i] = put(s.pids[PIDS_KEYS[i]!]);
  to[o + PSI] = s.psi === null ? 0 : 1;
  for (let i = 0; i < PRESSURES.length; i++) {
    packPressure(s.psi?.[PRESSURES[i]!] ?? null, to, o + PSI + 1 + i * PRESSURE_WIDTH);
  }
  packNetwork(s.network, to, slot);
  to[o + SYSTEM_CPU] = put(systemCpuNs);
}

function packNetwork(n: NetworkStats | null, to: Float64Array, slot: number): void {
  const o = slot * READING_WIDTH + NET;
  to[o] = n === null ? 0 : 1;
  for (let i = 0; i < NET_KEYS.length; i++) to[o + 1 + i] = n === null ? 0 : n[NET_KEYS[i]!];
}

/** Pure: the network counters of slot `slot` (null when that reading had none). */
export function unpackNetwork(from: Float64Array, slot: number): NetworkStats | null {
  const o = slot * READING_WIDTH + NET;
  if (from[o] === 0) return null;
  const v = (i: number) => from[o + 1 + i]!;
  return {
    rxBytes: v(0),
    txBytes: v(1),
    rxPackets: v(2),
    txPackets: v(3),
    rxErrors: v(4),
    txErrors: v(5),
  };
}

/** Pure: the reading of slot `slot` as a new `Stats`. */
export function unpackReading(from: Float64Array, slot: number): Stats {
  const o = slot * READING_WIDTH;
  const v = (i: number) => get(from[o + i]!);
  const psi: PsiStats | null =
    from[o + PSI] === 0
      ? null
      : {
          cpu: unpackPressure(from, o + PSI + 1),
          memory: unpackPressure(from, o + PSI + 1 + PRESSURE_WIDTH),
          io: unpackPressure(from, o + PSI + 1 + 2 * PRESSURE_WIDTH),
        };
  return {
    timestampMs: from[o + TIMESTAMP]!,
    cgroupVersion: from[o + VERSION] === 1 ? 1 : 2,
    cpu: {
      usageNs: v(CPU),
      userNs: v(CPU + 1),
      systemNs: v(CPU + 2),
      quotaUs: v(CPU + 3),
      periodUs: v(CPU + 4),
      periods: v(CPU + 5),
      throttledPeriods: v(CPU + 6),
      throttledNs: v(CPU + 7),
    },
    memory: {
      usage: v(MEMORY),
      limit: v(MEMORY + 1),
      workingSet: v(MEMORY + 2),
      rss: v(MEMORY + 3),
      cache: v(MEMORY + 4),
      swap: v(MEMORY + 5),
      oomKills: v(MEMORY + 6),
    },
    io: { readBytes: v(IO), writeBytes: v(IO + 1), readOps: v(IO + 2), writeOps: v(IO + 3) },
    pids: { current: v(PIDS), limit: v(PIDS + 1) },
    psi,
    network: unpackNetwork(from, slot),
  };
}

/** One reading as the Docker API's one-shot stats use it: with the host's CPU time of its tick. */
export interface TickReading {
  stats: Stats;
  /** The host's CPU time (ns, Docker's `system_cpu_usage`) read in the same tick; null if unknown. */
  systemCpuNs: number | null;
}

/**
 * The readings of one container's run in three slots: the latest read (the next one's rates and
 * carried network counters derive from it) and the two "recent" ones — the last two reads whose
 * tick completed (`remember`, after the host was read), which stay answerable while the next tick
 * reads. A new read goes into a slot that is neither recent one.
 */
export class RunReadings {
  readonly #slots = new Float64Array(3 * READING_WIDTH);
  #latest = -1;
  #current = -1;
  #previous = -1;

  /** Stores a new read (its tick's host CPU time comes with `remember`). */
  add(s: Stats): void {
    let free = 0;
    while (free === this.#current || free === this.#previous) free++;
    packReading(s, null, this.#slots, free);
    this.#latest = free;
  }

  /** The latest read, as a new object (null before the first). */
  latest(): Stats | null {
    return this.#latest < 0 ? null : unpackReading(this.#slots, this.#latest);
  }

  /** The latest read's network counters (what a read without network carries forward). */
  latestNetwork(): NetworkStats | null {
    return this.#latest < 0 ? null : unpackNetwork(this.#slots, this.#latest);
  }

  /** The latest read's cumulative counters (the ring keeps gauges only). */
  latestCounters(): { cpuUsageNs: number | null; oomKills: number | null } | null {
    if (this.#latest < 0) return null;
    const o = this.#latest * READING_WIDTH;
    return { cpuUsageNs: get(this.#slots[o + CPU]!), oomKills: get(this.#slots[o + MEMORY + 6]!) };
  }

  /** The latest read's tick completed: it becomes the current recent reading. */
  remember(systemCpuNs: number | null): void {
    if (this.#latest < 0 || this.#latest === this.#current) return;
    this.#slots[this.#latest * READING_WIDTH + SYSTEM_CPU] = put(systemCpuNs);
    this.#previous = this.#current;
    this.#current = this.#latest;
  }

  /** Forgets the recent readings (limits changed); the latest read stays for the rates. */
  forgetRecent(): void {
    this.#current = -1;
    this.#previous = -1;
  }

  /** When the current recent reading was taken (null when there is none). */
  get recentAt(): number | null {
    return this.#current < 0 ? null : this.#slots[this.#current * READING_WIDTH + TIMESTAMP]!;
  }

  /** The two recent readings as new objects (null when there is none). */
  recent(): { current: TickReading; previous: TickReading | null } | null {
    if (this.#current < 0) return null;
    const tick = (slot: number): TickReading => ({
      stats: unpackReading(this.#slots, slot),
      systemCpuNs: get(this.#slots[slot * READING_WIDTH + SYSTEM_CPU]!),
    });
    return {
      current: tick(this.#current),
      previous: this.#previous < 0 ? null : tick(this.#previous),
    };
  }
}
