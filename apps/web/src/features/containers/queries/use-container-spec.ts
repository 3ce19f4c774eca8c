import { useQuery } from '@tanstack/react-query';
import type { CreateContainerRequest } from '@berth/protocol';
import { api } from '../../../lib/api-client.js';
import { containerKeys } from './query-keys.js';

export interface ContainerSpecDto {
  request: CreateContainerRequest;
  notCopied: string[];
}

/** A container's settings as a create request: Duplicate/Edit's prefill (asked once). */
export function useContainerSpec(hostId: string, ref: string | null) {
  return useQuery({
    queryKey: containerKeys.spec(hostId, ref ?? ''),
    queryFn: () =>
      api<ContainerSpecDto>(
        `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(ref ?? '')}/spec`,
      ),
    enabled: ref !== null && hostId !== '',
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
