'use client';

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { HostNetworksDto } from '../../../lib/dto/network.js';
import { networkKeys } from './query-keys.js';

/** A host's networks (with their containers); refetched when the agent reports a change. */
export function useHostNetworks(hostId: string) {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: { hostId: string }) => {
      if (e.hostId === hostId) void qc.invalidateQueries({ queryKey: networkKeys.host(hostId) });
    };
    socket.on('networks.changed', onChanged);
    return () => {
      socket.off('networks.changed', onChanged);
    };
  }, [socket, qc, hostId]);
  return useQuery({
    queryKey: networkKeys.host(hostId),
    queryFn: () => api<HostNetworksDto>(`/api/hosts/${encodeURIComponent(hostId)}/networks`),
    enabled: hostId !== '',
  });
}
