import { useQuery } from '@tanstack/react-query';
import type { LogLine } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import { containerKeys } from './query-keys.js';

export function logsUrl(hostId: string, engineId: string, tail: number, download = false) {
  return `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(engineId)}/logs?tail=${tail}${download ? '&download=true' : ''}`;
}

/** The newest `tail` lines (container.logs RPC). */
export function useContainerLogs(hostId: string, engineId: string, tail: number, enabled: boolean) {
  return useQuery({
    queryKey: containerKeys.logs(hostId, engineId, tail),
    queryFn: () => api<{ entries: LogLine[]; truncated: boolean }>(logsUrl(hostId, engineId, tail)),
    enabled,
    staleTime: 0,
  });
}
