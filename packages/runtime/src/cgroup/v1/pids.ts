import { join } from 'node:path';
import { parseLimit, parseUint } from '../parse.js';
import type { PidsStats, ReadText } from '../stats.js';

/** pids controller (same files on v1 and v2). */
export async function statPids(dir: string, read: ReadText): Promise<PidsStats> {
  const [cur, max] = await Promise.all([
    read(join(dir, 'pids.current')),
    read(join(dir, 'pids.max')),
  ]);
  return { current: parseUint(cur), limit: parseLimit(max) };
}
