import type { StatsSummaryUiEvent } from '../../lib/socket/stats-messages.js';

/** How many 10 s summaries each container keeps for its sparklines (~5 minutes). */
export const SUMMARY_HISTORY = 30;

export interface ContainerSummaryView {
  cpuPercent: number | null;
  memoryUsage: number | null;
  memoryLimit: number | null;
  history: { cpu: (number | null)[]; memory: (number | null)[] };
}

/** Key of the summary map: `${hostId}:${containerId}`. */
export function summaryKey(hostId: string, containerId: string): string {
  return `${hostId}:${containerId}`;
}

function pushBounded<T>(list: readonly T[], value: T, keep: number): T[] {
  const next = [...list, value];
  return next.length > keep ? next.slice(next.length - keep) : next;
}

/**
 * Folds one host's summary into the map (returns a new map). Containers of that host that are
 * no longer listed (stopped, removed) are dropped; other hosts are untouched.
 */
export function applySummary(
  current: ReadonlyMap<string, ContainerSummaryView>,
  event: StatsSummaryUiEvent,
  keep = SUMMARY_HISTORY,
): Map<string, ContainerSummaryView> {
  const next = new Map<string, ContainerSummaryView>();
  const prefix = `${event.hostId}:`;
  for (const [key, value] of current) if (!key.startsWith(prefix)) next.set(key, value);
  for (const c of event.containers) {
    const key = summaryKey(event.hostId, c.id);
    const before = current.get(key);
    next.set(key, {
      cpuPercent: c.cpuPercent,
      memoryUsage: c.memoryUsage,
      memoryLimit: c.memoryLimit,
      history: {
        cpu: pushBounded(before?.history.cpu ?? [], c.cpuPercent, keep),
        memory: pushBounded(before?.history.memory ?? [], c.memoryUsage, keep),
      },
    });
  }
  return next;
}
