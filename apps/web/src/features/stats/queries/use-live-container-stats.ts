'use client';

import { useEffect, useState } from 'react';
import { sendUi } from '../../../lib/socket/ui-send.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { StatsSampleEvent } from '../../../lib/socket/stats-messages.js';
import {
  fromLiveSample,
  trimWindow,
  type StatsChartPoint,
} from '../../../lib/stats/chart-points.js';

const LIVE_WINDOW_MS = 15 * 60_000;

/**
 * Live 1 s samples of one container while mounted: subscribes on the /ui socket (again after
 * each reconnect) and unsubscribes on unmount, so the web can refcount its viewers.
 */
export function useLiveContainerStats(
  hostId: string,
  containerId: string,
  enabled: boolean,
): StatsChartPoint[] {
  const { socket } = useUiSocket();
  const [points, setPoints] = useState<StatsChartPoint[]>([]);

  useEffect(() => {
    if (!socket || !enabled) return;
    const message = { hostId, containerId };
    const subscribe = () => sendUi(socket, 'stats.subscribe', message);
    const onSample = (e: StatsSampleEvent) => {
      if (e.hostId !== hostId || e.sample.containerId !== containerId) return;
      const point = fromLiveSample(e.sample);
      setPoints((list) => trimWindow([...list, point], point.at, LIVE_WINDOW_MS));
    };
    socket.on('stats.sample', onSample);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('stats.sample', onSample);
      socket.off('connect', subscribe);
      if (socket.connected) sendUi(socket, 'stats.unsubscribe', message);
      setPoints([]);
    };
  }, [socket, hostId, containerId, enabled]);

  return points;
}
