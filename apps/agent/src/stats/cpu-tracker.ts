import { percentOfHost, percentOfLimit } from '@berth/runtime';
import type { CpuSample, CpuStats } from '@berth/runtime';

export interface CpuPercents {
  /** Of the whole host, 0–100. */
  cpuPercent: number | null;
  /** Of the container's CFS quota; null without a quota. */
  cpuPercentOfLimit: number | null;
}

/**
 * Turns cumulative CPU counters into percentages over consecutive samples, per key. The first
 * sample of a key (and any counter reset) yields nulls, never a made-up 0.
 */
export class CpuTracker {
  readonly #prev = new Map<string, CpuSample>();

  constructor(private readonly onlineCpus: number) {}

  next(key: string, timestampMs: number, cpu: CpuStats): CpuPercents {
    const cur: CpuSample = { usageNs: cpu.usageNs, timestampMs };
    const prev = this.#prev.get(key);
    this.#prev.set(key, cur);
    if (!prev) return { cpuPercent: null, cpuPercentOfLimit: null };
    const host = percentOfHost(prev, cur, this.onlineCpus);
    return {
      cpuPercent: host === null ? null : Math.min(100, host),
      cpuPercentOfLimit: percentOfLimit(prev, cur, cpu),
    };
  }

  /** Forget a key (container stopped or gone): its next sample starts a new series. */
  forget(key: string): void {
    this.#prev.delete(key);
  }

  keys(): string[] {
    return [...this.#prev.keys()];
  }
}
