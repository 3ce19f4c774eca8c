import { join } from 'node:path';
import { parseKeyValue, parseLimit, parseUint, pick } from '../parse.js';
import type { MemoryStats, ReadText } from '../stats.js';

/** v1 memory controller: usage, limit, working set (usage − total_inactive_file), swap from memsw, oom_kill. */
export async function statMemoryV1(dir: string, read: ReadText): Promise<MemoryStats> {
  const [usageT, limitT, statT, oomT, memswT] = await Promise.all(
    [
      'memory.usage_in_bytes',
      'memory.limit_in_bytes',
      'memory.stat',
      'memory.oom_control',
      'memory.memsw.usage_in_bytes',
    ].map((f) => read(join(dir, f))),
  );
  const usage = parseUint(usageT ?? null);
  const stat = parseKeyValue(statT ?? null);
  const inactive = pick(stat, 'total_inactive_file');
  const memsw = parseUint(memswT ?? null);
  return {
    usage,
    limit: parseLimit(limitT ?? null),
    workingSet: usage === null || inactive === null ? null : Math.max(0, usage - inactive),
    rss: pick(stat, 'total_rss'),
    cache: pick(stat, 'total_cache'),
    swap: memsw === null || usage === null ? null : Math.max(0, memsw - usage),
    oomKills: pick(parseKeyValue(oomT ?? null), 'oom_kill'),
  };
}
