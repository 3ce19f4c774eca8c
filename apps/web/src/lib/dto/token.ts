import { z } from 'zod';
import { tokenScopes } from '../token-scopes.js';

export const TokenDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the token (`berth_` + 6), to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  /** Host ids the token is limited to; null = every host. */
  hosts: z.array(z.string()).nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  owner: z.object({ id: z.string(), username: z.string() }),
});
export type TokenDto = z.infer<typeof TokenDtoSchema>;

/** `POST /api/tokens` answer: the token itself is in this answer only, never again. */
export const CreatedTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  apiToken: TokenDtoSchema,
});
