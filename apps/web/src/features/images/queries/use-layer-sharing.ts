'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { LayerSharingDto } from '../../../lib/dto/image.js';
import { imageKeys } from './query-keys.js';

export function useLayerSharing(hostId: string) {
  return useQuery({
    queryKey: imageKeys.layers(hostId),
    queryFn: () => api<LayerSharingDto>(`/api/hosts/${encodeURIComponent(hostId)}/images/layers`),
    enabled: hostId !== '',
  });
}
