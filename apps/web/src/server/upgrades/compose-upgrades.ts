import type { Env } from '../../env.js';
import type { HostsRepo } from '../hosts/hosts-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { readBundle } from '../downloads/bundle-dir.js';
import { createUpgradesService } from './service.js';

/** Agent upgrades: the service, and the agents' reports of how their upgrade went. */
export function composeUpgrades(d: {
  env: Env;
  hosts: HostsRepo;
  audit: AuditRepo;
  agentHub: AgentHub;
  uiHub: UiHub;
  log: Logger;
}) {
  const upgrades = createUpgradesService({
    hosts: d.hosts,
    audit: d.audit,
    agentHub: d.agentHub,
    bundle: () => readBundle(d.env.bundleDir),
    hostChanged: (h) => d.uiHub.hostChanged(h),
    ...(d.env.upgradeDeadlineSec === null ? {} : { deadlineSec: d.env.upgradeDeadlineSec }),
  });
  d.agentHub.on('agent.upgrade.result', async (hostId, outcome) => {
    d.log.info(
      `host ${hostId}: upgrade ${outcome.fromVersion} → ${outcome.toVersion} ${outcome.ok ? 'succeeded' : `failed: ${outcome.reason}`}`,
    );
    await upgrades.onResult(hostId, outcome);
  });
  return { upgrades };
}
