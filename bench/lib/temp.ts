import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

/** A fresh directory under the system temp dir, removed at cleanup unless removed before. */
export async function makeTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `berth-bench-${prefix}-`));
  const remove = async () => {
    unregister();
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
  };
  const unregister = onCleanup(`remove ${path}`, remove);
  return { path, remove };
}
