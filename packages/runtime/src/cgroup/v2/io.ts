import { join } from 'node:path';
import { KeyTable, scanNestedKeyValues } from '../scan.js';
import { scratch, type StatFiles } from '../stat-file.js';
import type { IoStats } from '../stats.js';

const KEYS = new KeyTable(['rbytes', 'wbytes', 'rios', 'wios']);

/** v2 io.stat summed over devices. */
export function openIoV2(dir: string, files: StatFiles): () => IoStats {
  const f = files.open(join(dir, 'io.stat'));
  return () => {
    const m = scanNestedKeyValues(scratch, f.read(scratch), KEYS);
    return {
      readBytes: m ? m[0]! : null,
      writeBytes: m ? m[1]! : null,
      readOps: m ? m[2]! : null,
      writeOps: m ? m[3]! : null,
    };
  };
}
