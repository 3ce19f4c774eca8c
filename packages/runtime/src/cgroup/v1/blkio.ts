import { join } from 'node:path';
import { parseBlkioRecursive } from '../parse.js';
import type { IoStats, ReadText } from '../stats.js';

/** v1 blkio: throttle.io_service_bytes/io_serviced (recursive when present). */
export async function statBlkioV1(dir: string, read: ReadText): Promise<IoStats> {
  const file = async (base: string) =>
    (await read(join(dir, `${base}_recursive`))) ?? (await read(join(dir, base)));
  const bytes = parseBlkioRecursive(await file('blkio.throttle.io_service_bytes'));
  const ops = parseBlkioRecursive(await file('blkio.throttle.io_serviced'));
  return {
    readBytes: bytes ? (bytes.get('Read') ?? 0) : null,
    writeBytes: bytes ? (bytes.get('Write') ?? 0) : null,
    readOps: ops ? (ops.get('Read') ?? 0) : null,
    writeOps: ops ? (ops.get('Write') ?? 0) : null,
  };
}
