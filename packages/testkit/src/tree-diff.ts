/**
 * Pure parts of the tree comparison used by the differential (Docker-as-oracle) tests: how one
 * walked node is described, and the differences between two walked trees.
 */

export type NodeType = 'file' | 'dir' | 'symlink' | 'fifo' | 'char' | 'block' | 'socket';

/** One node of a walked tree. Paths are relative to the walked root, bytes escaped (`escapeName`). */
export interface TreeNode {
  readonly path: string;
  readonly type: NodeType;
  /** Permission bits including setuid, setgid and sticky (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Regular files and symlinks only (a directory's size depends on the file system). */
  readonly size?: number;
  /** sha256 of a regular file's content. */
  readonly sha256?: string;
  /** A symlink's target, escaped. */
  readonly target?: string;
  /** `major:minor` of a device node. */
  readonly rdev?: string;
  /** Extended attributes, name → hex value, sorted by name. */
  readonly xattrs: ReadonlyArray<readonly [string, string]>;
  /** For a node with other names (hard links) in the tree: the smallest of its paths. */
  readonly linkGroup?: string;
}

export interface Tree {
  readonly nodes: ReadonlyMap<string, TreeNode>;
  /** Paths skipped because another file system is mounted there (or a bind mount). */
  readonly mounts: readonly string[];
}

/**
 * Bytes of a file name as text that survives JSON and diffs: printable ASCII as is (backslash
 * doubled), every other byte as `\xNN`. Different byte strings never give the same text.
 */
export function escapeName(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** One line describing a node, every compared field in a fixed order. */
export function describeNode(n: TreeNode): string {
  const parts = [n.type, n.mode.toString(8).padStart(4, '0'), `${n.uid}:${n.gid}`];
  if (n.size !== undefined) parts.push(`size=${n.size}`);
  if (n.sha256 !== undefined) parts.push(`sha256=${n.sha256.slice(0, 16)}`);
  if (n.target !== undefined) parts.push(`-> ${n.target}`);
  if (n.rdev !== undefined) parts.push(`dev=${n.rdev}`);
  for (const [k, v] of n.xattrs) parts.push(`xattr ${k}=${v}`);
  if (n.linkGroup !== undefined) parts.push(`link=${n.linkGroup}`);
  return parts.join(' ');
}

/**
 * Every difference between two trees, one line each, sorted by path: nodes only in one of them,
 * and nodes whose description differs (with both descriptions). Empty when they are identical.
 */
export function diffTrees(
  a: Tree,
  b: Tree,
  names: readonly [string, string] = ['a', 'b'],
): string[] {
  const out: Array<[string, string]> = [];
  for (const [path, na] of a.nodes) {
    const nb = b.nodes.get(path);
    if (!nb) out.push([path, `only in ${names[0]}: ${path} (${describeNode(na)})`]);
    else if (describeNode(na) !== describeNode(nb))
      out.push([
        path,
        `differs: ${path}\n  ${names[0]}: ${describeNode(na)}\n  ${names[1]}: ${describeNode(nb)}`,
      ]);
  }
  for (const [path, nb] of b.nodes)
    if (!a.nodes.has(path)) out.push([path, `only in ${names[1]}: ${path} (${describeNode(nb)})`]);
  return out.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, line]) => line);
}

/** Device numbers as glibc's `major()`/`minor()` decode them. */
export function deviceNumbers(rdev: number): string {
  const r = BigInt(rdev);
  const major = ((r >> 8n) & 0xfffn) | ((r >> 32n) & ~0xfffn);
  const minor = (r & 0xffn) | ((r >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}
