import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import { createContainersRepo } from '../containers/containers-repo.js';
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
