/**
 * Layer entry names are bytes: Go's archive/tar (what dockerd writes) and GNU tar carry whatever
 * bytes a file name had, UTF-8 or not. The unpacker handles every path as a "binary string"
 * (latin1: one char per byte, so no byte is lost or replaced) and turns it into a Buffer at each
 * file system call. Pure.
 */

/** The bytes of a binary-string path, for an `fs` call. */
export function fsPath(p: string): Buffer {
  return Buffer.from(p, 'latin1');
}

/** A path given as ordinary (UTF-8) text, e.g. a snapshot root, as a binary string. */
export function binaryPath(p: string): string {
  return Buffer.from(p, 'utf8').toString('latin1');
}

/** A binary-string name as text for messages (invalid UTF-8 shows as U+FFFD). */
export function displayName(p: string): string {
  return Buffer.from(p, 'latin1').toString('utf8');
}

/** `/proc/self/fd/N` (or another process's): names a node by an open fd, in ASCII. */
export function fdPath(fd: number, pid: number | 'self' = 'self'): string {
  return `/proc/${pid}/fd/${fd}`;
}
