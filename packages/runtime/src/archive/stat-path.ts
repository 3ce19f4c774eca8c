import { lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import { notFound } from '../errors.js';
import { resolveInRoot } from './resolve-in-root.js';

/** What `docker cp` asks about a path before copying (Docker's `PathStat`, with a unix mode). */
export interface PathStat {
  name: string;
  size: number;
  /** st_mode: type and permission bits. */
  mode: number;
  mtime: Date;
  /** For a symlink: where it leads in the container (resolved in scope); else ''. */
  linkTarget: string;
  isDirectory: boolean;
  isSymlink: boolean;
}

/** lstat of a container path (its parents resolved in scope, the last component not followed). */
export async function statInRoot(root: string, path: string): Promise<PathStat> {
  const r = await resolveInRoot(root, path, { followFinal: false });
  if (!r.exists) throw notFound(`Could not find the file ${path} in container`);
  const st = await lstat(r.hostPath);
  let linkTarget = '';
  if (st.isSymbolicLink())
    linkTarget = (await resolveInRoot(root, path, { followFinal: true })).containerPath;
  return {
    name: posix.basename(r.containerPath) || '/',
    size: st.size,
    mode: st.mode,
    mtime: st.mtime,
    linkTarget,
    isDirectory: st.isDirectory(),
    isSymlink: st.isSymbolicLink(),
  };
}
