import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import type { RegistryCredentialsService } from '../registry-credentials/credentials-service.js';
import { createHostsRepo } from '../hosts/hosts-repo.js';
import { createContainersRepo } from '../containers/containers-repo.js';
import { createStackDeploys } from './stack-deploys.js';
import { createStacksRepo } from './stacks-repo.js';
import { createStacksService } from './stacks-service.js';

/**
 * The stacks feature's part of the composition root: relays each agent's `stack.progress` to
 * browsers (`stacks.progress`), tells them when a stack changed (`stacks.changed`) or an operation
 * ended (`stacks.operation`), and serves the stacks API.
 */
export function composeStacks(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
  /** Decides what a stack's pulls may use (the images feature's registry credentials). */
  credentials: Pick<RegistryCredentialsService, 'forTransfer'>;
}) {
  const repo = createStacksRepo(deps.db);
  const hostsRepo = createHostsRepo(deps.db);
  const changed = (name: string) => deps.uiHub.emitToReaders('stacks.changed', { name });
  deps.agentHub.on('stack.progress', (hostId, p) => {
    deps.uiHub.emitToReaders('stacks.progress', { ...p, hostId });
  });
  const deploys = createStackDeploys({
    hub: deps.agentHub,
    credentials: deps.credentials,
    audit: deps.audit,
    repo,
    log: deps.log,
    changed,
    ended: (e) => deps.uiHub.emitToReaders('stacks.operation', e),
  });
  const stacks = createStacksService({
    repo,
    deploys,
    hub: deps.agentHub,
    audit: deps.audit,
    containers: createContainersRepo(deps.db),
    hosts: async () =>
      (await hostsRepo.list()).map((h) => ({
        id: h.id,
        name: h.name,
        online: deps.agentHub.isConnected(h.id),
      })),
    changed,
  });
  return { stacks };
}
