import type { Stats } from '@berth/runtime';
import { derive, unknownDerived, type Derived } from './derived.js';
import { RunReadings } from './readings.js';

/** A running container's stat files, open for as long as the sampler follows that run. */
export interface StatsHandle {
  /** The run it is bound to: a new pid (restart) needs a new handle. */
  readonly pid: number;
  /**
   * One sample; network counters only when `network` (else `network: null`); limits and other
   * rarely changing files only when `full` (else repeated from the last full read).
   */
  read(network: boolean, full: boolean): Stats;
  close(): void;
}

/** What the sampler needs from the container engine. */
export interface StatsSource {
  /** Every container the engine knows; live = running or paused, with the pid of its run. */
  containers(): { id: string; live: boolean; pid: number | null }[];
  /** Opens a live container's stat files (throws when it is not running any more). */
  open(id: string): StatsHandle;
}

/**
 * The open handle of one live container's run and its readings (`RunReadings`: numbers in slots
 * allocated once, so a tick's `Stats` dies young). Network counters are read every
 * `networkEvery` ticks (every tick while subscribed) and carried forward in between from the
 * latest reading, so the 15-minute history keeps cumulative counters (steps of a few seconds)
 * without a /proc/<pid>/net/dev read per container per second.
 */
export class TrackedContainer {
  readonly #readings = new RunReadings();

  constructor(
    readonly id: string,
    readonly handle: StatsHandle,
    private readonly onlineCpus: number,
  ) {}

  get pid(): number {
    return this.handle.pid;
  }

  /** One read, and what derives from it and the previous read of this run (nulls for the first). */
  read(network: boolean, full: boolean): { stats: Stats; derived: Derived } {
    const s = this.handle.read(network, full);
    if (!network) s.network = this.#readings.latestNetwork();
    const prev = this.#readings.latest();
    this.#readings.add(s);
    return { stats: s, derived: prev ? derive(prev, s, this.onlineCpus) : unknownDerived() };
  }

  /** The latest read's tick completed (the host's CPU time of that tick read). */
  remember(systemCpuNs: number | null): void {
    this.#readings.remember(systemCpuNs);
  }

  get readings(): RunReadings {
    return this.#readings;
  }

  close(): void {
    this.handle.close();
  }
}
