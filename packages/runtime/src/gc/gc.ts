import type { Digest } from '../digest/digest.js';
import type { IngestManager, Manager, Provider } from '../content/content.js';
import type { SnapshotInfo, SnapshotReader, SnapshotRemover } from '../snapshot/snapshotter.js';
import type { ImageRecord } from '../image/records.js';
import { parseManifestDocument } from '../image/manifest.js';

export interface GcResult {
  readonly blobsRemoved: number;
  readonly snapshotsRemoved: number;
  readonly ingestsRemoved: number;
  readonly bytesReclaimed: number;
}

/** Everything the records reference (pure): blobs by digest, snapshots by chain ID. */
export function referencedBy(
  images: readonly ImageRecord[],
  snapshots: readonly SnapshotInfo[],
): { blobs: Set<Digest>; chains: Set<Digest> } {
  const blobs = new Set<Digest>();
  const chains = new Set<Digest>();
  for (const r of images) {
    blobs.add(r.id);
    blobs.add(r.manifestDigest);
    if (r.indexDigest) blobs.add(r.indexDigest);
    for (const l of r.layers) {
      blobs.add(l.digest);
      chains.add(l.chainId);
    }
  }
  // snapshots in use by containers keep themselves and their parents
  const byChain = new Map(snapshots.map((s) => [s.chainId, s]));
  for (const s of snapshots) {
    if (s.users.length === 0) continue;
    for (let c: Digest | undefined = s.chainId; c && !chains.has(c); c = byChain.get(c)?.parent)
      chains.add(c);
  }
  return { blobs, chains };
}

/**
 * Removes blobs and snapshots no image record references (containerd's GC, mark and sweep),
 * plus ingest leftovers. An index keeps the manifests it lists if they are stored.
 */
export async function collectGarbage(
  content: Provider & Manager & IngestManager,
  snapshots: SnapshotReader & SnapshotRemover,
  images: readonly ImageRecord[],
): Promise<GcResult> {
  const snaps = await snapshots.list();
  const { blobs, chains } = referencedBy(images, snaps);
  for (const r of images) {
    if (!r.indexDigest || !(await content.has(r.indexDigest))) continue;
    const doc = parseManifestDocument(await content.readBuffer(r.indexDigest));
    if (doc.kind === 'index')
      for (const m of doc.index.manifests) if (await content.has(m.digest)) blobs.add(m.digest);
  }
  let bytes = 0;
  let blobsRemoved = 0;
  for (const b of await content.list()) {
    if (blobs.has(b.digest)) continue;
    await content.delete(b.digest);
    bytes += b.size;
    blobsRemoved++;
  }
  let snapshotsRemoved = 0;
  for (const s of [...snaps].sort((a, b) => b.id - a.id)) {
    if (chains.has(s.chainId)) continue;
    await snapshots.remove(s.chainId);
    bytes += s.size;
    snapshotsRemoved++;
  }
  const ingestsRemoved = await content.cleanIngests();
  return { blobsRemoved, snapshotsRemoved, ingestsRemoved, bytesReclaimed: bytes };
}
