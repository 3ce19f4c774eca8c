import type { Readable } from 'node:stream';
import type { Digest } from '../digest/digest.js';

// The content store's contract, by role, as containerd's core/content splits it: a reader needs
// only a Provider, a pull an Ingester, garbage collection a Manager. LocalContentStore
// (local-store.ts) implements all of them; testsuite.ts is the contract every implementation runs.

export interface BlobInfo {
  readonly digest: Digest;
  readonly size: number;
}

/** Opens the source of a blob at `offset`; returns where the stream really starts (0 if it could not seek). */
export type BlobSource = (offset: number) => Promise<{ stream: Readable; offset: number }>;

export interface WriteResult extends BlobInfo {
  /** True when the blob was already in the store and nothing was fetched. */
  readonly existed: boolean;
}

export interface WriteOptions {
  /** Called with bytes written so far (including resumed bytes). */
  onProgress?: (current: number) => void;
  /**
   * Called once with the partial file the blob is being written to, from its first byte (a
   * resumed write included), so a reader may follow it before the write is verified and
   * committed (the commit renames that file). Not called when the blob is already stored.
   */
  onIngest?: (path: string) => void;
}

/** Reads committed blobs. A missing blob: `info` → undefined, reads → NOT_FOUND. */
export interface Provider {
  info(digest: Digest): Promise<BlobInfo | undefined>;
  has(digest: Digest): Promise<boolean>;
  readBuffer(digest: Digest): Promise<Buffer>;
  readStream(digest: Digest): Promise<Readable>;
}

/**
 * Writes blobs verified against their digest (and size when known): a mismatch stores nothing
 * (INVALID_ARGUMENT); a blob already present is not fetched again; concurrent writes of one
 * digest share one fetch; an interrupted write resumes from what it kept.
 */
export interface Ingester {
  write(
    digest: Digest,
    size: number | undefined,
    source: BlobSource,
    opts?: WriteOptions,
  ): Promise<WriteResult>;
  /** Stores a buffer whose digest is computed (or checked against `expected`). */
  writeBuffer(data: Buffer, expected?: Digest): Promise<WriteResult>;
}

/** Partial writes: what an interrupted write left. */
export interface IngestManager {
  /** Removes partial writes no one is writing now; returns how many. */
  cleanIngests(): Promise<number>;
}

/** Lists, labels and deletes committed blobs. */
export interface Manager {
  list(): Promise<BlobInfo[]>;
  /** Idempotent: deleting a missing blob is not an error. */
  delete(digest: Digest): Promise<void>;
  setLabels(digest: Digest, labels: Record<string, string>): Promise<void>;
  /** `{}` for a blob without labels. */
  labels(digest: Digest): Promise<Record<string, string>>;
}

/** The whole content store. */
export interface ContentStore extends Provider, Ingester, IngestManager, Manager {}

/** A store whose blobs are files (unpack and save read a layer straight from its path). */
export interface BlobFiles {
  blobPath(digest: Digest): string;
}
