import { useQuery } from '@tanstack/react-query';
import type { ContainerInspect } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import { containerKeys } from './query-keys.js';

/** The agent's full inspect (RPC through the web); refetched when the container's state changes. */
export function useContainerInspect(hostId: string, engineId: string, stateKey: string) {
  return useQuery({
    queryKey: [...containerKeys.inspect(hostId, engineId), stateKey],
    queryFn: async () =>
      (
        await api<{ inspect: ContainerInspect }>(
          `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(engineId)}`,
        )
      ).inspect,
    staleTime: 60_000,
  });
}
