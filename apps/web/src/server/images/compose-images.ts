import type { Db } from '../db/client.js';
import type { AuditRepo } from '../db/audit.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '../log.js';
import { createImagesReadRepo } from './images-read-repo.js';
import { createImagesService } from './images-service.js';

/** The images feature's part of the composition root. */
export function composeImages(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
}) {
  return { images: createImagesService({ ...deps, images: createImagesReadRepo(deps.db) }) };
}
