import { tokenScopes, type TokenScope } from '../../lib/token-scopes.js';
import type { TokenDto } from '../../lib/dto/token.js';

export interface TokenRowLike {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  hosts: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  user: { id: string; username: string };
}

/** Pure: the stored JSON scopes, keeping only known ones (a bad row grants nothing). */
export function parseScopes(json: string): TokenScope[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v)
      ? v.filter((s): s is TokenScope => (tokenScopes as readonly unknown[]).includes(s))
      : [];
  } catch {
    return [];
  }
}

/** Pure: the stored host limit; a malformed one limits to nothing (never to everything). */
export function parseHosts(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

export function tokenStatus(
  row: Pick<TokenRowLike, 'revokedAt' | 'expiresAt'>,
  now: Date,
): TokenDto['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'active';
}

export function toTokenDto(row: TokenRowLike, now: Date): TokenDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    hosts: parseHosts(row.hosts),
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    lastUsedIp: row.lastUsedIp,
    revokedAt: iso(row.revokedAt),
    status: tokenStatus(row, now),
    owner: { id: row.user.id, username: row.user.username },
  };
}
