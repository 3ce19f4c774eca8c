import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { createEventsRepo } from '../events/events-repo.js';
import { createContainersService } from './containers-service.js';
import { createEventsService } from '../events/events-service.js';
import { createContainerMirror } from './container-mirror.js';
import { createContainersRepo } from './containers-repo.js';
import { createImagesRepo } from '../inventory/images-repo.js';
import { registerInventory } from '../inventory/register.js';
import { createTransitions } from './transitions.js';
import { registerLogFollows } from './log-follows.js';

/** The containers feature's part of the composition root: repos, mirror, hub handlers, services. */
export function composeContainers(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
}) {
  const repo = createContainersRepo(deps.db);
  const transitions = createTransitions();
  const mirror = createContainerMirror({
    repo,
    push: (change) =>
      deps.uiHub.emitToReaders('containers.changed', {
        ...change,
        upserted: change.upserted.map(transitions.decorate),
      }),
  });
  registerInventory({
    hub: deps.agentHub,
    ui: deps.uiHub,
    mirror,
    containers: repo,
    images: createImagesRepo(deps.db),
    audit: deps.audit,
    log: deps.log,
  });
  registerLogFollows({ hub: deps.agentHub, ui: deps.uiHub, log: deps.log });
  return {
    containers: createContainersService({
      hub: deps.agentHub,
      repo,
      mirror,
      transitions,
      audit: deps.audit,
    }),
    events: createEventsService({ events: createEventsRepo(deps.db) }),
  };
}
