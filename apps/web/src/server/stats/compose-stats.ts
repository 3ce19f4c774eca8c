import type { Db } from '../database/client.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { createRollupsRepo } from './rollups-repo.js';
import { createRollupJob } from './rollup-job.js';
import { createRollupWriter } from './rollup-writer.js';
import { registerStatsRelay } from './stats-relay.js';
import { createStatsService } from './stats-service.js';
import type { ClusterBus } from '../cluster/bus.js';
import type { LeaseKeeper } from '../cluster/leases.js';

const HOUR_MS = 3_600_000;

/** The stats feature's part of the composition root: live relay, rollups, retention, history. */
export function composeStats(deps: {
  db: Db;
  agentHub: AgentHub;
  uiHub: UiHub;
  log: Logger;
  bus?: ClusterBus;
  leases: LeaseKeeper;
}) {
  const rollups = createRollupsRepo(deps.db);
  const writer = createRollupWriter({
    sink: rollups,
    onError: (err, n) => deps.log.warn(`stats rollups: writing ${n} rows: ${String(err)}`),
  });
  const job = createRollupJob({ agentHub: deps.agentHub, repo: rollups, writer, log: deps.log });
  const relay = registerStatsRelay({
    ...deps,
    onSummary: (hostId, ids) => job.onSummary(hostId, ids),
  });
  // Retention runs on one replica of the fleet at a time (the lease's holder).
  deps.leases.runOncePerFleet({
    name: 'stats.retention',
    everyMs: HOUR_MS,
    run: async () => {
      const n = await job.prune();
      if (n > 0) deps.log.info(`stats retention: pruned ${n} rollups`);
    },
  });
  return {
    stats: createStatsService({ agentHub: deps.agentHub, rollups }),
    /** Stops the relay and writes the rollups still pending. */
    stopStats: async () => {
      relay.close();
      await writer.close();
    },
  };
}
