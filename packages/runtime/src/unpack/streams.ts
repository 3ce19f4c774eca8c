import { Transform, type TransformCallback } from 'node:stream';
import { RuntimeError } from '../errors.js';

/**
 * At least `n` first bytes of a stream (fewer only if it is shorter), and the whole stream again
 * (those bytes included) to read on. A chunk is copied before the next one is read, so a source
 * that reuses its buffer (`followFile`) can be peeked.
 */
export async function peekHead(
  source: AsyncIterable<Buffer>,
  n: number,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  while (bytes < n) {
    if (seen.length > 0) seen[seen.length - 1] = Buffer.from(seen[seen.length - 1]!);
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    seen.push(next.value);
    bytes += next.value.length;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    let finished = ended;
    try {
      yield* seen;
      if (finished) return;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
      finished = true;
    } finally {
      if (!finished) await it.return?.(); // abandoned: let the source clean up (close its file)
    }
  }
  return { head: Buffer.concat(seen).subarray(0, n), rest: rest() };
}

/** Fails the stream when the uncompressed tar grows past `max` (decompression bombs). */
export class ByteLimit extends Transform {
  private bytes = 0;
  constructor(
    private readonly max: number,
    private readonly onProgress?: (n: number) => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max)
      return cb(
        new RuntimeError(
          'INVALID_ARGUMENT',
          `layer exceeds the limit of ${this.max} uncompressed bytes`,
        ),
      );
    this.onProgress?.(this.bytes);
    cb(null, chunk);
  }
}
