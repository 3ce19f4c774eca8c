'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StackLogEntryDto } from '../../../lib/dto/stack.js';
import { stackKeys } from './query-keys.js';

/** The combined logs of a stack on a host; refreshed every few seconds while `live`. */
export function useStackLogs(name: string, hostId: string, live: boolean) {
  return useQuery({
    queryKey: stackKeys.logs(name, hostId),
    queryFn: async () =>
      (
        await api<{ entries: StackLogEntryDto[] }>(
          `/api/stacks/${encodeURIComponent(name)}/hosts/${encodeURIComponent(hostId)}/logs?tail=500`,
        )
      ).entries,
    enabled: hostId !== '',
    refetchInterval: live ? 3000 : false,
  });
}
