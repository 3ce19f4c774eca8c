import type { CpuStats } from './stats.js';

export interface CpuSample {
  usageNs: number | null;
  timestampMs: number;
}

/** Δusage / Δwall / onlineCpus × 100 (0–100 for the whole host); null when unknowable. */
export function percentOfHost(prev: CpuSample, cur: CpuSample, onlineCpus: number): number | null {
  const d = delta(prev, cur);
  if (d === null || onlineCpus <= 0) return null;
  return (d.usageNs / d.wallNs / onlineCpus) * 100;
}

/** Δusage / Δwall / (quota/period) × 100 when a CFS quota is set; null otherwise. */
export function percentOfLimit(
  prev: CpuSample,
  cur: CpuSample,
  cpu: Pick<CpuStats, 'quotaUs' | 'periodUs'>,
): number | null {
  const d = delta(prev, cur);
  if (d === null || cpu.quotaUs === null || cpu.periodUs === null || cpu.periodUs <= 0) return null;
  return (d.usageNs / d.wallNs / (cpu.quotaUs / cpu.periodUs)) * 100;
}

function delta(prev: CpuSample, cur: CpuSample): { usageNs: number; wallNs: number } | null {
  if (prev.usageNs === null || cur.usageNs === null) return null;
  const wallNs = (cur.timestampMs - prev.timestampMs) * 1e6;
  const usageNs = cur.usageNs - prev.usageNs;
  if (wallNs <= 0 || usageNs < 0) return null;
  return { usageNs, wallNs };
}
