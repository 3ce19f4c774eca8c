import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Pure: an exit file holds the decimal exit status (signal deaths are 128+N). */
export function parseExitStatus(text: string): number | null {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

export const exitFilePath = (exitDir: string, id: string) => join(exitDir, id);
export const persistExitPath = (persistDir: string) => join(persistDir, 'exit');
export const persistOomPath = (persistDir: string) => join(persistDir, 'oom');

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The recorded exit of a container: from `<exitDir>/<id>`, else `<persist>/exit`; null while running. */
export async function readExit(
  exitDir: string,
  persistDir: string,
  id: string,
): Promise<number | null> {
  for (const p of [exitFilePath(exitDir, id), persistExitPath(persistDir)]) {
    const text = await readIfExists(p);
    const status = text === null ? null : parseExitStatus(text);
    if (status !== null) return status;
  }
  return null;
}

/** conmon leaves an `oom` file in the persist dir when the kernel OOM-killed the container. */
export async function conmonSawOom(persistDir: string): Promise<boolean> {
  return (await readIfExists(persistOomPath(persistDir))) !== null;
}

/** Forget a consumed exit (before the next start); three unlinks, synchronous (microseconds). */
export async function clearExit(exitDir: string, persistDir: string, id: string): Promise<void> {
  for (const p of [
    exitFilePath(exitDir, id),
    persistExitPath(persistDir),
    persistOomPath(persistDir),
  ])
    rmSync(p, { force: true });
}
