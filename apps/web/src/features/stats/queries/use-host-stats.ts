'use client';

import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { sendUi } from '../../../lib/socket/ui-send.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { StatsHostEvent } from '../../../lib/socket/stats-messages.js';
import {
  fromHostSample,
  trimWindow,
  type HostChartPoint,
} from '../../../lib/stats/chart-points.js';
import { statsKeys } from './query-keys.js';

const WINDOW_MS = 15 * 60_000;

/** The host's last 15 minutes (agent ring) followed by live samples while mounted. */
export function useHostStats(hostId: string): { points: HostChartPoint[]; error: unknown } {
  const { socket } = useUiSocket();
  const history = useQuery({
    queryKey: statsKeys.host(hostId),
    queryFn: () =>
      api<{ points: HostChartPoint[] }>(`/api/stats/hosts/${encodeURIComponent(hostId)}`),
    staleTime: Infinity,
    retry: false,
  });
  const [live, setLive] = useState<HostChartPoint[]>([]);

  useEffect(() => {
    if (!socket) return;
    const message = { hostId, host: true };
    const subscribe = () => sendUi(socket, 'stats.subscribe', message);
    const onHost = (e: StatsHostEvent) => {
      if (e.hostId !== hostId) return;
      const point = fromHostSample(e.sample);
      setLive((list) => trimWindow([...list, point], point.at, WINDOW_MS));
    };
    socket.on('stats.host', onHost);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('stats.host', onHost);
      socket.off('connect', subscribe);
      if (socket.connected) sendUi(socket, 'stats.unsubscribe', message);
      setLive([]);
    };
  }, [socket, hostId]);

  const past = history.data?.points ?? [];
  const lastPast = past.length ? past[past.length - 1]!.at : -Infinity;
  return { points: [...past, ...live.filter((p) => p.at > lastPast)], error: history.error };
}
