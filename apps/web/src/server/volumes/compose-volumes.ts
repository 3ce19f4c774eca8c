import type { Db } from '../db/client.js';
import type { AuditRepo } from '../db/audit.js';
import type { AgentHub } from '../hub/agent-hub.js';
import { createContainersRepo } from '../inventory/containers-repo.js';
import { createVolumesService } from './volumes-service.js';

/** The volumes feature's part of the composition root. */
export function composeVolumes(deps: { db: Db; agentHub: AgentHub; audit: AuditRepo }) {
  return {
    volumes: createVolumesService({
      hub: deps.agentHub,
      audit: deps.audit,
      containers: createContainersRepo(deps.db),
    }),
  };
}
