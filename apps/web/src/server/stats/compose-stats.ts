import type { Db } from '../db/client.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '../log.js';
import { createRollupsRepo } from './rollups-repo.js';
import { createRollupJob } from './rollup-job.js';
import { registerStatsRelay } from './stats-relay.js';
import { createStatsService } from './stats-service.js';

const HOUR_MS = 3_600_000;

/** The stats feature's part of the composition root: live relay, rollups, retention, history. */
export function composeStats(deps: { db: Db; agentHub: AgentHub; uiHub: UiHub; log: Logger }) {
  const rollups = createRollupsRepo(deps.db);
  const job = createRollupJob({ agentHub: deps.agentHub, repo: rollups, log: deps.log });
  registerStatsRelay({ ...deps, onSummary: (hostId, ids) => job.onSummary(hostId, ids) });
  const prune = () =>
    job
      .prune()
      .then((n) => n > 0 && deps.log.info(`stats retention: pruned ${n} rollups`))
      .catch((err: unknown) => deps.log.error(`stats retention: ${String(err)}`));
  const timer = setInterval(prune, HOUR_MS);
  timer.unref();
  void prune();
  return {
    stats: createStatsService({ agentHub: deps.agentHub, rollups }),
    stopStats: () => clearInterval(timer),
  };
}
