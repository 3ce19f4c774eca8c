'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StatsHistoryDto, StatsRange } from '../../../lib/stats/chart-points.js';
import { statsKeys } from './query-keys.js';

/** History for a range: the agent's 1 s ring up to 15 min, 1-minute rollups beyond. */
export function useContainerHistory(hostId: string, containerId: string, range: StatsRange) {
  return useQuery({
    queryKey: statsKeys.container(hostId, containerId, range),
    queryFn: () =>
      api<StatsHistoryDto>(
        `/api/stats/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(containerId)}?range=${range}`,
      ),
    // Long ranges grow by a rollup a minute; short ones are kept live by samples instead.
    refetchInterval: range === '5m' || range === '15m' ? false : 60_000,
    staleTime: 5_000,
  });
}
