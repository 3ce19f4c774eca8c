import type { Digest } from '../digest/digest.js';
import type { ImageRecord } from './records.js';

// The image store's contract, by role: `run` and `inspect` only read, a pull writes, `tag` and
// `rmi` name. FileImageStore (file-store.ts) implements all of them; testsuite.ts is the contract
// every implementation runs. A tag (normalized `registry/repo:tag`) names at most one image.

/** Finds image records. */
export interface ImageReader {
  list(): Promise<ImageRecord[]>;
  /** undefined for an unknown ID. */
  get(id: Digest): Promise<ImageRecord | undefined>;
  /**
   * By ID (full, without `sha256:`, or a unique prefix of ≥ 4 hex digits), by name[:tag] or by
   * name@digest. NOT_FOUND when nothing matches, INVALID_ARGUMENT for an ambiguous prefix.
   */
  resolve(nameOrId: string): Promise<ImageRecord>;
}

/** Stores and deletes records. */
export interface ImageWriter {
  /**
   * Stores a record; a record with the same ID keeps the union of both's tags and digests. Its
   * tags move to it from any image that held them.
   */
  put(record: ImageRecord): Promise<ImageRecord>;
  /** NOT_FOUND for an unknown ID. */
  remove(id: Digest): Promise<void>;
}

/** Names images. */
export interface ImageTagger {
  /** Adds a tag, moving it from the image that held it (NOT_FOUND for an unknown ID). */
  tag(id: Digest, tag: string): Promise<ImageRecord>;
  /** Removes a tag or a repo digest; returns the image that held it (NOT_FOUND when none did). */
  untag(tag: string): Promise<ImageRecord>;
}

export interface ImageStore extends ImageReader, ImageWriter, ImageTagger {}
