import { closeSync, constants, fstatSync, openSync, readSync, readlinkSync } from 'node:fs';
import { invalidArgument } from '../errors.js';

/** open(2)'s O_PATH (the same value on x86_64 and aarch64); Node does not export it. */
const O_PATH = 0o10000000;
const { O_NOFOLLOW, O_RDONLY } = constants;
/** Linux's limit on symlinks followed in one lookup. */
const MAX_LINKS = 40;

/** Default cap for the small text files read from a container root (passwd, group). */
export const MAX_ROOT_FILE_BYTES = 1024 * 1024;

const fdPath = (fd: number, name?: string) =>
  name === undefined ? `/proc/self/fd/${fd}` : `/proc/self/fd/${fd}/${name}`;

const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

/**
 * Reads a file of a container's root filesystem as a process inside would see it, without ever
 * leaving `root`: each component is opened with O_PATH|O_NOFOLLOW relative to the directory
 * opened before it (through /proc/self/fd, openat(2) as Node can express it), a symlink is
 * resolved inside the root (absolute targets restart at the root, `..` stops there: openat2's
 * RESOLVE_IN_ROOT), and the last component must be a regular file, re-opened from its O_PATH fd
 * so no device or FIFO is ever opened for reading. A concurrent rename inside the root cannot
 * redirect the walk outside it. Returns null when the path does not exist; a non-regular file,
 * a file over `maxBytes` or a symlink loop is INVALID_ARGUMENT.
 */
export async function readFileInRoot(
  root: string,
  path: string,
  maxBytes: number = MAX_ROOT_FILE_BYTES,
): Promise<string | null> {
  // Synchronous calls inside (a failure still rejects): a passwd lookup is a dozen opens, stats
  // and reads of cached dentries, microseconds each, where each went through the thread pool and
  // back to the event loop (≈ 1–3 ms of every create on a loaded host).
  const stack: number[] = [openSync(root, O_PATH | constants.O_DIRECTORY)];
  try {
    const file = walk(stack, path);
    if (file === null) return null;
    try {
      return readRegular(file, path, maxBytes);
    } finally {
      closeSync(file);
    }
  } finally {
    for (const fd of stack) closeSync(fd);
  }
}

/** Walks `path` from stack[0] (the root); returns an O_PATH fd on the last component. */
function walk(stack: number[], path: string): number | null {
  const queue = path.split('/').filter((c) => c !== '' && c !== '.');
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift()!;
    if (comp === '..') {
      if (stack.length > 1) closeSync(stack.pop()!);
      continue;
    }
    const top = stack[stack.length - 1]!;
    let fd: number;
    try {
      fd = openSync(fdPath(top, comp), O_PATH | O_NOFOLLOW);
    } catch (err) {
      if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return null;
      throw err;
    }
    let st;
    try {
      st = fstatSync(fd);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    if (st.isSymbolicLink()) {
      closeSync(fd);
      if (++links > MAX_LINKS) throw invalidArgument(`${path}: too many levels of symbolic links`);
      // read relative to the directory fd; if it stopped being a symlink meanwhile, look again
      let target: string | null;
      try {
        target = readlinkSync(fdPath(top, comp));
      } catch (err) {
        if (errnoOf(err) !== 'EINVAL' && errnoOf(err) !== 'ENOENT') throw err;
        target = null;
      }
      if (target === null) {
        queue.unshift(comp);
        continue;
      }
      if (target.startsWith('/')) while (stack.length > 1) closeSync(stack.pop()!);
      queue.unshift(...target.split('/').filter((c) => c !== '' && c !== '.'));
      continue;
    }
    if (queue.length === 0) return fd;
    if (!st.isDirectory()) {
      closeSync(fd);
      return null;
    }
    stack.push(fd);
  }
  return null; // the path named the root itself
}

function readRegular(file: number, path: string, maxBytes: number): string {
  const st = fstatSync(file);
  if (!st.isFile()) throw invalidArgument(`${path} in the container is not a regular file`);
  if (st.size > maxBytes)
    throw invalidArgument(`${path} in the container is larger than ${maxBytes} bytes`);
  // re-opening the O_PATH fd through its magic link opens that very inode: no new lookup
  const reader = openSync(fdPath(file), O_RDONLY);
  try {
    // sized by the stat (+1 to see EOF in the first read), grown up to maxBytes + 1 if the file
    // grew meanwhile: a passwd file is a few KiB, and zeroing 1 MiB per read cost more than it
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const bytesRead = readSync(reader, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > maxBytes)
        throw invalidArgument(`${path} in the container is larger than ${maxBytes} bytes`);
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(reader);
  }
}
