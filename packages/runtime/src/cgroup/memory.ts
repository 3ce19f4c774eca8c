import { join } from 'node:path';
import type { KeyTable } from './scan.js';
import { orNull, scanKeyValues, scanLimit, scanUint } from './scan.js';
import { scratch, type StatFiles } from './stat-file.js';
import type { MemoryStats } from './stats.js';

/** Where one cgroup version keeps the memory controller's figures. */
export interface MemoryFiles {
  usage: string;
  limit: string;
  stat: string;
  /** Keys of `stat`, in this order: inactive file pages, anonymous (rss), page cache. */
  statKeys: KeyTable;
  /** The file holding `oom_kill`, and its key. */
  oom: string;
  oomKeys: KeyTable;
  swap: string;
  /** v1's memsw counts memory + swap; v2's swap.current counts swap alone. */
  swapIncludesMemory: boolean;
}

/**
 * The memory controller of one cgroup: usage, limit, working set (usage − inactive file pages, as
 * Docker and cAdvisor compute it), swap, OOM kills. The limit and the OOM-kill counter are re-read
 * only on `full` reads.
 */
export function openMemory(
  dir: string,
  files: StatFiles,
  layout: MemoryFiles,
): (full: boolean) => MemoryStats {
  const usageF = files.open(join(dir, layout.usage));
  const limitF = files.open(join(dir, layout.limit));
  const statF = files.open(join(dir, layout.stat));
  const oomF = files.open(join(dir, layout.oom));
  const swapF = files.open(join(dir, layout.swap));
  let limit: number | null = null;
  let oomKills: number | null = null;
  return (full) => {
    const usage = scanUint(scratch, usageF.read(scratch));
    if (full) {
      limit = scanLimit(scratch, limitF.read(scratch));
      const oom = scanKeyValues(scratch, oomF.read(scratch), layout.oomKeys);
      oomKills = oom ? orNull(oom[0]!) : null;
    }
    const swapRead = scanUint(scratch, swapF.read(scratch));
    const s = scanKeyValues(scratch, statF.read(scratch), layout.statKeys);
    const inactive = s ? orNull(s[0]!) : null;
    const swap = !layout.swapIncludesMemory
      ? swapRead
      : swapRead === null || usage === null
        ? null
        : Math.max(0, swapRead - usage);
    return {
      usage,
      limit,
      workingSet: usage === null || inactive === null ? null : Math.max(0, usage - inactive),
      rss: s ? orNull(s[1]!) : null,
      cache: s ? orNull(s[2]!) : null,
      swap,
      oomKills,
    };
  };
}
