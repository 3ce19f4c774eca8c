import { join } from 'node:path';
import { scanLimit, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { PidsStats } from '../stats.js';

/** pids controller (same files on v1 and v2). */
export function openPids(dir: string, files: StatFiles): () => PidsStats {
  const cur = files.open(join(dir, 'pids.current'));
  const max = files.open(join(dir, 'pids.max'));
  return () => ({
    current: scanUint(scratch, cur.read(scratch)),
    limit: scanLimit(scratch, max.read(scratch)),
  });
}
