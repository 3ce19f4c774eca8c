import { ProtocolError, type AgentUpgradeOutcome } from '@berth/protocol';
import type { HostsRepo } from '../hosts/hosts-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentBundle } from '../downloads/bundle-dir.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { toHostDto, type HostDto, type HostUpgrade } from '../../lib/dto/host.js';
import { planUpgrade } from './plan.js';

export interface UpgradesDeps {
  hosts: HostsRepo;
  audit: AuditRepo;
  agentHub: Pick<AgentHub, 'rpc' | 'isConnected'>;
  /** The bundle this web serves now (re-read each time: a new build is picked up). */
  bundle: () => AgentBundle | null;
  hostChanged: (host: HostDto) => void;
  /** How long the new version has to connect before the agent rolls it back (agent default if unset). */
  deadlineSec?: number;
  now?: () => Date;
}

/** Downloading, verifying and unpacking tens of MB can take a while on a slow link. */
const UPGRADE_RPC_TIMEOUT_MS = 5 * 60_000;

export interface UpgradeAllResult {
  hostId: string;
  name: string;
  ok: boolean;
  fromVersion: string | null;
  toVersion: string | null;
  error: string | null;
}

/**
 * Agent upgrades from the dashboard (admins only; every request and outcome audited): tells a
 * host's agent to install the bundle this web serves (path + sha256, nothing else), records the
 * upgrade on the host, and files the outcome the agent reports after its restart (or rollback).
 */
export function createUpgradesService(deps: UpgradesDeps) {
  const now = deps.now ?? (() => new Date());

  async function record(id: string, u: HostUpgrade): Promise<HostDto> {
    const host = toHostDto(await deps.hosts.setUpgrade(id, JSON.stringify(u)));
    deps.hostChanged(host);
    return host;
  }

  async function audit(
    p: Principal,
    meta: RequestMeta,
    target: string,
    outcome: 'success' | 'failure',
    detail: Record<string, unknown>,
  ) {
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action: 'host.upgrade',
      target,
      outcome,
      detail,
      ip: meta.ip,
    });
  }

  async function upgradeHost(p: Principal, id: string, meta: RequestMeta): Promise<HostDto> {
    const row = await deps.hosts.findById(id);
    if (!row) throw new ProtocolError('NOT_FOUND', `no host ${id}`);
    const host = toHostDto(row);
    const bundle = deps.bundle();
    const plan = planUpgrade(host, bundle, {
      connected: deps.agentHub.isConnected(id),
      now: now(),
      ...(deps.deadlineSec === undefined ? {} : { deadlineSec: deps.deadlineSec }),
    });
    const target = `host:${id}`;
    if (!plan.ok) {
      await audit(p, meta, target, 'failure', { to: bundle?.version ?? null, error: plan.reason });
      throw new ProtocolError(plan.code, plan.reason);
    }
    const base = {
      fromVersion: plan.fromVersion,
      toVersion: plan.request.version,
      requestedBy: p.username,
    };
    await record(id, { ...base, state: 'upgrading', reason: null, at: now().toISOString() });
    try {
      await deps.agentHub.rpc(id, 'agent.upgrade', plan.request, UPGRADE_RPC_TIMEOUT_MS);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await record(id, { ...base, state: 'failed', reason, at: now().toISOString() });
      await audit(p, meta, target, 'failure', {
        from: plan.fromVersion,
        to: plan.request.version,
        sha256: plan.request.sha256,
        error: reason,
      });
      throw err;
    }
    await audit(p, meta, target, 'success', {
      from: plan.fromVersion,
      to: plan.request.version,
      sha256: plan.request.sha256,
    });
    return toHostDto((await deps.hosts.findById(id)) ?? row);
  }

  return {
    upgradeHost,

    /** Every enrolled host whose agent is not at the served version, one after the other. */
    async upgradeAll(p: Principal, meta: RequestMeta): Promise<UpgradeAllResult[]> {
      const bundle = deps.bundle();
      if (!bundle)
        throw new ProtocolError('FAILED_PRECONDITION', 'this web serves no agent bundle');
      const out: UpgradeAllResult[] = [];
      for (const row of await deps.hosts.list()) {
        const h = toHostDto(row);
        if (h.status === 'revoked' || !h.enrolledAt || h.facts.agentVersion === bundle.version)
          continue;
        try {
          await upgradeHost(p, h.id, meta);
          out.push({
            hostId: h.id,
            name: h.name,
            ok: true,
            fromVersion: h.facts.agentVersion,
            toVersion: bundle.version,
            error: null,
          });
        } catch (err) {
          out.push({
            hostId: h.id,
            name: h.name,
            ok: false,
            fromVersion: h.facts.agentVersion,
            toVersion: bundle.version,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }
      return out;
    },

    /** `agent.upgrade.result`: the new version connected, or the previous one rolled back. */
    async onResult(hostId: string, o: AgentUpgradeOutcome): Promise<void> {
      const row = await deps.hosts.findById(hostId);
      if (!row) return;
      const prior = toHostDto(row).upgrade;
      await record(hostId, {
        state: o.ok ? 'succeeded' : 'failed',
        fromVersion: o.fromVersion,
        toVersion: o.toVersion,
        reason: o.reason,
        requestedBy: prior?.requestedBy ?? 'unknown',
        at: now().toISOString(),
      });
      await deps.audit.record({
        actorId: null,
        actorName: `agent:${row.name}`,
        action: 'host.upgrade.result',
        target: `host:${hostId}`,
        outcome: o.ok ? 'success' : 'failure',
        detail: { from: o.fromVersion, to: o.toVersion, reason: o.reason },
        ip: null,
      });
    },
  };
}
export type UpgradesService = ReturnType<typeof createUpgradesService>;
