import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { RuntimeError, invalidArgument } from '../errors.js';

/** A validated `sha256:<64 lowercase hex>` digest (the only algorithm Berth accepts). */
export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:([a-f0-9]{64})$/;

export function isDigest(value: unknown): value is Digest {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

/** Parses a digest string; anything but `sha256:<64 hex>` is INVALID_ARGUMENT. */
export function parseDigest(value: string): Digest {
  if (!isDigest(value)) {
    if (
      /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(value) &&
      !value.startsWith('sha256:')
    ) {
      throw invalidArgument(`unsupported digest algorithm in "${value}" (only sha256)`);
    }
    throw invalidArgument(`invalid digest "${value}" (expected sha256:<64 hex>)`);
  }
  return value;
}

/** The hex part of a digest. */
export function digestHex(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

export function sha256(data: Buffer | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function digestFromHash(hash: Hash): Digest {
  return `sha256:${hash.digest('hex')}`;
}

/**
 * A pass-through transform that hashes what flows through it and, at the end, fails the stream
 * with INVALID_ARGUMENT (details.reason 'digest-mismatch') if the digest or expected size differ.
 * Also fails early when more bytes than `expectedSize` arrive.
 */
export class DigestVerifier extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  actual: Digest | undefined;

  constructor(
    readonly expected: Digest | undefined,
    readonly expectedSize?: number,
    initial?: { hash: Hash; bytes: number },
  ) {
    super();
    if (initial) {
      this.hash = initial.hash;
      this.bytes = initial.bytes;
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize) {
      cb(sizeMismatch(this.expected, this.expectedSize, this.bytes, true));
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    this.actual = digestFromHash(this.hash);
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize) {
      cb(sizeMismatch(this.expected, this.expectedSize, this.bytes, false));
      return;
    }
    if (this.expected !== undefined && this.actual !== this.expected) {
      cb(
        new RuntimeError(
          'INVALID_ARGUMENT',
          `digest mismatch: expected ${this.expected}, got ${this.actual}`,
          {
            details: { reason: 'digest-mismatch', expected: this.expected, actual: this.actual },
          },
        ),
      );
      return;
    }
    cb();
  }
}

function sizeMismatch(
  expected: Digest | undefined,
  size: number,
  got: number,
  over: boolean,
): RuntimeError {
  const what = expected ?? 'content';
  return new RuntimeError(
    'INVALID_ARGUMENT',
    `size mismatch for ${what}: expected ${size} bytes, ${over ? 'received more than that' : `got ${got}`}`,
    { details: { reason: 'size-mismatch', expected: size, actual: got } },
  );
}
