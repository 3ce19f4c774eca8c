import type { Digest } from '../digest/digest.js';
import type { Mount, WritableLayer } from './mounts.js';

// The snapshotter's contract, by role: image pulls prepare snapshots, the rootfs provider reads
// their mounts, garbage collection lists and removes them. OverlaySnapshotter
// (overlay-snapshotter.ts) implements all of them; testsuite.ts is the contract every
// implementation runs.

/** One committed layer stack, named by its chain ID and shared by every image that has it. */
export interface SnapshotInfo {
  /** Short number naming its directory (keeps overlay's option string small). */
  id: number;
  chainId: Digest;
  /** The chain below; none for a base layer. */
  parent?: Digest;
  diffId: Digest;
  /** Bytes the layer wrote. */
  size: number;
  createdAt: string;
  /** Who holds the snapshot (e.g. container IDs); a used snapshot is never removed. */
  users: string[];
}

/** Fills a fresh directory with a layer; returns the bytes it wrote. */
export type LayerApplier = (fsDir: string) => Promise<{ size: number }>;

/** Looks snapshots up and describes how to mount a stack. */
export interface SnapshotReader {
  get(chainId: Digest): Promise<SnapshotInfo | undefined>;
  /** Oldest first. */
  list(): Promise<SnapshotInfo[]>;
  /** Layer directories of the stack ending at `chainId`, top first (NOT_FOUND when unknown). */
  lowerDirs(chainId: Digest): Promise<string[]>;
  /** Mount data for the stack, optionally with a writable layer on top; mounts nothing. */
  mounts(chainId: Digest, rw?: WritableLayer): Promise<Mount[]>;
}

/**
 * Creates committed snapshots. `prepare` returns an existing one (created: false) or applies
 * the layer and commits it; concurrent calls for one chain share the work; the parent must
 * exist or be being prepared (FAILED_PRECONDITION otherwise); a failed apply leaves nothing.
 */
export interface SnapshotPreparer {
  prepare(
    chainId: Digest,
    parent: Digest | undefined,
    diffId: Digest,
    apply: LayerApplier,
  ): Promise<{ info: SnapshotInfo; created: boolean }>;
}

/** Tracks who uses a snapshot. */
export interface SnapshotUsers {
  addUser(chainId: Digest, user: string): Promise<void>;
  /** Idempotent, also for an unknown snapshot. */
  removeUser(chainId: Digest, user: string): Promise<void>;
}

/** Removes a snapshot without users and children (FAILED_PRECONDITION otherwise). */
export interface SnapshotRemover {
  remove(chainId: Digest): Promise<void>;
}

/** The whole snapshotter. `init` loads state and clears a crash's leftovers; later calls do nothing. */
export interface Snapshotter
  extends SnapshotReader, SnapshotPreparer, SnapshotUsers, SnapshotRemover {
  init(): Promise<void>;
}
