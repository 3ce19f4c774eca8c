import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, statfs } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';

type Header = Partial<tar.Header> & { name: string };

/** Pure: an lstat → a tar header (null for sockets, which tar cannot carry). */
export function headerOf(name: string, st: Stats, linkname?: string): Header | null {
  const base: Header = {
    name,
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    mtime: st.mtime,
  };
  if (st.isDirectory()) return { ...base, type: 'directory' };
  if (st.isFile()) return { ...base, type: 'file', size: st.size };
  if (st.isSymbolicLink()) return { ...base, type: 'symlink', linkname: linkname ?? '' };
  if (st.isFIFO()) return { ...base, type: 'fifo' };
  if (st.isCharacterDevice() || st.isBlockDevice())
    return {
      ...base,
      type: st.isCharacterDevice() ? 'character-device' : 'block-device',
      devmajor: Math.floor(st.rdev / 256),
      devminor: st.rdev % 256,
    };
  return null;
}

/** Kernel filesystems a container's view mounts (proc, sysfs, cgroup, devpts…): never packed. */
const PSEUDO_FS = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x1cd1, // devpts
  0x19800202, // mqueue
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
  0xcafe4a11, // bpf
]);

async function isPseudoFs(path: string): Promise<boolean> {
  try {
    return PSEUDO_FS.has((await statfs(path)).type);
  } catch {
    return true;
  }
}

/**
 * Packs the tree at `hostPath` into a tar whose entries start with `prefix` (Docker names them
 * after the requested path's base name; export uses ''), walking with lstat only: symlinks are
 * stored as links, never followed, and files are opened with O_NOFOLLOW. Hard links (same inode
 * seen twice) become link entries. The caller keeps the tree still (a frozen container).
 */
export function packTree(hostPath: string, prefix: string): Readable {
  const pack = tar.pack();
  const seen = new Map<string, string>();
  const entry = (header: Header, body?: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry(header, body ?? '', (err) => (err ? reject(err) : resolve())),
    );
  const file = async (header: Header, path: string) => {
    const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry(header, (err) => (err ? reject(err) : resolve()));
        const src = fh.createReadStream({ autoClose: false });
        src.once('error', reject);
        src.pipe(sink);
      });
    } finally {
      await fh.close();
    }
  };
  const walk = async (path: string, name: string, parentDev: number | null): Promise<void> => {
    const st = await lstat(path);
    // a mount point of a kernel filesystem inside the tree (the container's /proc, /sys…)
    if (st.isDirectory() && parentDev !== null && st.dev !== parentDev && (await isPseudoFs(path)))
      return;
    const key = `${st.dev}:${st.ino}`;
    if (!st.isDirectory() && st.nlink > 1 && seen.has(key)) {
      await entry({
        name,
        type: 'link',
        linkname: seen.get(key)!,
        mode: st.mode & 0o7777,
        mtime: st.mtime,
        uid: st.uid,
        gid: st.gid,
      });
      return;
    }
    if (!st.isDirectory() && st.nlink > 1) seen.set(key, name);
    const header = headerOf(
      st.isDirectory() && name !== '' ? `${name}/` : name,
      st,
      st.isSymbolicLink() ? await readlink(path) : undefined,
    );
    if (!header) return;
    if (st.isFile()) await file(header, path);
    else if (name !== '') await entry(header);
    if (st.isDirectory()) {
      for (const child of (await readdir(path)).sort())
        await walk(join(path, child), name === '' ? child : posix.join(name, child), st.dev);
    }
  };
  walk(hostPath, prefix, null)
    .then(() => pack.finalize())
    .catch((err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.from(pack);
}
