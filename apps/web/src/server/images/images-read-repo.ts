import type { Db } from '../database/client.js';
import type { ImageDto } from '../../lib/dto/image.js';
import type { LayerUse } from './layer-sharing.js';

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Reads the Image / Layer / ImageLayer mirror (written by the inventory feature). */
export function createImagesReadRepo(db: Db) {
  return {
    async list(hostId: string): Promise<ImageDto[]> {
      const rows = await db.image.findMany({
        where: { hostId },
        include: { layers: { include: { layer: true }, orderBy: { position: 'asc' } } },
        orderBy: { createdAt: 'desc' },
      });
      return rows.map((r) => {
        const repoTags = parseList(r.repoTags);
        return {
          id: r.imageId,
          repoTags,
          repoDigests: parseList(r.repoDigests),
          size: Number(r.size),
          created: r.createdAt ? r.createdAt.toISOString() : null,
          dangling: repoTags.length === 0,
          layers: r.layers.map((il) => ({
            digest: il.layer.digest,
            size: il.layer.size > 0n ? Number(il.layer.size) : null,
          })),
        };
      });
    },
    /** Each mirrored layer of a host with the images that list it. */
    async layerUses(hostId: string): Promise<LayerUse[]> {
      const rows = await db.layer.findMany({
        where: { hostId },
        include: { images: { include: { image: { select: { imageId: true } } } } },
      });
      return rows.map((l) => ({
        digest: l.digest,
        size: Number(l.size),
        imageIds: l.images.map((il) => il.image.imageId),
      }));
    },
  };
}
export type ImagesReadRepo = ReturnType<typeof createImagesReadRepo>;
