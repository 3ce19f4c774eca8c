import fs from 'node:fs';
import { promisify } from 'node:util';
import { setAttribute } from 'fs-xattr';

// The callback API, promisified: no FileHandle objects, one thread-pool round trip per call.
const open = promisify(fs.open);
const writev = promisify(fs.writev);
const fchown = promisify(fs.fchown);
const fchmod = promisify(fs.fchmod);
const futimes = promisify(fs.futimes);
const close = promisify(fs.close);

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
 * symlink) and returns its fd, or undefined when something already exists at `path`.
 */
export async function createExclusive(path: string): Promise<number | undefined> {
  try {
    return await open(path, CREATE_FLAGS, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
}

/** Writes every chunk, in order, continuing after short writes. */
export async function writeChunks(fd: number, chunks: readonly Buffer[]): Promise<void> {
  let rest = chunks.filter((c) => c.length > 0);
  while (rest.length > 0) {
    let { bytesWritten: n } = await writev(fd, rest);
    while (rest.length > 0 && n >= rest[0]!.length) {
      n -= rest[0]!.length;
      rest = rest.slice(1);
    }
    if (n > 0) rest = [rest[0]!.subarray(n), ...rest.slice(1)];
  }
}

/**
 * Sets owner, then mode (chown clears setuid/setgid), then xattrs (chown also clears
 * security.capability), then times — through the open fd, so no path is looked up again.
 * xattrs go by path: the file was just created by this apply and nothing else touches it.
 */
export async function finishFile(fd: number, path: string, meta: NodeMeta): Promise<void> {
  await fchown(fd, meta.uid, meta.gid);
  await fchmod(fd, meta.mode & 0o7777);
  for (const [attr, value] of meta.xattrs) await setAttribute(path, attr, value);
  if (meta.mtime) await futimes(fd, meta.mtime, meta.mtime);
}

export async function closeFd(fd: number): Promise<void> {
  await close(fd);
}
