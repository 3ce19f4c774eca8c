import * as z from 'zod';
import { isDigest, type Digest } from '../digest/digest.js';
import { RuntimeError, invalidArgument } from '../errors.js';
import { INDEX_TYPES, LAYER_TYPES, MANIFEST_TYPES, MediaType } from '../media-types.js';

const digestSchema = z
  .string()
  .refine(isDigest, 'expected sha256:<64 hex>') as unknown as z.ZodType<Digest>;

export const platformSchema = z.object({
  architecture: z.string().min(1),
  os: z.string().min(1),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
});
export type PlatformSpec = z.infer<typeof platformSchema>;

export const descriptorSchema = z.object({
  mediaType: z.string().min(1),
  digest: digestSchema,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platformSchema.optional(),
});
export type Descriptor = z.infer<typeof descriptorSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageIndex = z.infer<typeof indexSchema>;

const stringMap = z.record(z.string(), z.object({}).passthrough());

export const imageConfigSchema = z.object({
  architecture: z.string().default(''),
  os: z.string().default(''),
  variant: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  config: z
    .object({
      User: z.string().optional(),
      ExposedPorts: stringMap.nullish(),
      Env: z.array(z.string()).nullish(),
      Entrypoint: z.array(z.string()).nullish(),
      Cmd: z.array(z.string()).nullish(),
      Volumes: stringMap.nullish(),
      WorkingDir: z.string().optional(),
      Labels: z.record(z.string(), z.string()).nullish(),
      StopSignal: z.string().optional(),
      /** Docker's HEALTHCHECK (durations in ns); not in the OCI spec, Docker images carry it. */
      Healthcheck: z
        .object({
          Test: z.array(z.string()).nullish(),
          Interval: z.number().optional(),
          Timeout: z.number().optional(),
          Retries: z.number().optional(),
          StartPeriod: z.number().optional(),
          StartInterval: z.number().optional(),
        })
        .nullish(),
    })
    .passthrough()
    .optional(),
  rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(digestSchema) }),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        created_by: z.string().optional(),
        author: z.string().optional(),
        comment: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type ImageConfig = z.infer<typeof imageConfigSchema>;

export type ManifestDocument =
  | { kind: 'index'; mediaType: string; index: ImageIndex }
  | { kind: 'manifest'; mediaType: string; manifest: Manifest };

function parseJson(data: Buffer, what: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw invalidArgument(`${what} is not valid JSON`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw invalidArgument(
      `invalid ${what}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'malformed'}`,
    );
  }
  return r.data;
}

/**
 * Parses a manifest or index body. `contentType` is the registry's Content-Type (may be vague);
 * the body's own mediaType and shape decide. Docker schema1 is refused with a clear message.
 */
export function parseManifestDocument(data: Buffer, contentType?: string): ManifestDocument {
  const raw = parseJson(data, 'manifest');
  if (typeof raw !== 'object' || raw === null)
    throw invalidArgument('invalid manifest: not an object');
  const obj = raw as Record<string, unknown>;
  const declared =
    typeof obj.mediaType === 'string' ? obj.mediaType : contentType?.split(';')[0]?.trim();
  if (
    obj.schemaVersion === 1 ||
    declared === MediaType.DockerSchema1 ||
    declared === MediaType.DockerSchema1Signed
  ) {
    throw new RuntimeError(
      'FAILED_PRECONDITION',
      'Docker image manifest schema 1 is deprecated and not supported; re-push the image with a current client (schema 2 or OCI)',
    );
  }
  const isIndex = declared ? INDEX_TYPES.includes(declared) : Array.isArray(obj.manifests);
  if (isIndex) {
    return {
      kind: 'index',
      mediaType: declared ?? MediaType.OciIndex,
      index: check(indexSchema, raw, 'image index'),
    };
  }
  if (declared && !MANIFEST_TYPES.includes(declared))
    throw invalidArgument(`unsupported manifest media type "${declared}"`);
  const manifest = check(manifestSchema, raw, 'image manifest');
  for (const l of manifest.layers) {
    if (!LAYER_TYPES.includes(l.mediaType))
      throw invalidArgument(`unsupported layer media type "${l.mediaType}"`);
  }
  return { kind: 'manifest', mediaType: declared ?? MediaType.OciManifest, manifest };
}

export function parseImageConfig(data: Buffer): ImageConfig {
  return check(imageConfigSchema, parseJson(data, 'image config'), 'image config');
}
