import type { AgentHub } from '../hub/agent-hub.js';
import {
  fromHistoryPoints,
  fromHostSample,
  rangeMs,
  sourceForRange,
  type HostChartPoint,
  type StatsHistoryDto,
  type StatsRange,
} from '../../lib/stats/chart-points.js';
import type { RollupsRepo } from './rollups-repo.js';
import { fromRollups } from './rollup-points.js';
import { MINUTE_MS } from './rollup.js';

/** Stats history for the API: ≤ 15 min from the agent's 1 s ring, longer from 1-minute rollups. */
export function createStatsService(deps: {
  agentHub: AgentHub;
  rollups: RollupsRepo;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  return {
    async containerHistory(
      hostId: string,
      containerId: string,
      range: StatsRange,
    ): Promise<StatsHistoryDto> {
      const t = now();
      const since = t - rangeMs[range];
      if (sourceForRange(range) === 'agent') {
        const h = await deps.agentHub.rpc(hostId, 'stats.history', { containerId, sinceMs: since });
        return {
          hostId,
          containerId: h.containerId,
          range,
          source: 'agent',
          intervalMs: h.intervalMs,
          points: fromHistoryPoints(h.points),
        };
      }
      const rows = await deps.rollups.range(`${hostId}:${containerId}`, since, t);
      return {
        hostId,
        containerId,
        range,
        source: 'rollup',
        intervalMs: MINUTE_MS,
        points: fromRollups(rows),
      };
    },
    async hostHistory(hostId: string): Promise<{ points: HostChartPoint[] }> {
      const h = await deps.agentHub.rpc(hostId, 'stats.hostHistory', {});
      return { points: h.points.map(fromHostSample) };
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
