import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { AuditPageDto } from '../../../lib/dto/audit.js';
import { eventsQueryString, type EventsFilterState } from '../events-filter.js';
import { eventKeys } from './query-keys.js';

/** One page of events; a pushed container event refreshes the page (no polling). */
export function useEvents(filter: EventsFilterState) {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEvent = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: eventKeys.all });
      }, 500);
    };
    socket.on('container.event', onEvent);
    return () => {
      socket.off('container.event', onEvent);
      if (timer) clearTimeout(timer);
    };
  }, [socket, qc]);
  return useQuery({
    queryKey: eventKeys.list(filter),
    queryFn: () => api<AuditPageDto>(`/api/events?${eventsQueryString(filter)}`),
    placeholderData: keepPreviousData,
  });
}
