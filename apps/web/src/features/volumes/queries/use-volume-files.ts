'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { VolumeListingDto } from '../../../lib/dto/volume.js';
import { volumeKeys } from './query-keys.js';

export const volumeFileUrl = (
  hostId: string,
  name: string,
  kind: 'files' | 'download',
  path: string,
) =>
  `/api/hosts/${encodeURIComponent(hostId)}/volumes/${encodeURIComponent(name)}/${kind}?path=${encodeURIComponent(path)}`;

/** One directory of a volume (read by the agent, confined to the volume). */
export function useVolumeFiles(hostId: string, name: string | null, path: string) {
  return useQuery({
    queryKey: volumeKeys.files(hostId, name ?? '', path),
    queryFn: () => api<VolumeListingDto>(volumeFileUrl(hostId, name ?? '', 'files', path)),
    enabled: name !== null,
  });
}
