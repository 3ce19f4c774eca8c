import { join } from 'node:path';
import { KeyTable, scanKeyValues } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { CpuStats } from '../stats.js';

const STAT = new KeyTable([
  'usage_usec',
  'user_usec',
  'system_usec',
  'nr_periods',
  'nr_throttled',
  'throttled_usec',
]);

const usToNs = (v: number) => (Number.isNaN(v) ? null : v * 1000);

/** `cpu.max`: `max 100000` or `50000 100000`. */
export function parseCpuMax(text: string | null): {
  quotaUs: number | null;
  periodUs: number | null;
} {
  const [q, p] = (text ?? '').trim().split(/\s+/);
  const period = p && /^\d+$/.test(p) ? Number(p) : null;
  return { quotaUs: q && /^\d+$/.test(q) ? Number(q) : null, periodUs: period };
}

/** v2 cpu: cpu.stat (µs) + cpu.max (re-read only on `full` reads). */
export function openCpuV2(dir: string, files: StatFiles): (full: boolean) => CpuStats {
  const statF = files.open(join(dir, 'cpu.stat'));
  const maxF = files.open(join(dir, 'cpu.max'));
  let max: ReturnType<typeof parseCpuMax> = { quotaUs: null, periodUs: null };
  return (full) => {
    if (full) {
      // cpu.max is a dozen bytes and changes only on update: a string here is cheap
      const n = maxF.read(scratch);
      max = parseCpuMax(n < 0 ? null : scratch.toString('latin1', 0, n));
    }
    const s = scanKeyValues(scratch, statF.read(scratch), STAT);
    const v = (i: number) => (s ? s[i]! : NaN);
    return {
      usageNs: usToNs(v(0)),
      userNs: usToNs(v(1)),
      systemNs: usToNs(v(2)),
      ...max,
      periods: s && !Number.isNaN(v(3)) ? v(3) : null,
      throttledPeriods: s && !Number.isNaN(v(4)) ? v(4) : null,
      throttledNs: usToNs(v(5)),
    };
  };
}
