import { bundleArch, type AgentUpgradeRequest } from '@berth/protocol';
import type { ErrorCode } from '@berth/protocol';
import type { AgentBundle } from '../downloads/bundle-dir.js';
import type { HostDto } from '../../lib/dto/host.js';

export type UpgradePlan =
  | { ok: true; request: AgentUpgradeRequest; fromVersion: string | null }
  | { ok: false; code: ErrorCode; reason: string };

/** How long an upgrade may stay `upgrading` before another may start (the agent's deadline + slack). */
export const UPGRADE_STALE_MS = 10 * 60_000;

/**
 * Pure: what upgrading `host` to the served `bundle` asks of its agent, or why it cannot be done:
 * no bundle, a revoked or never-enrolled host, an offline one, another architecture, already
 * that version, or an upgrade still under way.
 */
export function planUpgrade(
  host: HostDto,
  bundle: AgentBundle | null,
  o: { connected: boolean; now: Date; deadlineSec?: number },
): UpgradePlan {
  const no = (code: ErrorCode, reason: string): UpgradePlan => ({ ok: false, code, reason });
  if (!bundle) return no('FAILED_PRECONDITION', 'this web serves no agent bundle (npm run build)');
  if (host.status === 'revoked') return no('FAILED_PRECONDITION', `${host.name} is revoked`);
  if (!host.enrolledAt) return no('FAILED_PRECONDITION', `${host.name} has no agent yet`);
  if (host.policy?.remoteUpgrade === false)
    return no(
      'PERMISSION_DENIED',
      `${host.name}'s owner refuses agent upgrades from the web (--no-remote-upgrade)`,
    );
  if (!o.connected) return no('UNAVAILABLE', `${host.name} is offline`);
  const arch = host.facts.arch === null ? null : bundleArch(host.facts.arch);
  if (arch !== bundle.arch)
    return no(
      'FAILED_PRECONDITION',
      `${host.name} is ${arch ?? 'of an unknown architecture'}; this web's bundle is for ${bundle.arch}`,
    );
  if (host.facts.agentVersion === bundle.version)
    return no('FAILED_PRECONDITION', `${host.name} already runs ${bundle.version}`);
  const u = host.upgrade;
  if (u?.state === 'upgrading' && o.now.getTime() - Date.parse(u.at) < UPGRADE_STALE_MS)
    return no('FAILED_PRECONDITION', `${host.name} is being upgraded to ${u.toVersion}`);
  return {
    ok: true,
    fromVersion: host.facts.agentVersion,
    request: {
      version: bundle.version,
      path: `/downloads/${bundle.file}`,
      sha256: bundle.sha256,
      ...(o.deadlineSec === undefined ? {} : { deadlineSec: o.deadlineSec }),
    },
  };
}
