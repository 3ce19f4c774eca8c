import { join } from 'node:path';
import { KeyTable, orNull, scanKeyValues, scanQuota, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { CpuStats } from '../stats.js';

/** USER_HZ ticks (cpuacct.stat) → ns. */
const TICK_NS = 10_000_000;
const ACCT = new KeyTable(['user', 'system']);
const STAT = new KeyTable(['nr_periods', 'nr_throttled', 'throttled_time']);

const ticksNs = (v: number) => (Number.isNaN(v) ? null : v * TICK_NS);

/** v1 cpu + cpuacct controllers; the quota, period and user/system split are re-read only on `full` reads. */
export function openCpuV1(
  cpuDir: string,
  cpuacctDir: string,
  files: StatFiles,
): (full: boolean) => CpuStats {
  const usage = files.open(join(cpuacctDir, 'cpuacct.usage'));
  const acct = files.open(join(cpuacctDir, 'cpuacct.stat'));
  const quota = files.open(join(cpuDir, 'cpu.cfs_quota_us'));
  const period = files.open(join(cpuDir, 'cpu.cfs_period_us'));
  const stat = files.open(join(cpuDir, 'cpu.stat'));
  let slow = { quotaUs: null as number | null, periodUs: null as number | null };
  let split = { userNs: null as number | null, systemNs: null as number | null };
  return (full) => {
    const usageNs = scanUint(scratch, usage.read(scratch));
    if (full) {
      slow = {
        quotaUs: scanQuota(scratch, quota.read(scratch)),
        periodUs: scanUint(scratch, period.read(scratch)),
      };
      const a = scanKeyValues(scratch, acct.read(scratch), ACCT);
      split = { userNs: a ? ticksNs(a[0]!) : null, systemNs: a ? ticksNs(a[1]!) : null };
    }
    const s = scanKeyValues(scratch, stat.read(scratch), STAT);
    return {
      usageNs,
      ...split,
      ...slow,
      periods: s ? orNull(s[0]!) : null,
      throttledPeriods: s ? orNull(s[1]!) : null,
      throttledNs: s ? orNull(s[2]!) : null,
    };
  };
}
