import { KeyTable } from '../scan.js';
import type { MemoryFiles } from '../memory.js';

export const OOM_CONTROL = new KeyTable(['oom_kill']);

/** v1 memory controller: swap from memsw (memory + swap), OOM kills from memory.oom_control. */
export const MEMORY_V1: MemoryFiles = {
  usage: 'memory.usage_in_bytes',
  limit: 'memory.limit_in_bytes',
  stat: 'memory.stat',
  statKeys: new KeyTable(['total_inactive_file', 'total_rss', 'total_cache']),
  oom: 'memory.oom_control',
  oomKeys: OOM_CONTROL,
  swap: 'memory.memsw.usage_in_bytes',
  swapIncludesMemory: true,
};
