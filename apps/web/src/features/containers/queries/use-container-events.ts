import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { ContainerDto, ContainersChangedDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

/** Merge 'containers.changed' pushes into the cached list; after a reconnect refetch once (pushes were missed). */
export function useContainerEvents() {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    const onChanged = (change: ContainersChangedDto) =>
      qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
        list ? applyContainersChange(list, change) : list,
      );
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) void qc.invalidateQueries({ queryKey: containerKeys.list() });
      connectedBefore = true;
    };
    socket.on('containers.changed', onChanged);
    socket.on('connect', onConnect);
    return () => {
      socket.off('containers.changed', onChanged);
      socket.off('connect', onConnect);
    };
  }, [socket, qc]);
}
