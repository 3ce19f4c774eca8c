'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { HostVolumesDto } from '../../../lib/dto/volume.js';
import { volumeKeys } from './query-keys.js';

/** A host's volumes, asked of its agent (refreshed every 10 s: volumes are not pushed). */
export function useHostVolumes(hostId: string) {
  return useQuery({
    queryKey: volumeKeys.host(hostId),
    queryFn: () => api<HostVolumesDto>(`/api/hosts/${encodeURIComponent(hostId)}/volumes`),
    enabled: hostId !== '',
    refetchInterval: 10_000,
  });
}
