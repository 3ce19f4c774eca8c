import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidArgument } from '../errors.js';

/** Linux's own limit on symlinks followed in one lookup. */
const MAX_HOPS = 40;

export interface ResolvedPath {
  /** Where it is on the host: always `root` or below it. */
  hostPath: string;
  /** The same place as the container sees it (absolute, clean). */
  containerPath: string;
  /** Whether the last component exists. */
  exists: boolean;
}

/**
 * Resolves a container path under `root` as the container would — symlinks are followed, but an
 * absolute target starts again at `root` and `..` never climbs above it — one component at a
 * time with lstat/readlink, so the answer cannot point outside `root` (moby's
 * `FollowSymlinkInScope`). The last component is followed only with `followFinal`. Missing
 * components are kept literally (a destination that does not exist yet).
 */
export async function resolveInRoot(
  root: string,
  path: string,
  opts: { followFinal: boolean },
): Promise<ResolvedPath> {
  if (path.includes('\0')) throw invalidArgument('path contains NUL');
  const queue = path.split('/');
  const resolved: string[] = [];
  let hops = 0;
  let exists = true;
  while (queue.length > 0) {
    const comp = queue.shift()!;
    if (comp === '' || comp === '.') continue;
    if (comp === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, comp);
    const last = queue.every((c) => c === '' || c === '.');
    if (!exists) {
      resolved.push(comp);
      continue;
    }
    const st = await lstat(candidate).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      throw err;
    });
    if (!st) {
      exists = false;
      resolved.push(comp);
      continue;
    }
    if (st.isSymbolicLink() && (!last || opts.followFinal)) {
      if (++hops > MAX_HOPS) throw invalidArgument(`too many levels of symbolic links in ${path}`);
      const target = await readlink(candidate);
      if (target.startsWith('/')) resolved.length = 0;
      queue.unshift(...target.split('/'));
      continue;
    }
    resolved.push(comp);
  }
  return {
    hostPath: resolved.length ? join(root, ...resolved) : root,
    containerPath: `/${resolved.join('/')}`,
    exists,
  };
}
