import type { AgentHub } from '../hub/agent-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { HostNetworksDto } from '../../lib/dto/network.js';
import type { CreateNetworkBody } from '../../lib/network-api-schemas.js';
import type { NetworksRepo } from './networks-repo.js';
import { auditOnHost, type Actor } from '../audit/audited.js';

/**
 * Networks per host: reads the database mirror (fed by `inventory.networks`), creates and
 * removes through the agent's `network.*` RPCs, every action audited with its outcome.
 */
export function createNetworksService(deps: {
  agentHub: AgentHub;
  audit: AuditRepo;
  networks: NetworksRepo;
}) {
  const audited = auditOnHost(deps.audit);

  return {
    async list(hostId: string): Promise<HostNetworksDto> {
      return { hostId, networks: await deps.networks.list(hostId) };
    },

    async create(actor: Actor, hostId: string, input: CreateNetworkBody) {
      await deps.agentHub.requireOnline(hostId);
      return audited(actor, 'network.create', hostId, { ...input }, () =>
        deps.agentHub.rpc(hostId, 'network.create', input),
      );
    },

    async remove(actor: Actor, hostId: string, ref: string) {
      await deps.agentHub.requireOnline(hostId);
      return audited(actor, 'network.remove', hostId, { ref }, () =>
        deps.agentHub.rpc(hostId, 'network.remove', { ref }),
      );
    },
  };
}
export type NetworksService = ReturnType<typeof createNetworksService>;
