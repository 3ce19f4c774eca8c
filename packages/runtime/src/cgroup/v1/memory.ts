import { join } from 'node:path';
import { KeyTable, orNull, scanKeyValues, scanLimit, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { MemoryStats } from '../stats.js';

const STAT = new KeyTable(['total_inactive_file', 'total_rss', 'total_cache']);
export const OOM_CONTROL = new KeyTable(['oom_kill']);

/**
 * v1 memory controller: usage, limit, working set (usage − total_inactive_file), swap from memsw,
 * oom_kill. The limit and the OOM-kill counter are re-read only on `full` reads.
 */
export function openMemoryV1(dir: string, files: StatFiles): (full: boolean) => MemoryStats {
  const usageF = files.open(join(dir, 'memory.usage_in_bytes'));
  const limitF = files.open(join(dir, 'memory.limit_in_bytes'));
  const statF = files.open(join(dir, 'memory.stat'));
  const oomF = files.open(join(dir, 'memory.oom_control'));
  const memswF = files.open(join(dir, 'memory.memsw.usage_in_bytes'));
  let limit: number | null = null;
  let oomKills: number | null = null;
  return (full) => {
    const usage = scanUint(scratch, usageF.read(scratch));
    if (full) {
      limit = scanLimit(scratch, limitF.read(scratch));
      const oom = scanKeyValues(scratch, oomF.read(scratch), OOM_CONTROL);
      oomKills = oom ? orNull(oom[0]!) : null;
    }
    const memsw = scanUint(scratch, memswF.read(scratch));
    const s = scanKeyValues(scratch, statF.read(scratch), STAT);
    const inactive = s ? orNull(s[0]!) : null;
    const rss = s ? orNull(s[1]!) : null;
    const cache = s ? orNull(s[2]!) : null;
    return {
      usage,
      limit,
      workingSet: usage === null || inactive === null ? null : Math.max(0, usage - inactive),
      rss,
      cache,
      swap: memsw === null || usage === null ? null : Math.max(0, memsw - usage),
      oomKills,
    };
  };
}
