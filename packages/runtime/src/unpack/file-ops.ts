import fs from 'node:fs';
import { promisify } from 'node:util';
import type * as Xattr from 'fs-xattr';
import { lazyModule } from '../lazy-module.js';
import { fdPath, fsPath } from './names.js';

/** fs-xattr (a native addon): only entries with extended attributes need it. */
const xattr = lazyModule<typeof Xattr>('fs-xattr');

// Creating an inode is the one costly step (it runs in the thread pool, several at once); the
// rest are cheap syscalls on an open fd, done synchronously: a thread-pool round trip costs more
// than the call itself. Writes through `writeChunks` are bounded by the small-file size.
const open = promisify(fs.open);
const writev = promisify(fs.writev);

const CREATE_FLAGS =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

/** What a layer entry says about its node, applied after its content. */
export interface NodeMeta {
  readonly uid: number;
  readonly gid: number;
  readonly mode: number;
  readonly mtime: Date | undefined;
  readonly xattrs: ReadonlyArray<readonly [string, Buffer]>;
}

/**
 * Creates a new regular file (O_EXCL | O_NOFOLLOW: never an existing path, never through a
 * symlink) at a binary-string path and returns its fd, or undefined when something already
 * exists at `path`.
 */
export async function createExclusive(path: string): Promise<number | undefined> {
  try {
    return await open(fsPath(path), CREATE_FLAGS, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
}

/** Writes every chunk, in order, continuing after short writes. */
export async function writeChunks(fd: number, chunks: readonly Buffer[]): Promise<void> {
  let rest = chunks.filter((c) => c.length > 0);
  while (rest.length > 0) rest = afterWrite(rest, (await writev(fd, rest)).bytesWritten);
}

/** `writeChunks`, synchronously: for small files (a page-cache copy, no thread-pool hop). */
export function writeChunksSync(fd: number, chunks: readonly Buffer[]): void {
  let rest = chunks.filter((c) => c.length > 0);
  while (rest.length > 0) rest = afterWrite(rest, fs.writevSync(fd, rest));
}

function afterWrite(chunks: Buffer[], written: number): Buffer[] {
  let n = written;
  let rest = chunks;
  while (rest.length > 0 && n >= rest[0]!.length) {
    n -= rest[0]!.length;
    rest = rest.slice(1);
  }
  return n > 0 ? [rest[0]!.subarray(n), ...rest.slice(1)] : rest;
}

/**
 * Sets owner, then mode (chown clears setuid/setgid), then xattrs (chown also clears
 * security.capability), then times — through the open fd, so no path is looked up again
 * (xattrs through /proc/self/fd/N, which names the same open file).
 */
export async function finishFile(fd: number, meta: NodeMeta): Promise<void> {
  fs.fchownSync(fd, meta.uid, meta.gid);
  fs.fchmodSync(fd, meta.mode & 0o7777);
  for (const [attr, value] of meta.xattrs) await xattr().setAttribute(fdPath(fd), attr, value);
  if (meta.mtime) fs.futimesSync(fd, meta.mtime, meta.mtime);
}

const O_PATH = 0o10000000;

/**
 * Sets an xattr on the node at a binary-string path, never through a symlink: through an
 * O_PATH | O_NOFOLLOW fd and /proc/self/fd/N (fs-xattr takes only UTF-8 text paths).
 */
export async function setXattrAt(
  path: string,
  attr: string,
  value: Buffer | string,
): Promise<void> {
  const fd = fs.openSync(fsPath(path), O_PATH | fs.constants.O_NOFOLLOW);
  try {
    await xattr().setAttribute(fdPath(fd), attr, value);
  } finally {
    fs.closeSync(fd);
  }
}

export function closeFd(fd: number): void {
  fs.closeSync(fd);
}
