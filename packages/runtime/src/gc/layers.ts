import type { Digest } from '../digest/digest.js';
import type { SnapshotInfo } from '../snapshot/snapshotter.js';
import type { ImageRecord } from '../image/records.js';

export interface LayerUsage {
  readonly chainId: Digest;
  readonly diffId: Digest;
  /** Compressed blob digest and size (from the first image that lists the layer). */
  readonly digest: Digest | undefined;
  readonly compressedSize: number;
  /** Bytes of files in the unpacked snapshot. */
  readonly size: number;
  /** IDs of the images whose stack includes this layer. */
  readonly images: readonly Digest[];
}

export interface LayersReport {
  readonly layers: readonly LayerUsage[];
  /** Unpacked bytes on disk. */
  readonly totalSize: number;
  /** Bytes that unshared storage would add: Σ size × (images − 1). */
  readonly sharedSavings: number;
}

/** Which images use each snapshot and what sharing saves (pure). */
export function layersReport(
  images: readonly ImageRecord[],
  snapshots: readonly SnapshotInfo[],
): LayersReport {
  const layers = snapshots.map((s): LayerUsage => {
    const users = images.filter((r) => r.layers.some((l) => l.chainId === s.chainId));
    const layer = users.flatMap((r) => r.layers).find((l) => l.chainId === s.chainId);
    return {
      chainId: s.chainId,
      diffId: s.diffId,
      digest: layer?.digest,
      compressedSize: layer?.size ?? 0,
      size: s.size,
      images: users.map((r) => r.id),
    };
  });
  return {
    layers,
    totalSize: layers.reduce((n, l) => n + l.size, 0),
    sharedSavings: layers.reduce((n, l) => n + l.size * Math.max(0, l.images.length - 1), 0),
  };
}
