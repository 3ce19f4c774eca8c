import type { AgentHub } from '../hub/agent-hub.js';
import type { Logger } from '@berth/log';
import type { RollupsRepo } from './rollups-repo.js';
import type { RollupWriter } from './rollup-writer.js';
import { MINUTE_MS, minuteOf, nextRollupFrom, rollupPoints } from './rollup.js';

export const RING_MS = 15 * 60_000;
export const RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * 1-minute rollups for every live container, fed from the agent's own 1 s ring
 * (`stats.history`): when a host's 10 s summary arrives and its last rollup pass is a minute
 * old, the complete minutes since the last written one are fetched, folded and handed to the
 * batch writer (one multi-row write per tick for the whole fleet, not one per row). No
 * permanent live subscription is needed (see docs/decisions.md).
 */
export function createRollupJob(deps: {
  agentHub: AgentHub;
  repo: Pick<RollupsRepo, 'existingContainers' | 'prune'>;
  /** Where the rows go: batched, one multi-row write per tick for every host. */
  writer: Pick<RollupWriter, 'add'>;
  log: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const lastRun = new Map<string, number>();
  const lastMinute = new Map<string, number>();
  const running = new Set<string>();

  async function rollHost(hostId: string, containerIds: string[]) {
    const rowIds = containerIds.map((id) => `${hostId}:${id}`);
    const existing = await deps.repo.existingContainers(rowIds);
    let written = 0;
    for (const id of containerIds) {
      const rowId = `${hostId}:${id}`;
      if (!existing.has(rowId)) continue; // not mirrored yet: nothing to attach rollups to
      const t = now();
      const from = nextRollupFrom(lastMinute.get(rowId), t, RING_MS);
      if (from >= minuteOf(t)) continue;
      // A couple of seconds earlier so the first minute's counters have a previous point.
      const history = await deps.agentHub.rpc(hostId, 'stats.history', {
        containerId: id,
        sinceMs: Math.max(0, from - 5_000),
      });
      const buckets = rollupPoints(history.points, { fromMs: from, nowMs: t });
      deps.writer.add(buckets.map((b) => ({ containerId: rowId, ...b })));
      written += buckets.length;
      lastMinute.set(rowId, minuteOf(t) - MINUTE_MS);
    }
    return written;
  }

  return {
    /** A host reported its live containers; roll up when its last pass is ≥ 1 minute old. */
    onSummary(hostId: string, containerIds: string[]) {
      const t = now();
      if (running.has(hostId) || t - (lastRun.get(hostId) ?? -Infinity) < MINUTE_MS) return;
      lastRun.set(hostId, t);
      running.add(hostId);
      rollHost(hostId, containerIds)
        .catch((err: unknown) => deps.log.warn(`stats rollup for ${hostId}: ${String(err)}`))
        .finally(() => running.delete(hostId));
    },
    /** Delete rollups older than the retention (7 days). */
    async prune(): Promise<number> {
      return deps.repo.prune(now() - RETENTION_MS);
    },
    rollHost,
  };
}
export type RollupJob = ReturnType<typeof createRollupJob>;
