'use client';

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { ImagesChangedEvent } from '../../../lib/socket/image-messages.js';
import type { HostImagesDto } from '../../../lib/dto/image.js';
import { imageKeys } from './query-keys.js';

/** A host's images; refreshed when the agent reports a change (images.changed push). */
export function useHostImages(hostId: string) {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: ImagesChangedEvent) => {
      if (e.hostId !== hostId) return;
      // The push carries the agent's summaries; the mirror adds layer sizes, so refetch it.
      void qc.invalidateQueries({ queryKey: imageKeys.host(hostId) });
      void qc.invalidateQueries({ queryKey: imageKeys.layers(hostId) });
    };
    socket.on('images.changed', onChanged);
    return () => {
      socket.off('images.changed', onChanged);
    };
  }, [socket, qc, hostId]);
  return useQuery({
    queryKey: imageKeys.host(hostId),
    queryFn: () => api<HostImagesDto>(`/api/hosts/${encodeURIComponent(hostId)}/images`),
    enabled: hostId !== '',
  });
}
