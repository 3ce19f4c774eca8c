import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { ContainerDto, ContainersChangedDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

const BATCH_MS = 100;

/** Merge 'containers.changed' pushes into the cached list; after a reconnect refetch once (pushes were missed). */
export function useContainerEvents() {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    // Pushes arrive in bursts (one per host reconciliation or action): they are queued and
    // applied together, so the list is rebuilt and re-rendered once per burst, not per push.
    let queued: ContainersChangedDto[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const changes = queued;
      queued = [];
      qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
        list ? changes.reduce((l, c) => applyContainersChange(l, c), list) : list,
      );
    };
    const onChanged = (change: ContainersChangedDto) => {
      queued.push(change);
      timer ??= setTimeout(flush, BATCH_MS);
    };
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
      if (timer) {
        clearTimeout(timer);
        flush();
      }
    };
  }, [socket, qc]);
}
