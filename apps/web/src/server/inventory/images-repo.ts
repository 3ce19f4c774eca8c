import type { ImageSummary, LayerUsage } from '@berth/protocol';
import type { Db } from '../database/client.js';

/** Pure: the manifest digest of an image from its first `repo@sha256:…` entry, or null. */
export function manifestDigestOf(img: ImageSummary): string | null {
  const at = img.repoDigests[0]?.lastIndexOf('@') ?? -1;
  return at >= 0 ? (img.repoDigests[0]?.slice(at + 1) ?? null) : null;
}

/** Pure: an image's layers, base first, each digest once (ImageLayer's key is image+layer). */
export function layerPositions(layers: readonly string[]): { digest: string; position: number }[] {
  const seen = new Set<string>();
  const out: { digest: string; position: number }[] = [];
  layers.forEach((digest, position) => {
    if (seen.has(digest)) return;
    seen.add(digest);
    out.push({ digest, position });
  });
  return out;
}

function createdAt(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The Image / Layer / ImageLayer tables: the web's mirror of each agent's image store. A layer
 * row is shared by every image of the host that lists its digest (the layer-sharing view).
 */
export function createImagesRepo(db: Db) {
  return {
    /** Replace one host's images with the agent's full list, in one transaction. */
    async replaceAll(hostId: string, images: readonly ImageSummary[]): Promise<void> {
      await db.$transaction(async (tx) => {
        const keep = images.map((i) => `${hostId}:${i.id}`);
        await tx.image.deleteMany({ where: { hostId, id: { notIn: keep } } });
        const digests = new Set(images.flatMap((i) => i.layers));
        for (const digest of digests) {
          const id = `${hostId}:${digest}`;
          await tx.layer.upsert({
            where: { id },
            create: { id, hostId, digest, size: 0n },
            update: {},
          });
        }
        for (const img of images) {
          const id = `${hostId}:${img.id}`;
          const data = {
            digest: manifestDigestOf(img),
            repoTags: JSON.stringify(img.repoTags),
            repoDigests: JSON.stringify(img.repoDigests),
            size: BigInt(img.size),
            createdAt: createdAt(img.created),
            syncedAt: new Date(),
          };
          await tx.image.upsert({
            where: { id },
            create: { id, hostId, imageId: img.id, ...data },
            update: data,
          });
          await tx.imageLayer.deleteMany({ where: { imageId: id } });
          await tx.imageLayer.createMany({
            data: layerPositions(img.layers).map((l) => ({
              imageId: id,
              layerId: `${hostId}:${l.digest}`,
              position: l.position,
            })),
          });
        }
        await tx.layer.deleteMany({ where: { hostId, images: { none: {} } } });
      });
    },

    /** Fill in layer sizes and diff IDs from an `image.layers` report (rows that still exist). */
    async fillLayerDetails(hostId: string, layers: readonly LayerUsage[]): Promise<void> {
      for (const l of layers) {
        if (!l.digest) continue;
        await db.layer.updateMany({
          where: { id: `${hostId}:${l.digest}` },
          data: { size: BigInt(l.compressedSize), diffId: l.diffId },
        });
      }
    },
  };
}
export type ImagesRepo = ReturnType<typeof createImagesRepo>;
