import { z } from 'zod';
import { tokenScopes } from './token-scopes.js';

/** Longest a token may live (and the UI's longest choice): one year. */
export const TOKEN_MAX_LIFETIME_MS = 366 * 24 * 3_600_000;

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    scopes: z
      .array(z.enum(tokenScopes))
      .min(1, 'at least one scope')
      .max(tokenScopes.length)
      .refine((s) => new Set(s).size === s.length, 'scopes repeat'),
    /** Host ids; omitted or null = every host (present and future). */
    hosts: z.array(z.string().min(1).max(64)).min(1).max(1000).nullable().optional(),
    /** RFC 3339; omitted or null = never expires. */
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof CreateTokenBody>;

export const TokenListQuery = z.object({
  /** Admins: every user's tokens instead of their own. */
  all: z.enum(['true', 'false']).optional(),
});
