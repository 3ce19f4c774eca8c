import { join } from 'node:path';
import { KeyTable, orNull, scanKeyValues, scanLimit, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { MemoryStats } from '../stats.js';

const STAT = new KeyTable(['inactive_file', 'anon', 'file']);
export const MEMORY_EVENTS = new KeyTable(['oom_kill']);

/** v2 memory: memory.current/max/stat/events, memory.swap.current. */
export function openMemoryV2(dir: string, files: StatFiles): () => MemoryStats {
  const curF = files.open(join(dir, 'memory.current'));
  const maxF = files.open(join(dir, 'memory.max'));
  const statF = files.open(join(dir, 'memory.stat'));
  const eventsF = files.open(join(dir, 'memory.events'));
  const swapF = files.open(join(dir, 'memory.swap.current'));
  return () => {
    const usage = scanUint(scratch, curF.read(scratch));
    const limit = scanLimit(scratch, maxF.read(scratch));
    const swap = scanUint(scratch, swapF.read(scratch));
    const s = scanKeyValues(scratch, statF.read(scratch), STAT);
    const inactive = s ? orNull(s[0]!) : null;
    const rss = s ? orNull(s[1]!) : null;
    const cache = s ? orNull(s[2]!) : null;
    const ev = scanKeyValues(scratch, eventsF.read(scratch), MEMORY_EVENTS);
    return {
      usage,
      limit,
      workingSet: usage === null || inactive === null ? null : Math.max(0, usage - inactive),
      rss,
      cache,
      swap,
      oomKills: ev ? orNull(ev[0]!) : null,
    };
  };
}
