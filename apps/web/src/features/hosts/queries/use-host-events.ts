import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { applyHost } from './merge-host.js';
import { hostKeys } from './query-keys.js';

/** Merge 'hosts.changed' pushes into the cache; after a reconnect, refetch once (pushes were missed). */
export function useHostEvents() {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = ({ host }: { host: HostDto }) => applyHost(qc, host);
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) void qc.invalidateQueries({ queryKey: hostKeys.all });
      connectedBefore = true;
    };
    socket.on('hosts.changed', onChanged);
    socket.on('connect', onConnect);
    return () => {
      socket.off('hosts.changed', onChanged);
      socket.off('connect', onConnect);
    };
  }, [socket, qc]);
}
