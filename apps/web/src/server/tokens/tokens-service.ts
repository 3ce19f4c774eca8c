import { ProtocolError } from '@berth/protocol';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { HostsRepo } from '../hosts/hosts-repo.js';
import { isRole } from '../../lib/roles.js';
import type { CreateTokenInput } from '../../lib/token-api-schemas.js';
import type { TokenDto } from '../../lib/dto/token.js';
import { randomId, sha256Hex } from '../auth/secrets.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { allows } from './access.js';
import { displayPrefix, newToken } from './token-format.js';
import { newTokenRefusal } from './token-rules.js';
import { parseHosts, parseScopes, toTokenDto } from './token-dto.js';
import type { TokensRepo } from './tokens-repo.js';
import type { SharedRateLimiter } from '../auth/shared-rate-limit.js';

/** Last use is written at most this often per token (not on every request). */
const TOUCH_EVERY_MS = 60_000;

export interface TokensDeps {
  tokens: TokensRepo;
  hosts: Pick<HostsRepo, 'findById'>;
  audit: AuditRepo;
  /** Failed bearer attempts per address (shared by the replicas); absent: not throttled. */
  throttle?: SharedRateLimiter;
  now?: () => Date;
}

/** Failed bearer attempts per address: twenty free, then 10 s doubling up to 15 min. */
export const bearerThrottleOptions = {
  freeFailures: 20,
  baseDelayMs: 10_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export function createTokensService(deps: TokensDeps) {
  const now = deps.now ?? (() => new Date());
  const touchedAt = new Map<string, number>();

  async function audit(
    p: Principal,
    meta: RequestMeta,
    action: string,
    target: string,
    outcome: 'success' | 'failure' | 'denied',
    detail: Record<string, unknown>,
  ) {
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action,
      target,
      outcome,
      detail,
      ip: meta.ip,
    });
  }

  async function create(
    p: Principal,
    input: CreateTokenInput,
    meta: RequestMeta,
  ): Promise<{ id: string; token: string; apiToken: TokenDto }> {
    const hosts = input.hosts ? [...new Set(input.hosts)] : null;
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    const detail = {
      name: input.name,
      scopes: input.scopes,
      hosts,
      expiresAt: input.expiresAt ?? null,
    };
    const refusal = newTokenRefusal({ scopes: input.scopes, hosts, expiresAt }, p, now());
    if (refusal) {
      await audit(p, meta, 'token.create', `user:${p.userId}`, 'denied', {
        ...detail,
        reason: refusal.message,
      });
      throw refusal;
    }
    for (const h of hosts ?? []) {
      const host = await deps.hosts.findById(h);
      if (!host || host.status === 'revoked')
        throw new ProtocolError('INVALID_ARGUMENT', `hosts: no host ${h}`);
    }
    const token = newToken();
    const row = await deps.tokens.create({
      id: randomId(),
      userId: p.userId,
      name: input.name,
      tokenHash: sha256Hex(token),
      prefix: displayPrefix(token),
      scopes: JSON.stringify(input.scopes),
      hosts: hosts ? JSON.stringify(hosts) : null,
      expiresAt,
    });
    await audit(p, meta, 'token.create', `token:${row.id}`, 'success', detail);
    return { id: row.id, token, apiToken: toTokenDto(row, now()) };
  }

  /** One's own tokens; every user's with `all` (admins only). */
  async function list(p: Principal, opts: { all?: boolean } = {}): Promise<TokenDto[]> {
    if (opts.all && !allows(p, 'users.manage'))
      throw new ProtocolError('PERMISSION_DENIED', "only admins may list everyone's tokens");
    const rows = await deps.tokens.list(opts.all ? null : p.userId);
    const at = now();
    return rows.map((r) => toTokenDto(r, at));
  }

  /** Revokes one's own token (admins: anyone's). Someone else's token is NOT_FOUND to others. */
  async function revoke(p: Principal, id: string, meta: RequestMeta): Promise<TokenDto> {
    const row = await deps.tokens.findById(id);
    if (!row || (row.userId !== p.userId && !allows(p, 'users.manage')))
      throw new ProtocolError('NOT_FOUND', `no token ${id}`);
    if (row.revokedAt) return toTokenDto(row, now());
    const revoked = await deps.tokens.revoke(id, now());
    touchedAt.delete(id);
    await audit(p, meta, 'token.revoke', `token:${id}`, 'success', {
      name: row.name,
      owner: row.user.username,
    });
    return toTokenDto(revoked, now());
  }

  /**
   * The principal behind a bearer token, or null: unknown, revoked or expired tokens, disabled
   * owners and owners without a valid role get nothing. The owner's role is read now, so a
   * demotion narrows every token of theirs at once.
   */
  async function authenticate(token: string, meta: RequestMeta): Promise<Principal | null> {
    const key = meta.ip ?? 'unknown';
    const gate = await deps.throttle?.check(key);
    if (gate && !gate.allowed) {
      const retryAfterSec = Math.ceil(gate.retryAfterMs / 1000);
      throw new ProtocolError(
        'RESOURCE_EXHAUSTED',
        `too many failed API token attempts from this address; try again in ${retryAfterSec} s`,
        { retryAfterSec },
      );
    }
    const p = await principalOf(token, meta);
    if (!p) await deps.throttle?.recordFailure(key);
    return p;
  }

  async function principalOf(token: string, meta: RequestMeta): Promise<Principal | null> {
    const row = await deps.tokens.findByHash(sha256Hex(token));
    const at = now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= at)) return null;
    const user = row.user;
    if (user.disabled || !isRole(user.role)) return null;
    const last = touchedAt.get(row.id) ?? row.lastUsedAt?.getTime() ?? 0;
    if (at.getTime() - last >= TOUCH_EVERY_MS || row.lastUsedIp !== meta.ip) {
      touchedAt.set(row.id, at.getTime());
      await deps.tokens.touch(row.id, at, meta.ip);
    }
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      sessionId: `token:${row.id}`,
      expiresAt: row.expiresAt ?? new Date(8.64e15),
      mustChangePassword: user.mustChangePassword,
      token: {
        id: row.id,
        name: row.name,
        scopes: parseScopes(row.scopes),
        hosts: parseHosts(row.hosts),
        expiresAt: row.expiresAt,
      },
    };
  }

  return { create, list, revoke, authenticate };
}
export type TokensService = ReturnType<typeof createTokensService>;
