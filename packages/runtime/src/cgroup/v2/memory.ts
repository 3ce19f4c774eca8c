import { join } from 'node:path';
import { parseKeyValue, parseLimit, parseUint, pick } from '../parse.js';
import type { MemoryStats, ReadText } from '../stats.js';

/** v2 memory: memory.current/max/stat/events, memory.swap.current. */
export async function statMemoryV2(dir: string, read: ReadText): Promise<MemoryStats> {
  const [curT, maxT, statT, eventsT, swapT] = await Promise.all(
    ['memory.current', 'memory.max', 'memory.stat', 'memory.events', 'memory.swap.current'].map(
      (f) => read(join(dir, f)),
    ),
  );
  const usage = parseUint(curT ?? null);
  const stat = parseKeyValue(statT ?? null);
  const inactive = pick(stat, 'inactive_file');
  return {
    usage,
    limit: parseLimit(maxT ?? null),
    workingSet: usage === null || inactive === null ? null : Math.max(0, usage - inactive),
    rss: pick(stat, 'anon'),
    cache: pick(stat, 'file'),
    swap: parseUint(swapT ?? null),
    oomKills: pick(parseKeyValue(eventsT ?? null), 'oom_kill'),
  };
}
