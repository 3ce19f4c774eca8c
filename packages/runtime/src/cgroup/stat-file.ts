import { closeSync, openSync, readSync } from 'node:fs';

/** Errors that mean "this file is not there (any more)": the field becomes null. */
const GONE = new Set(['ENOENT', 'ENOTSUP', 'EINVAL', 'ENODEV', 'ESRCH', 'ENXIO']);

const isGone = (err: unknown) => GONE.has((err as NodeJS.ErrnoException).code ?? '');

/**
 * One cgroupfs/procfs file kept open and re-read from offset 0 (`pread`) on every sample:
 * no open/close per read and no trip through libuv's thread pool (these files never block).
 * A file that is missing at open, or whose cgroup went away, reads as -1.
 */
export class StatFile {
  #fd: number;

  /** The path is not kept: 200 containers' ≈ 15 files each would hold ≈ 0.4 MB of them. */
  constructor(path: string) {
    try {
      this.#fd = openSync(path, 'r');
    } catch (err) {
      if (!isGone(err)) throw err;
      this.#fd = -1;
    }
  }

  get exists(): boolean {
    return this.#fd >= 0;
  }

  /** Bytes read into `buf` (from its start), or -1 when missing/gone. */
  read(buf: Buffer): number {
    if (this.#fd < 0) return -1;
    try {
      return readSync(this.#fd, buf, 0, buf.length, 0);
    } catch (err) {
      if (isGone(err)) return -1;
      throw err;
    }
  }

  close(): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }
}

/** The files of one handle, closed together. */
export class StatFiles {
  readonly #files: StatFile[] = [];

  open(path: string): StatFile {
    const f = new StatFile(path);
    this.#files.push(f);
    return f;
  }

  /** The first of `paths` that exists (e.g. `_recursive` before the plain blkio file). */
  openFirst(...paths: string[]): StatFile {
    for (const p of paths) {
      const f = new StatFile(p);
      if (f.exists || p === paths[paths.length - 1]) {
        this.#files.push(f);
        return f;
      }
    }
    throw new Error('openFirst needs at least one path');
  }

  get count(): number {
    return this.#files.filter((f) => f.exists).length;
  }

  closeAll(): void {
    for (const f of this.#files) f.close();
    this.#files.length = 0;
  }
}

/**
 * One scratch buffer for every read: reads are synchronous, so a read and its parse finish
 * before the next read starts. 64 KiB holds any memory.stat or net/dev.
 */
export const scratch: Buffer = Buffer.allocUnsafe(64 * 1024);
