import { join } from 'node:path';
import { parseKeyValue, pick } from '../parse.js';
import type { CpuStats, ReadText } from '../stats.js';

const usToNs = (v: number | null) => (v === null ? null : v * 1000);

/** `cpu.max`: `max 100000` or `50000 100000`. */
export function parseCpuMax(text: string | null): {
  quotaUs: number | null;
  periodUs: number | null;
} {
  const [q, p] = (text ?? '').trim().split(/\s+/);
  const period = p && /^\d+$/.test(p) ? Number(p) : null;
  return { quotaUs: q && /^\d+$/.test(q) ? Number(q) : null, periodUs: period };
}

/** v2 cpu: cpu.stat (µs) + cpu.max. */
export async function statCpuV2(dir: string, read: ReadText): Promise<CpuStats> {
  const [statT, maxT] = await Promise.all([
    read(join(dir, 'cpu.stat')),
    read(join(dir, 'cpu.max')),
  ]);
  const stat = parseKeyValue(statT);
  return {
    usageNs: usToNs(pick(stat, 'usage_usec')),
    userNs: usToNs(pick(stat, 'user_usec')),
    systemNs: usToNs(pick(stat, 'system_usec')),
    ...parseCpuMax(maxT),
    periods: pick(stat, 'nr_periods'),
    throttledPeriods: pick(stat, 'nr_throttled'),
    throttledNs: usToNs(pick(stat, 'throttled_usec')),
  };
}
