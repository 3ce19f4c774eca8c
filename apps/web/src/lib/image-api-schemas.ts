import { z } from 'zod';
import { ImageRefSchema, RegistryAuthSchema } from '@berth/protocol';

/** Request bodies of the images API (validated by the route handlers, reused by the forms). */
export const PullImageBody = z
  .object({
    ref: ImageRefSchema,
    /** Chosen by the browser; progress events carry it. */
    pullId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'pullId must be 1-64 [A-Za-z0-9_-]'),
    /** The browser's /ui socket id: progress goes there (only if it is the same user's). */
    socketId: z.string().min(1).max(64).optional(),
  })
  .strict();
export const TagImageBody = z.object({ source: ImageRefSchema, target: ImageRefSchema }).strict();
export const PushImageBody = z.object({ ref: ImageRefSchema }).strict();
export const RemoveImageBody = z
  .object({ ref: ImageRefSchema, force: z.boolean().optional() })
  .strict();

/**
 * An admin storing (or replacing) a registry's credentials in the web. The password is sealed at
 * once and never shown again.
 */
export const StoreRegistryCredentialBody = RegistryAuthSchema.extend({
  registry: z.string().trim().min(1).max(255),
}).strict();
