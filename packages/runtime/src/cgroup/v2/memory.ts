import { join } from 'node:path';
import { KeyTable, orNull, scanKeyValues, scanLimit, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { MemoryStats } from '../stats.js';

const STAT = new KeyTable(['inactive_file', 'anon', 'file']);
export const MEMORY_EVENTS = new KeyTable(['oom_kill']);

/** v2 memory: memory.current/stat, memory.swap.current; memory.max and .events on `full` reads. */
export function openMemoryV2(dir: string, files: StatFiles): (full: boolean) => MemoryStats {
  const curF = files.open(join(dir, 'memory.current'));
  const maxF = files.open(join(dir, 'memory.max'));
  const statF = files.open(join(dir, 'memory.stat'));
  const eventsF = files.open(join(dir, 'memory.events'));
  const swapF = files.open(join(dir, 'memory.swap.current'));
  let limit: number | null = null;
  let oomKills: number | null = null;
  return (full) => {
    const usage = scanUint(scratch, curF.read(scratch));
    if (full) {
      limit = scanLimit(scratch, maxF.read(scratch));
      const ev = scanKeyValues(scratch, eventsF.read(scratch), MEMORY_EVENTS);
      oomKills = ev ? orNull(ev[0]!) : null;
    }
    const swap = scanUint(scratch, swapF.read(scratch));
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
      swap,
      oomKills,
    };
  };
}
