import * as z from 'zod';
import { CreateVolumeRequestSchema, VolumeSchema } from './containers.js';

/**
 * Named volumes for the web, and a read-only browser of their files served by the agent. A path
 * is always inside the volume's data directory: `/` is its top, `..` cannot climb above it, and
 * the agent refuses anything that resolves outside it (symlinks included).
 */

const VolumeNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'invalid volume name');

/** A path inside a volume: absolute from its top, no NUL, at most 4096 bytes. */
export const VolumePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\/[^\0]*$/, 'a path inside the volume starts with / and has no NUL');

export const VolumeEntrySchema = z.object({
  name: z.string(),
  type: z.enum(['file', 'directory', 'symlink', 'other']),
  /** Bytes (of the link itself for a symlink). */
  size: z.number().int().nonnegative(),
  /** Permission bits, octal text (`644`). */
  mode: z.string(),
  modifiedAt: z.string(),
  /** Where a symlink points (shown, never followed). */
  target: z.string().optional(),
});
export type VolumeEntry = z.infer<typeof VolumeEntrySchema>;

/** Most entries one listing returns (sorted: directories first, then by name). */
export const VOLUME_LIST_MAX_ENTRIES = 1000;
/** Largest chunk one `volume.read` returns (the web downloads a file chunk by chunk). */
export const VOLUME_READ_MAX_BYTES = 256 * 1024;

const named = z.object({ name: VolumeNameSchema }).strict();

export const volumeRpcMethods = {
  'volume.list': {
    params: z.object({}).strict(),
    result: z.object({ volumes: z.array(VolumeSchema) }),
  },
  'volume.inspect': { params: named, result: VolumeSchema },
  'volume.create': { params: CreateVolumeRequestSchema, result: VolumeSchema },
  /** Refused while a container uses it. */
  'volume.remove': {
    params: named.extend({ force: z.boolean().optional() }).strict(),
    result: z.object({ removed: z.string() }),
  },
  /** One directory of a volume. */
  'volume.browse': {
    params: named.extend({ path: VolumePathSchema }).strict(),
    result: z.object({
      path: z.string(),
      entries: z.array(VolumeEntrySchema),
      truncated: z.boolean(),
    }),
  },
  /** A chunk of a regular file of a volume, base64. */
  'volume.read': {
    params: named
      .extend({
        path: VolumePathSchema,
        offset: z.number().int().nonnegative().default(0),
        length: z
          .number()
          .int()
          .positive()
          .max(VOLUME_READ_MAX_BYTES)
          .default(VOLUME_READ_MAX_BYTES),
      })
      .strict(),
    result: z.object({
      /** The file's size when it was opened. */
      size: z.number().int().nonnegative(),
      data: z.string(),
      eof: z.boolean(),
    }),
  },
} as const;
