import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { createImagesReadRepo } from './images-read-repo.js';
import { createImagesService } from './images-service.js';
import { createRegistryGrantsRepo } from '../registry-grants/grants-repo.js';
import { createRegistryGrantsService } from '../registry-grants/grants-service.js';

/** The images feature's part of the composition root. */
export function composeImages(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
}) {
  const registryGrants = createRegistryGrantsService({
    grants: createRegistryGrantsRepo(deps.db),
    audit: deps.audit,
  });
  return {
    images: createImagesService({
      ...deps,
      images: createImagesReadRepo(deps.db),
      grants: registryGrants,
    }),
    registryGrants,
  };
}
