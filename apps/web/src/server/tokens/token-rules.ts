import { ProtocolError } from '@berth/protocol';
import type { Role } from '../../lib/roles.js';
import { scopesWithin, type TokenScope } from '../../lib/token-scopes.js';
import { TOKEN_MAX_LIFETIME_MS } from '../../lib/token-api-schemas.js';
import type { TokenGrant } from '../auth/principal.js';

/** The scopes a role can use at all (a viewer's `operate` token would do nothing today). */
export function scopesOfRole(role: Role): TokenScope[] {
  if (role === 'admin') return ['read', 'operate', 'admin', 'metrics'];
  if (role === 'operator') return ['read', 'operate', 'metrics'];
  return ['read', 'metrics'];
}

export interface NewTokenRequest {
  scopes: TokenScope[];
  hosts: string[] | null;
  expiresAt: Date | null;
}

/**
 * Pure: why a new token may not be made, or null. A token never asks for more than its
 * creator's role can use; made with a token (admin scope), it never outgrows that token:
 * no wider scopes, no other hosts, no longer life.
 */
export function newTokenRefusal(
  req: NewTokenRequest,
  creator: { role: Role; token?: TokenGrant | undefined },
  now: Date,
): ProtocolError | null {
  const beyondRole = req.scopes.filter((s) => !scopesOfRole(creator.role).includes(s));
  if (beyondRole.length > 0) {
    return new ProtocolError(
      'PERMISSION_DENIED',
      `your role (${creator.role}) cannot use the scope ${beyondRole.join(', ')}`,
    );
  }
  if (req.expiresAt) {
    if (req.expiresAt.getTime() <= now.getTime())
      return new ProtocolError('INVALID_ARGUMENT', 'expiresAt: must be in the future');
    if (req.expiresAt.getTime() - now.getTime() > TOKEN_MAX_LIFETIME_MS)
      return new ProtocolError('INVALID_ARGUMENT', 'expiresAt: at most one year from now');
  }
  const held = creator.token;
  if (!held) return null;
  if (!scopesWithin(req.scopes, held.scopes)) {
    return new ProtocolError(
      'PERMISSION_DENIED',
      `a token cannot make a token with wider scopes than its own (${held.scopes.join(', ')})`,
    );
  }
  if (held.hosts && (!req.hosts || req.hosts.some((h) => !held.hosts!.includes(h)))) {
    return new ProtocolError(
      'PERMISSION_DENIED',
      'a host-limited token can only make tokens limited to some of its own hosts',
    );
  }
  if (held.expiresAt && (!req.expiresAt || req.expiresAt > held.expiresAt)) {
    return new ProtocolError(
      'PERMISSION_DENIED',
      'a token cannot make a token that outlives it (set expiresAt no later than its own)',
    );
  }
  return null;
}
