import { execFile } from 'node:child_process';
import { lstat, mkdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RuntimeError } from '../errors.js';
import { VerifiedDirs } from './verified-dirs.js';

const exec = promisify(execFile);

/** A rejected layer entry: INVALID_ARGUMENT naming the entry. */
export function rejectEntry(entry: string, why: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_ARGUMENT', `layer entry "${entry}": ${why}`, {
    cause,
    details: { entry },
  });
}

export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Resolves the directory that holds `comps` under `root`, one component at a time with lstat:
 * a symlink or non-directory on the way is refused, a missing directory is created (0755, root).
 * Nothing is ever followed, so the result is inside `root` by construction. Components already in
 * `dirs` (checked earlier in this apply, and not removed since) are not lstat'ed again.
 */
export async function resolveDir(
  root: string,
  comps: readonly string[],
  entry: string,
  create: boolean,
  dirs: VerifiedDirs = new VerifiedDirs(),
): Promise<string> {
  if (dirs.has(comps.join('/'))) return comps.length === 0 ? root : join(root, ...comps);
  let cur = root;
  let rel = '';
  for (const comp of comps) {
    rel = rel === '' ? comp : `${rel}/${comp}`;
    cur = join(cur, comp);
    if (dirs.has(rel)) continue;
    const st = await lstatOrUndefined(cur);
    if (!st) {
      if (!create) throw rejectEntry(entry, `"${rel}" does not exist in this layer`);
      await mkdir(cur, { mode: 0o755 });
    } else if (st.isSymbolicLink()) {
      throw rejectEntry(entry, `refusing to write through symlink "${rel}"`);
    } else if (!st.isDirectory()) {
      throw rejectEntry(entry, `"${rel}" is not a directory`);
    }
    dirs.add(rel);
  }
  return cur;
}

/** Creates a device node, fifo or whiteout with coreutils' mknod (Node has no mknod). */
export async function mknod(
  path: string,
  kind: 'c' | 'b' | 'p',
  major = 0,
  minor = 0,
  mode = 0o600,
): Promise<void> {
  const args = ['-m', (mode & 0o7777).toString(8), path, kind];
  if (kind !== 'p') args.push(String(major), String(minor));
  try {
    await exec('mknod', args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new RuntimeError('INTERNAL', `mknod ${path}: ${stderr || (err as Error).message}`, {
      cause: err,
    });
  }
}
