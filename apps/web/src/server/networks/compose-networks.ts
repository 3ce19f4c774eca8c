import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import { createNetworksRepo } from './networks-repo.js';
import { createNetworksService } from './networks-service.js';

/**
 * The networks feature's part of the composition root: mirrors `inventory.networks` into the
 * database and tells browsers (`networks.changed`); serves the per-host networks API.
 */
export function composeNetworks(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
}) {
  const repo = createNetworksRepo(deps.db);
  deps.agentHub.on('inventory.networks', async (hostId, payload) => {
    await repo.replaceAll(hostId, payload.networks);
    deps.uiHub.emitToReaders('networks.changed', { hostId });
  });
  return { networks: createNetworksService({ ...deps, networks: repo }) };
}
