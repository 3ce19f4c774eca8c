import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { applyHost, dropHost } from './merge-host.js';
import { hostKeys } from './query-keys.js';

/** Merge 'hosts.changed' and 'hosts.removed' pushes into the cache; refetch once whenever listening starts (pushes may have been missed). */
export function useHostEvents() {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = ({ host }: { host: HostDto }) => applyHost(qc, host);
    const onRemoved = ({ hostId }: { hostId: string }) => dropHost(qc, hostId);
    // A list rendered on the server (or cached) may predate this listener: refetch once
    // whenever listening starts, unless a fetch is already running.
    const resync = () => {
      if (qc.getQueryState(hostKeys.list())?.fetchStatus === 'fetching') return;
      void qc.invalidateQueries({ queryKey: hostKeys.all });
    };
    const onConnect = () => resync();
    socket.on('hosts.changed', onChanged);
    socket.on('hosts.removed', onRemoved);
    socket.on('connect', onConnect);
    if (socket.connected) resync();
    return () => {
      socket.off('hosts.changed', onChanged);
      socket.off('hosts.removed', onRemoved);
      socket.off('connect', onConnect);
    };
  }, [socket, qc]);
}
