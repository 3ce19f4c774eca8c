import * as z from 'zod';
import { isDigest, type Digest } from '../digest/digest.js';

const digest = z
  .string()
  .refine(isDigest, 'expected sha256:<64 hex>') as unknown as z.ZodType<Digest>;

export const layerRecordSchema = z.object({
  digest,
  diffId: digest,
  chainId: digest,
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
});
export type LayerRecord = z.infer<typeof layerRecordSchema>;

export const imageRecordSchema = z.object({
  /** The image ID: the config blob's digest (as docker). */
  id: digest,
  configSize: z.number().int().nonnegative(),
  manifestDigest: digest,
  manifestMediaType: z.string(),
  manifestSize: z.number().int().nonnegative(),
  /** Set when the image was pulled through an index (multi-arch). */
  indexDigest: digest.optional(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  platform: z.object({ os: z.string(), architecture: z.string(), variant: z.string().optional() }),
  layers: z.array(layerRecordSchema),
  /** ChainID of the full stack ('' style absent for an image with no layers). */
  chainId: digest.optional(),
  created: z.string().optional(),
  storedAt: z.string(),
});
export type ImageRecord = z.infer<typeof imageRecordSchema>;

export const imageRecordsFileSchema = z.object({
  version: z.literal(1),
  images: z.array(imageRecordSchema),
});

/** Sum of compressed layer sizes plus config: what `docker images` calls SIZE is close to the unpacked size, see df. */
export function imageSize(r: ImageRecord): number {
  return r.layers.reduce((n, l) => n + l.size, r.configSize);
}
