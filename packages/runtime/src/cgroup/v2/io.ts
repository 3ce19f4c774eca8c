import { join } from 'node:path';
import { parseNestedKeyValue, pick } from '../parse.js';
import type { IoStats, ReadText } from '../stats.js';

/** v2 io.stat summed over devices. */
export async function statIoV2(dir: string, read: ReadText): Promise<IoStats> {
  const m = parseNestedKeyValue(await read(join(dir, 'io.stat')));
  const get = (k: string) => (m ? (pick(m, k) ?? 0) : null);
  return {
    readBytes: get('rbytes'),
    writeBytes: get('wbytes'),
    readOps: get('rios'),
    writeOps: get('wios'),
  };
}
