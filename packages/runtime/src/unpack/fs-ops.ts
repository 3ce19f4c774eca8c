import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs, { type Stats } from 'node:fs';
import { lstat, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RuntimeError } from '../errors.js';
import { displayName, fdPath, fsPath } from './names.js';
import { VerifiedDirs } from './verified-dirs.js';

const exec = promisify(execFile);

/** A rejected layer entry: INVALID_ARGUMENT naming the entry. */
export function rejectEntry(entry: string, why: string, cause?: unknown): RuntimeError {
  const name = displayName(entry);
  return new RuntimeError('INVALID_ARGUMENT', `layer entry "${name}": ${why}`, {
    cause,
    details: { entry: name },
  });
}

/** lstat of a binary-string path; undefined when nothing is there. */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(fsPath(path));
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
      if (!create) throw rejectEntry(entry, `"${displayName(rel)}" does not exist in this layer`);
      await mkdir(fsPath(cur), { mode: 0o755 });
    } else if (st.isSymbolicLink()) {
      throw rejectEntry(entry, `refusing to write through symlink "${displayName(rel)}"`);
    } else if (!st.isDirectory()) {
      throw rejectEntry(entry, `"${displayName(rel)}" is not a directory`);
    }
    dirs.add(rel);
  }
  return cur;
}

const O_PATH = 0o10000000;
const isAscii = (p: string) => /^[\x20-\x7e]*$/.test(p);

/**
 * Creates a device node, fifo or whiteout at a binary-string path with coreutils' mknod (Node
 * has no mknod). A path that is not plain ASCII cannot be passed as an argument byte for byte:
 * the node is made under a temporary ASCII name in its directory (named through this process's
 * /proc fd of that directory), then renamed into place.
 */
export async function mknod(
  path: string,
  kind: 'c' | 'b' | 'p',
  major = 0,
  minor = 0,
  mode = 0o600,
): Promise<void> {
  if (isAscii(path)) return runMknod(path, kind, major, minor, mode);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const temp = `.berth-mknod-${randomBytes(6).toString('hex')}`;
  const fd = fs.openSync(fsPath(dir), O_PATH | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW);
  try {
    await runMknod(`${fdPath(fd, process.pid)}/${temp}`, kind, major, minor, mode);
    await rename(fsPath(`${dir}/${temp}`), fsPath(path));
  } finally {
    fs.closeSync(fd);
  }
}

async function runMknod(
  path: string,
  kind: 'c' | 'b' | 'p',
  major: number,
  minor: number,
  mode: number,
): Promise<void> {
  const args = ['-m', (mode & 0o7777).toString(8), path, kind];
  if (kind !== 'p') args.push(String(major), String(minor));
  try {
    await exec('mknod', args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new RuntimeError(
      'INTERNAL',
      `mknod ${displayName(path)}: ${stderr || (err as Error).message}`,
      { cause: err },
    );
  }
}
