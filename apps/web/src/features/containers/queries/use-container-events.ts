import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { ContainerDto, ContainersChangedDto } from '../../../lib/dto/container.js';
import { applyContainersChange } from './apply-change.js';
import { containerKeys } from './query-keys.js';

const BATCH_MS = 100;

/** Merge 'containers.changed' pushes into the cached list; refetch once whenever listening starts (pushes may have been missed). */
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
    // Pushes are only seen while this listener is attached and the socket is connected. The
    // cached list may predate that (rendered on the server, cached from an earlier visit, or a
    // reconnect): refetch it once then, unless a fetch is already running. Structural sharing
    // keeps unchanged DTOs by reference, so only changed rows re-render.
    const resync = () => {
      if (qc.getQueryState(containerKeys.list())?.fetchStatus === 'fetching') return;
      void qc.invalidateQueries({ queryKey: containerKeys.list() });
    };
    const onConnect = () => resync();
    socket.on('containers.changed', onChanged);
    socket.on('connect', onConnect);
    if (socket.connected) resync();
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
