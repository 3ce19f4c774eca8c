import { join } from 'node:path';
import { parseKeyValue, parseUint, pick } from '../parse.js';
import type { CpuStats, ReadText } from '../stats.js';

/** USER_HZ ticks (cpuacct.stat) → ns. */
const TICK_NS = 10_000_000;

/** v1 cpu + cpuacct controllers. */
export async function statCpuV1(
  cpuDir: string,
  cpuacctDir: string,
  read: ReadText,
): Promise<CpuStats> {
  const [usageT, acctStatT, quotaT, periodT, cpuStatT] = await Promise.all([
    read(join(cpuacctDir, 'cpuacct.usage')),
    read(join(cpuacctDir, 'cpuacct.stat')),
    read(join(cpuDir, 'cpu.cfs_quota_us')),
    read(join(cpuDir, 'cpu.cfs_period_us')),
    read(join(cpuDir, 'cpu.stat')),
  ]);
  const acct = parseKeyValue(acctStatT);
  const ticks = (k: string) => {
    const v = pick(acct, k);
    return v === null ? null : v * TICK_NS;
  };
  const quota = quotaT === null ? null : Number(quotaT.trim());
  const stat = parseKeyValue(cpuStatT);
  return {
    usageNs: parseUint(usageT),
    userNs: ticks('user'),
    systemNs: ticks('system'),
    quotaUs: quota === null || !Number.isFinite(quota) || quota <= 0 ? null : quota,
    periodUs: parseUint(periodT),
    periods: pick(stat, 'nr_periods'),
    throttledPeriods: pick(stat, 'nr_throttled'),
    throttledNs: pick(stat, 'throttled_time'),
  };
}
