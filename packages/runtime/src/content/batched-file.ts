import fs from 'node:fs';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';

const open = promisify(fs.open);
const writev = promisify(fs.writev);

/** Bytes gathered before one write: a download arrives in 16–64 KiB pieces. */
const BATCH = 1024 * 1024;

/**
 * A file written from a stream in batches of about 1 MiB (one `writev` each) instead of one
 * write per chunk: a blob's download arrives in pieces of tens of KiB, and each write is a
 * thread-pool round trip that cost the agent's thread more than the copy itself. Bytes received
 * before a failure are still written (so an interrupted download resumes after them). `onOpen`
 * is told once the file exists.
 */
export class BatchedFileWriter extends Writable {
  private fd: number | undefined;
  private batch: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    private readonly path: string,
    private readonly flags: 'w' | 'a',
    private readonly onOpen?: () => void,
  ) {
    super({ highWaterMark: BATCH });
  }

  override _construct(cb: (err?: Error | null) => void): void {
    open(this.path, this.flags, 0o644).then(
      (fd) => {
        this.fd = fd;
        this.onOpen?.();
        cb();
      },
      (err: Error) => cb(err),
    );
  }

  override _write(chunk: Uint8Array, _e: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.batch.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes < BATCH) return cb();
    this.flushBatch().then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.flushBatch().then(() => cb(), cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return cb(err);
    try {
      if (err) writeAllSync(fd, this.takeBatch()); // keep what arrived, for a resume
    } catch {
      // the original error is the one to report
    } finally {
      fs.close(fd, (closeErr) => cb(err ?? closeErr));
    }
  }

  private takeBatch(): Uint8Array[] {
    const batch = this.batch;
    this.batch = [];
    this.bytes = 0;
    return batch;
  }

  private async flushBatch(): Promise<void> {
    let rest = this.takeBatch();
    while (rest.length > 0) rest = afterWrite(rest, (await writev(this.fd!, rest)).bytesWritten);
  }
}

function writeAllSync(fd: number, chunks: Uint8Array[]): void {
  let rest = chunks;
  while (rest.length > 0) rest = afterWrite(rest, fs.writevSync(fd, rest));
}

/** What is left of `chunks` after `written` bytes of them went out (short writes). */
function afterWrite(chunks: Uint8Array[], written: number): Uint8Array[] {
  let n = written;
  let i = 0;
  while (i < chunks.length && n >= chunks[i]!.length) n -= chunks[i++]!.length;
  const rest = chunks.slice(i);
  if (n > 0) rest[0] = rest[0]!.subarray(n);
  return rest;
}
