import type { StatsRange } from '../../../lib/stats/chart-points.js';

export const statsKeys = {
  all: ['stats'] as const,
  container: (hostId: string, containerId: string, range: StatsRange) =>
    [...statsKeys.all, 'container', hostId, containerId, range] as const,
  host: (hostId: string) => [...statsKeys.all, 'host', hostId] as const,
};
