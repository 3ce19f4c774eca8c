import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ContainerInspectDto } from '../../../lib/dto/redact-env.js';
import { containerKeys } from './query-keys.js';

/**
 * The agent's full inspect (RPC through the web) and whether its environment values were hidden
 * (viewers); refetched when the container's state changes.
 */
export function useContainerInspect(hostId: string, engineId: string, stateKey: string) {
  return useQuery({
    queryKey: [...containerKeys.inspect(hostId, engineId), stateKey],
    queryFn: () =>
      api<ContainerInspectDto>(
        `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(engineId)}`,
      ),
    staleTime: 60_000,
  });
}
