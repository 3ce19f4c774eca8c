import * as z from 'zod';
import { WireErrorSchema } from './schemas.js';

/**
 * Image DTOs shared by the agent's REST API, its RPCs and the web. Field names are camelCase and
 * stable: `berth images --format json` prints `ImageSummary` objects as they are.
 */

const DigestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'expected a sha256 digest');

/** An image reference or ID as a user types it (`busybox`, `127.0.0.1:5000/a/b:1`, `sha256:…`). */
export const ImageRefSchema = z
  .string()
  .min(1, 'image reference is empty')
  .max(512, 'image reference is too long')
  .regex(/^[^\s]+$/, 'image reference contains whitespace');

/** `os/arch[/variant]`. */
export const PlatformStringSchema = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'platform must look like linux/amd64');

export const ImagePlatformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

export const ImageSummarySchema = z.object({
  id: DigestSchema,
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Compressed bytes: config + layer blobs. */
  size: z.number().int().nonnegative(),
  /** RFC 3339, null when the image config has none. */
  created: z.string().nullable(),
  platform: ImagePlatformSchema,
  dangling: z.boolean(),
  /** Compressed layer digests, base first (two images sharing a digest share that layer). */
  layers: z.array(DigestSchema),
});
export type ImageSummary = z.infer<typeof ImageSummarySchema>;

export const ImageLayerDetailSchema = z.object({
  digest: DigestSchema,
  diffId: DigestSchema,
  chainId: DigestSchema,
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
});

export const ImageInspectSchema = ImageSummarySchema.extend({
  manifestDigest: DigestSchema,
  indexDigest: DigestSchema.nullable(),
  chainId: DigestSchema.nullable(),
  config: z.object({
    env: z.array(z.string()),
    cmd: z.array(z.string()).nullable(),
    entrypoint: z.array(z.string()).nullable(),
    workingDir: z.string(),
    user: z.string(),
    exposedPorts: z.array(z.string()),
    volumes: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    stopSignal: z.string().nullable(),
  }),
  history: z.array(
    z.object({
      created: z.string().nullable(),
      createdBy: z.string().nullable(),
      comment: z.string().nullable(),
      emptyLayer: z.boolean(),
    }),
  ),
  layers: z.array(ImageLayerDetailSchema),
});
export type ImageInspect = z.infer<typeof ImageInspectSchema>;

export const layerStatuses = [
  'waiting',
  'downloading',
  'verifying',
  'extracting',
  'already exists',
  'pushing',
  'mounted',
  'done',
] as const;
export const LayerStatusSchema = z.enum(layerStatuses);
export type LayerStatus = z.infer<typeof LayerStatusSchema>;

/** Per-layer progress of a pull or push; bytes are compressed bytes for transfers. */
export const LayerProgressSchema = z.object({
  layer: z.string(),
  status: LayerStatusSchema,
  current: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type LayerProgress = z.infer<typeof LayerProgressSchema>;

export const PushResultSchema = z.object({ ref: z.string(), digest: DigestSchema });
export type PushResult = z.infer<typeof PushResultSchema>;

/**
 * One line of a streamed pull/push (NDJSON): progress lines, then exactly one final line,
 * `{done: true, …}` or `{error: {code, message}}`.
 */
export const PullStreamLineSchema = z.union([
  z.object({ done: z.literal(true), image: ImageSummarySchema }),
  z.object({ error: WireErrorSchema }),
  LayerProgressSchema,
]);
export type PullStreamLine = z.infer<typeof PullStreamLineSchema>;

export const PushStreamLineSchema = z.union([
  z.object({ done: z.literal(true), pushed: PushResultSchema }),
  z.object({ error: WireErrorSchema }),
  LayerProgressSchema,
]);
export type PushStreamLine = z.infer<typeof PushStreamLineSchema>;

export const ImageRemoveResultSchema = z.object({
  untagged: z.array(z.string()),
  deleted: z.array(DigestSchema),
});
export type ImageRemoveResult = z.infer<typeof ImageRemoveResultSchema>;

export const ImagePruneResultSchema = z.object({
  deleted: z.array(DigestSchema),
  blobsRemoved: z.number().int().nonnegative(),
  snapshotsRemoved: z.number().int().nonnegative(),
  bytesReclaimed: z.number().int().nonnegative(),
});
export type ImagePruneResult = z.infer<typeof ImagePruneResultSchema>;

export const LayerUsageSchema = z.object({
  /** Compressed blob digest (null for a snapshot no image lists any more). */
  digest: DigestSchema.nullable(),
  chainId: DigestSchema,
  diffId: DigestSchema,
  compressedSize: z.number().int().nonnegative(),
  /** Unpacked bytes on disk. */
  size: z.number().int().nonnegative(),
  /** IDs of the images whose stack includes this layer. */
  images: z.array(DigestSchema),
});
export type LayerUsage = z.infer<typeof LayerUsageSchema>;

export const LayersReportSchema = z.object({
  layers: z.array(LayerUsageSchema),
  totalSize: z.number().int().nonnegative(),
  /** Bytes that unshared storage would add: Σ size × (images − 1). */
  sharedSavings: z.number().int().nonnegative(),
});
export type LayersReport = z.infer<typeof LayersReportSchema>;

export const DiskUsageSchema = z.object({
  images: z.number().int().nonnegative(),
  danglingImages: z.number().int().nonnegative(),
  contentBytes: z.number().int().nonnegative(),
  snapshotBytes: z.number().int().nonnegative(),
  sharedSavings: z.number().int().nonnegative(),
});
export type DiskUsage = z.infer<typeof DiskUsageSchema>;

const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'path must be absolute (it is a path on the agent host)');

/** Registry host as stored for credentials: `host[:port]`, no scheme or path. */
export const RegistryHostSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9a-fA-F:]+\](:[0-9]{1,5})?$/,
    'expected host[:port]',
  );

// Request bodies of the local REST API (also the params of the matching RPCs).
export const ImagePullRequestSchema = z
  .object({ ref: ImageRefSchema, platform: PlatformStringSchema.optional() })
  .strict();
export const ImageTagRequestSchema = z
  .object({ source: ImageRefSchema, target: ImageRefSchema })
  .strict();
export const ImagePushRequestSchema = z.object({ ref: ImageRefSchema }).strict();
export const ImageRemoveRequestSchema = z
  .object({ ref: ImageRefSchema, force: z.boolean().optional() })
  .strict();
/**
 * Registry credentials the web sends with one `image.pull` / `image.push` (an admin stored them in
 * the web): used for that transfer only, never written to the host, never logged, and taking
 * precedence over what `berth login` stored there.
 */
export const RegistryAuthSchema = z
  .object({
    username: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^:\s]+$/, 'a registry username has no ":" or spaces'),
    password: z.string().min(1).max(4096),
  })
  .strict();
export type RegistryAuth = z.infer<typeof RegistryAuthSchema>;
export const LoginRequestSchema = z
  .object({
    server: RegistryHostSchema,
    username: z.string().min(1).max(255),
    password: z.string().min(1).max(4096),
  })
  .strict();
export const LogoutRequestSchema = z.object({ server: RegistryHostSchema }).strict();
export const LogoutResultSchema = z.object({ removed: z.boolean() });
export const ImageSaveRequestSchema = z
  .object({ refs: z.array(ImageRefSchema).min(1).max(100), path: AbsolutePathSchema })
  .strict();
export const ImageLoadRequestSchema = z
  .object({ path: AbsolutePathSchema, platform: PlatformStringSchema.optional() })
  .strict();
export const ImageListResultSchema = z.object({ images: z.array(ImageSummarySchema) });
