import type { NetworkStats, Stats } from '@berth/runtime';

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
 * The open handle of one live container plus its last network reading: network counters are
 * read every `networkEvery` ticks (every tick while subscribed) and carried forward in between,
 * so the 15-minute history keeps cumulative counters (steps of a few seconds) without a
 * /proc/<pid>/net/dev read per container per second.
 */
export class TrackedContainer {
  #net: NetworkStats | null = null;

  constructor(readonly handle: StatsHandle) {}

  get pid(): number {
    return this.handle.pid;
  }

  read(network: boolean, full: boolean): Stats {
    const s = this.handle.read(network, full);
    if (network) this.#net = s.network;
    else s.network = this.#net;
    return s;
  }

  close(): void {
    this.handle.close();
  }
}
