import { join } from 'node:path';
import { scanBlkio } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { IoStats } from '../stats.js';

const sums = new Float64Array(2);

/** v1 blkio: throttle.io_service_bytes/io_serviced (the `_recursive` files when present). */
export function openBlkioV1(dir: string, files: StatFiles): () => IoStats {
  const file = (base: string) => files.openFirst(join(dir, `${base}_recursive`), join(dir, base));
  const bytesF = file('blkio.throttle.io_service_bytes');
  const opsF = file('blkio.throttle.io_serviced');
  return () => {
    const bytes = scanBlkio(scratch, bytesF.read(scratch), sums);
    const readBytes = bytes ? sums[0]! : null;
    const writeBytes = bytes ? sums[1]! : null;
    const ops = scanBlkio(scratch, opsF.read(scratch), sums);
    return {
      readBytes,
      writeBytes,
      readOps: ops ? sums[0]! : null,
      writeOps: ops ? sums[1]! : null,
    };
  };
}
