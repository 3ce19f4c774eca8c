import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { listAttributesSync, getAttributeSync } from 'fs-xattr';
import { deviceNumbers, escapeName, type NodeType, type Tree, type TreeNode } from './tree-diff.js';

export * from './tree-diff.js';

export interface WalkOptions {
  /** Relative paths (escaped as `escapeName` writes them) skipped with everything below them. */
  exclude?: readonly string[];
}

/** O_PATH: an fd naming the node without opening it (a FIFO does not block, a device is not opened). */
const O_PATH = 0o10000000;
const SLASH = Buffer.from('/');

/**
 * Walks a directory tree as a differential test compares it: every node's type, permission bits,
 * owner, size, content hash, symlink target, device numbers, xattrs and hard-link group, with
 * names as raw bytes (non-UTF-8 names survive). Nothing is followed. A node on another file
 * system than `root` (a mount point: /proc, a bind-mounted /etc/hosts…) is skipped with its
 * subtree and listed in `mounts`. Run on `/proc/<pid>/root` of a running container, it sees the
 * container's root file system as its processes do.
 */
export function walkTree(root: string, opts: WalkOptions = {}): Tree {
  const exclude = new Set(opts.exclude ?? []);
  const rootBuf = Buffer.from(root);
  const rootDev = fs.statSync(rootBuf).dev; // followed: /proc/<pid>/root is a magic link
  const nodes = new Map<string, TreeNode>();
  const mounts: string[] = [];
  const inodes = new Map<string, string[]>();
  const visit = (abs: Buffer, rel: string) => {
    for (const name of fs.readdirSync(abs, { encoding: 'buffer' })) {
      const childAbs = Buffer.concat([abs, SLASH, name]);
      const childRel = rel === '' ? escapeName(name) : `${rel}/${escapeName(name)}`;
      if (exclude.has(childRel)) continue;
      const st = fs.lstatSync(childAbs);
      if (st.dev !== rootDev) {
        mounts.push(childRel);
        continue;
      }
      const node = describe(childAbs, childRel, st);
      nodes.set(childRel, node);
      if (node.type !== 'dir' && st.nlink > 1) {
        const key = `${st.dev}:${st.ino}`;
        inodes.set(key, [...(inodes.get(key) ?? []), childRel]);
      }
      if (node.type === 'dir') visit(childAbs, childRel);
    }
  };
  visit(rootBuf, '');
  for (const paths of inodes.values()) {
    if (paths.length < 2) continue;
    const first = [...paths].sort()[0]!;
    for (const p of paths) nodes.set(p, { ...nodes.get(p)!, linkGroup: first });
  }
  return { nodes, mounts: mounts.sort() };
}

function typeOf(st: fs.Stats): NodeType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return 'socket';
}

function describe(abs: Buffer, rel: string, st: fs.Stats): TreeNode {
  const type = typeOf(st);
  const base = { path: rel, type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  if (type === 'symlink') {
    const target = escapeName(fs.readlinkSync(abs, { encoding: 'buffer' }));
    return { ...base, size: st.size, target, xattrs: [] };
  }
  const xattrs = readXattrs(abs);
  if (type === 'file') return { ...base, size: st.size, sha256: hashFile(abs), xattrs };
  if (type === 'char' || type === 'block') return { ...base, rdev: deviceNumbers(st.rdev), xattrs };
  return { ...base, xattrs };
}

/** Through an O_PATH fd and /proc/self/fd, so names that are not UTF-8 work too. */
function readXattrs(abs: Buffer): Array<[string, string]> {
  const fd = fs.openSync(abs, O_PATH | fs.constants.O_NOFOLLOW);
  try {
    const via = `/proc/self/fd/${fd}`;
    return listAttributesSync(via)
      .sort()
      .map((name) => [name, getAttributeSync(via, name).toString('hex')]);
  } finally {
    fs.closeSync(fd);
  }
}

function hashFile(abs: Buffer): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;)
      hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
