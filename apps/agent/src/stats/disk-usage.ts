import { statfs } from 'node:fs/promises';
import type { FsUsage } from '@berth/protocol';

/** Pure: statfs numbers → what `df` shows (size, used, available to unprivileged writers). */
export function toFsUsage(
  path: string,
  s: { bsize: number; blocks: number; bfree: number; bavail: number },
): FsUsage {
  return {
    path,
    sizeBytes: s.blocks * s.bsize,
    usedBytes: (s.blocks - s.bfree) * s.bsize,
    availableBytes: s.bavail * s.bsize,
  };
}

/** Reads the space of the file system holding `path` (null when statfs fails). */
export function createDiskReader(path: string): () => Promise<FsUsage | null> {
  return async () => {
    try {
      return toFsUsage(path, await statfs(path));
    } catch {
      return null;
    }
  };
}
