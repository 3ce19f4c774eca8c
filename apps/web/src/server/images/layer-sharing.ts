import { imageName, type LayerSharingDto, type SharedLayerDto } from '../../lib/dto/image.js';

export interface LayerUse {
  digest: string | null;
  size: number;
  imageIds: string[];
}

/**
 * The layer-sharing view: every layer with its size and the images that use it, shared ones
 * first (most users, then biggest), and the bytes sharing saves (Σ size × (users − 1)). Pure.
 */
export function toLayerSharing(
  hostId: string,
  layers: readonly LayerUse[],
  images: readonly { id: string; repoTags: string[] }[],
  source: 'agent' | 'mirror',
): LayerSharingDto {
  const names = new Map(images.map((i) => [i.id, imageName(i)]));
  const rows: SharedLayerDto[] = layers.map((l) => ({
    digest: l.digest,
    size: l.size,
    images: l.imageIds.map((id) => ({
      id,
      name: names.get(id) ?? imageName({ id, repoTags: [] }),
    })),
    shared: l.imageIds.length > 1,
  }));
  rows.sort(
    (a, b) =>
      b.images.length - a.images.length ||
      b.size - a.size ||
      String(a.digest).localeCompare(String(b.digest)),
  );
  return {
    hostId,
    layers: rows,
    totalSize: layers.reduce((s, l) => s + l.size, 0),
    sharedSavings: layers.reduce((s, l) => s + l.size * Math.max(0, l.imageIds.length - 1), 0),
    source,
  };
}
