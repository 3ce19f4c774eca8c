import { join } from 'node:path';
import { scanLimit, scanUint } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { PidsStats } from '../stats.js';

/** pids controller (same files on v1 and v2); the limit is re-read only on `full` reads. */
export function openPids(dir: string, files: StatFiles): (full: boolean) => PidsStats {
  const cur = files.open(join(dir, 'pids.current'));
  const max = files.open(join(dir, 'pids.max'));
  let limit: number | null = null;
  return (full) => {
    if (full) limit = scanLimit(scratch, max.read(scratch));
    return { current: scanUint(scratch, cur.read(scratch)), limit };
  };
}
