import { ProtocolError, formatJoinToken, parseJoinToken } from '@berth/protocol';
import type { EnrollRequest, EnrollResponse } from '@berth/protocol';
import type { HostsRepo } from './hosts-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { digestEquals, randomId, randomSecret, sha256Hex } from '../auth/secrets.js';
import { toHostDto, type CreateHostResultDto, type HostDto } from '../../lib/dto/host.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import type { AgentBundle } from '../downloads/bundle-dir.js';
import type { SharedRateLimiter } from '../auth/shared-rate-limit.js';
import { addressKey } from '../auth/client-address.js';
import { claimedText } from '../auth/claimed-text.js';

/** What the host service needs from the agent hub (a port; the hub implements it). */
export interface HostEventsPort {
  hostChanged(host: HostDto): void;
  /** Tell the agent it is revoked and cut its socket now. */
  cutHost(hostId: string, reason: string): void;
  /** The host and its mirrored containers, images and networks are gone. */
  hostRemoved(hostId: string): void;
}

export interface HostsDeps {
  hosts: HostsRepo;
  audit: AuditRepo;
  events: HostEventsPort;
  publicUrl: string;
  /** sha256 of the web's TLS certificate (DER, hex), pinned through join tokens; null on http. */
  tlsFingerprint: string | null;
  /** curl --pinnedpubkey form of the web's TLS key; null on http. */
  tlsPublicKeyPin?: string | null;
  /** The agent bundle this web serves now (null: none built; hosts then join with npx). */
  agentBundle?: () => AgentBundle | null;
  joinTokenTtlMs: number;
  /** Failed enrollments per client address (an IPv6 /64 counts as one), with backoff. */
  enrollThrottle: SharedRateLimiter;
  now?: () => Date;
}

export interface JoinCommandInput {
  publicUrl: string;
  token: string;
  /** sha256 of the bundle install.sh will download; null when the web has no bundle to serve. */
  bundleSha256: string | null;
  /** The web's TLS key pin (https only). */
  pin: string | null;
}

/**
 * The one line "Add host" shows. With a bundle: fetch install.sh and run it as root, the token in
 * the environment (never in argv, where `ps` shows it), the bundle's sha256 to verify, and over
 * https the key pin curl checks (the certificate may be self-signed). Without one (a development
 * checkout that never ran `npm run build`): the agent from this repository, token in the env too.
 */
export function joinCommand(c: JoinCommandInput): string {
  const token = `BERTH_JOIN_TOKEN=${c.token}`;
  if (!c.bundleSha256) return `${token} npx berth-agent --server ${c.publicUrl}`;
  const curl = c.pin ? `curl -fsSLk --pinnedpubkey ${c.pin}` : 'curl -fsSL';
  const flags = [`--sha256 ${c.bundleSha256}`, ...(c.pin ? [`--pin ${c.pin}`] : [])].join(' ');
  return `${curl} ${c.publicUrl}/install.sh | sudo ${token} sh -s -- ${flags}`;
}

export function createHostsService(deps: HostsDeps) {
  const now = deps.now ?? (() => new Date());
  const command = (token: string) =>
    joinCommand({
      publicUrl: deps.publicUrl,
      token,
      bundleSha256: deps.agentBundle?.()?.sha256 ?? null,
      pin: deps.tlsPublicKeyPin ?? null,
    });

  function newToken(createdById: string | null) {
    const tokenId = randomId(9);
    const secret = randomSecret(32);
    const expiresAt = new Date(now().getTime() + deps.joinTokenTtlMs);
    const text = formatJoinToken({ tokenId, secret, fingerprint: deps.tlsFingerprint });
    return {
      text,
      expiresAt,
      row: { id: tokenId, secretHash: sha256Hex(secret), expiresAt, createdById },
    };
  }

  async function audit(
    p: Principal | null,
    meta: RequestMeta,
    action: string,
    target: string,
    outcome: 'success' | 'failure',
    detail: Record<string, unknown> | null = null,
    actorName?: string,
  ) {
    await deps.audit.record({
      actorId: p?.userId ?? null,
      actorName: actorName ?? p?.username ?? 'system',
      action,
      target,
      outcome,
      detail,
      ip: meta.ip,
    });
  }

  async function existing(id: string) {
    const row = await deps.hosts.findById(id);
    if (!row) throw new ProtocolError('NOT_FOUND', 'no such host (it may have been removed)');
    return row;
  }

  async function nameFree(name: string, exceptId?: string) {
    const other = await deps.hosts.findByName(name);
    if (other && other.id !== exceptId) {
      throw new ProtocolError('ALREADY_EXISTS', `a host named ${name} already exists`);
    }
  }

  return {
    list: async (): Promise<HostDto[]> => (await deps.hosts.list()).map(toHostDto),
    get: async (id: string): Promise<HostDto> => toHostDto(await existing(id)),

    async create(p: Principal, name: string, meta: RequestMeta): Promise<CreateHostResultDto> {
      try {
        await nameFree(name);
      } catch (err) {
        await audit(p, meta, 'host.create', `host:${name}`, 'failure', { error: String(err) });
        throw err;
      }
      const token = newToken(p.userId);
      const row = await deps.hosts.createWithToken({ id: randomId(9), name }, token.row);
      const host = toHostDto(row);
      await audit(p, meta, 'host.create', `host:${host.id}`, 'success', { name });
      deps.events.hostChanged(host);
      return {
        host,
        joinToken: token.text,
        expiresAt: token.expiresAt.toISOString(),
        command: command(token.text),
      };
    },

    /** A new join token for a host that is not revoked (e.g. the first one expired). */
    async newJoinToken(p: Principal, id: string, meta: RequestMeta): Promise<CreateHostResultDto> {
      const row = await existing(id);
      if (row.status === 'revoked') {
        await audit(p, meta, 'host.token', `host:${id}`, 'failure', { error: 'revoked' });
        throw new ProtocolError('FAILED_PRECONDITION', 'the host is revoked; create a new one');
      }
      const token = newToken(p.userId);
      await deps.hosts.replaceToken(id, token.row);
      await audit(p, meta, 'host.token', `host:${id}`, 'success');
      return {
        host: toHostDto(row),
        joinToken: token.text,
        expiresAt: token.expiresAt.toISOString(),
        command: command(token.text),
      };
    },

    async rename(p: Principal, id: string, name: string, meta: RequestMeta): Promise<HostDto> {
      try {
        await existing(id);
        await nameFree(name, id);
      } catch (err) {
        await audit(p, meta, 'host.rename', `host:${id}`, 'failure', { name, error: String(err) });
        throw err;
      }
      const host = toHostDto(await deps.hosts.rename(id, name));
      await audit(p, meta, 'host.rename', `host:${id}`, 'success', { name });
      deps.events.hostChanged(host);
      return host;
    },

    async revoke(p: Principal, id: string, meta: RequestMeta): Promise<HostDto> {
      const row = await existing(id);
      if (row.status === 'revoked') return toHostDto(row);
      const host = toHostDto(await deps.hosts.revoke(id, now()));
      deps.events.cutHost(id, `revoked by ${p.username}`);
      await audit(p, meta, 'host.revoke', `host:${id}`, 'success', { name: row.name });
      deps.events.hostChanged(host);
      return host;
    },

    /**
     * Removes a host from the dashboard with everything mirrored from it (containers, their
     * stats history, images, networks). Its agent, if connected, is cut off as by a revoke and
     * its credential stops working (the row holding its hash is gone); containers on the machine
     * keep running, untouched.
     */
    async remove(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      const row = await existing(id);
      deps.events.cutHost(id, `removed by ${p.username}`);
      const removed = await deps.hosts.remove(id);
      await audit(p, meta, 'host.remove', `host:${id}`, 'success', {
        name: row.name,
        status: row.status,
        ...removed,
      });
      deps.events.hostRemoved(id);
    },

    /**
     * POST /api/agent/enroll: a join token for a host credential. Unauthenticated until the
     * token checks out: failures are throttled per address, and the audit's actor is
     * `anonymous` (failure) or the host's own name (success) — the hostname the agent reports
     * is kept only as a claim in the detail.
     */
    async enroll(req: EnrollRequest, meta: RequestMeta): Promise<EnrollResponse> {
      const key = addressKey(meta.ip);
      const gate = await deps.enrollThrottle.check(key);
      const claimed = { claimedHostname: claimedText(req.facts.hostname) };
      if (!gate.allowed) {
        const retryAfterSec = Math.ceil(gate.retryAfterMs / 1000);
        await audit(
          null,
          meta,
          'host.enroll',
          'token',
          'failure',
          { reason: 'rate limited', ...claimed },
          'anonymous',
        );
        throw new ProtocolError(
          'RESOURCE_EXHAUSTED',
          `too many failed enrollments from this address; try again in ${retryAfterSec} s`,
          { retryAfterSec },
        );
      }
      let token;
      try {
        token = parseJoinToken(req.joinToken);
      } catch (err) {
        await deps.enrollThrottle.recordFailure(key);
        throw err;
      }
      const secretHash = sha256Hex(token.secret);
      const credential = randomSecret(32);
      const outcome = await deps.hosts.enroll({
        tokenId: token.tokenId,
        secretMatches: (stored) => digestEquals(stored, secretHash),
        credentialHash: sha256Hex(credential),
        facts: req.facts,
        now: now(),
      });
      if (!outcome.ok) {
        await deps.enrollThrottle.recordFailure(key);
        await audit(
          null,
          meta,
          'host.enroll',
          `token:${token.tokenId}`,
          'failure',
          { reason: outcome.reason, ...claimed },
          'anonymous',
        );
        switch (outcome.reason) {
          case 'unknown':
            throw new ProtocolError('UNAUTHENTICATED', 'unknown join token');
          case 'used':
            throw new ProtocolError('FAILED_PRECONDITION', 'join token already used', {
              gone: true,
            });
          case 'expired':
            throw new ProtocolError('FAILED_PRECONDITION', 'join token expired', { gone: true });
          case 'revoked':
            throw new ProtocolError('PERMISSION_DENIED', 'the host of this join token is revoked');
        }
      }
      await deps.enrollThrottle.reset(key);
      await audit(
        null,
        meta,
        'host.enroll',
        `host:${outcome.host.id}`,
        'success',
        claimed,
        `agent:${outcome.host.name}`,
      );
      deps.events.hostChanged(toHostDto(await existing(outcome.host.id)));
      return { hostId: outcome.host.id, hostName: outcome.host.name, credential };
    },
  };
}
export type HostsService = ReturnType<typeof createHostsService>;
