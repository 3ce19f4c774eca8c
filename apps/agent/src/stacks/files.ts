import { readFile } from 'node:fs/promises';
import type { ReadFile } from '@berth/compose';

/** The compose package's injected file reads: text, or null when the file does not exist. */
export const readHostFile: ReadFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};
