import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { RuntimeError } from '../errors.js';

/** The first bytes of a file (for magic-number detection). */
export async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
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
