import { ProtocolError } from '@berth/protocol';
import { can, type Action } from '../../lib/roles.js';
import { scopesAllow } from '../../lib/token-scopes.js';
import type { Principal } from '../auth/principal.js';

/**
 * Pure: whether `p` may do `action` — the owner's current role, narrowed by the token's scopes
 * when the request came with one. Use this instead of `can(p.role, …)` wherever a request's
 * principal decides.
 */
export function allows(p: Principal, action: Action): boolean {
  return can(p.role, action) && (!p.token || scopesAllow(p.token.scopes, action));
}

/** Pure: whether `p` may see or touch host `hostId` (a host-limited token names its hosts). */
export function allowsHost(p: Pick<Principal, 'token'>, hostId: string): boolean {
  const hosts = p.token?.hosts;
  return !hosts || hosts.includes(hostId);
}

/** Throws 403 when `p` is a token limited to other hosts. */
export function assertHost(p: Pick<Principal, 'token'>, hostId: string): void {
  if (!allowsHost(p, hostId)) {
    throw new ProtocolError(
      'PERMISSION_DENIED',
      `this API token is limited to other hosts than ${hostId}`,
    );
  }
}

/** Pure: keeps the items of hosts `p` may see. */
export function visibleOn<T>(
  p: Pick<Principal, 'token'>,
  items: T[],
  hostOf: (t: T) => string,
): T[] {
  const hosts = p.token?.hosts;
  return hosts ? items.filter((i) => hosts.includes(hostOf(i))) : items;
}

/** Pure: the message of a refusal, naming the token's scopes when they (not the role) refuse. */
export function refusal(p: Principal, action: Action): string {
  if (!can(p.role, action)) return `your role (${p.role}) may not ${action}`;
  return `this API token's scopes (${p.token?.scopes.join(', ') ?? ''}) do not allow ${action}`;
}
