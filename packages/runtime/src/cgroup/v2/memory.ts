import { KeyTable } from '../scan.js';
import type { MemoryFiles } from '../memory.js';

export const MEMORY_EVENTS = new KeyTable(['oom_kill']);

/** v2 memory: memory.current/max/stat, memory.swap.current, OOM kills from memory.events. */
export const MEMORY_V2: MemoryFiles = {
  usage: 'memory.current',
  limit: 'memory.max',
  stat: 'memory.stat',
  statKeys: new KeyTable(['inactive_file', 'anon', 'file']),
  oom: 'memory.events',
  oomKeys: MEMORY_EVENTS,
  swap: 'memory.swap.current',
  swapIncludesMemory: false,
};
