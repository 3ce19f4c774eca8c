/** JSON shapes of the images feature on the web API (shared by server and browser). */

export interface ImageLayerRefDto {
  digest: string;
  /** Compressed bytes; null until the agent reported layer details. */
  size: number | null;
}

export interface ImageDto {
  /** sha256:… of the config. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  created: string | null;
  dangling: boolean;
  layers: ImageLayerRefDto[];
}

export interface HostImagesDto {
  hostId: string;
  images: ImageDto[];
  /** `mirror` = the web's database copy (also when the host is offline). */
  source: 'mirror' | 'agent';
}

export interface SharedLayerDto {
  digest: string | null;
  size: number;
  /** Names (first tag, else short id) of the images using the layer. */
  images: { id: string; name: string }[];
  shared: boolean;
}

export interface LayerSharingDto {
  hostId: string;
  layers: SharedLayerDto[];
  totalSize: number;
  /** Bytes that unshared storage would add: Σ size × (images − 1). */
  sharedSavings: number;
  /** `agent` = unpacked sizes from image.layers; `mirror` = compressed sizes from the database. */
  source: 'agent' | 'mirror';
}

/** A readable name for an image: its first tag, else its short id. */
export function imageName(img: { id: string; repoTags: string[] }): string {
  return img.repoTags[0] ?? img.id.replace(/^sha256:/, '').slice(0, 12);
}
