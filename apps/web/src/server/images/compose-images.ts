import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import type { SecretKey } from '../secrets/secret-box.js';
import { createImagesReadRepo } from './images-read-repo.js';
import { createImagesService } from './images-service.js';
import { createRegistryGrantsRepo } from '../registry-grants/grants-repo.js';
import { createRegistryGrantsService } from '../registry-grants/grants-service.js';
import { createRegistryCredentialsRepo } from '../registry-credentials/credentials-repo.js';
import { createRegistryCredentialsService } from '../registry-credentials/credentials-service.js';

/** The images feature's part of the composition root (with registry grants and credentials). */
export function composeImages(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
  /** The web's key for secrets at rest (read on first use). */
  secretKey: () => Promise<SecretKey>;
}) {
  const registryGrants = createRegistryGrantsService({
    grants: createRegistryGrantsRepo(deps.db),
    audit: deps.audit,
  });
  const registryCredentials = createRegistryCredentialsService({
    repo: createRegistryCredentialsRepo(deps.db),
    audit: deps.audit,
    grants: registryGrants,
    key: deps.secretKey,
  });
  return {
    images: createImagesService({
      ...deps,
      images: createImagesReadRepo(deps.db),
      credentials: registryCredentials,
    }),
    registryGrants,
    registryCredentials,
  };
}
