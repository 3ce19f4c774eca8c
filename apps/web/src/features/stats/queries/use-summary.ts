'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useUiSocket, type UiSocket } from '../../../lib/socket/ui-socket.js';
import type { StatsSummaryUiEvent } from '../../../lib/socket/stats-messages.js';
import { applySummary, type ContainerSummaryView } from '../summary-store.js';
import { requestUi } from '../../../lib/socket/ui-send.js';

/**
 * One store per /ui socket (one per tab): the socket listener is attached while at least one
 * component uses the hook and removed after the last unmounts; the data (with the sparklines'
 * history) lives as long as the socket.
 */
interface SummaryStore {
  data: Map<string, ContainerSummaryView>;
  listeners: Set<() => void>;
  onSummary: (e: StatsSummaryUiEvent) => void;
}

const stores = new WeakMap<UiSocket, SummaryStore>();
const empty = new Map<string, ContainerSummaryView>();

function storeFor(socket: UiSocket): SummaryStore {
  let store = stores.get(socket);
  if (!store) {
    const s: SummaryStore = {
      data: new Map(),
      listeners: new Set(),
      onSummary: (e) => {
        s.data = applySummary(s.data, e);
        for (const l of s.listeners) l();
      },
    };
    stores.set(socket, (store = s));
  }
  return store;
}

/** The newest summaries the web holds, for a store that has none yet (no wait of up to 10 s). */
function fillFromServer(socket: UiSocket, store: SummaryStore) {
  if (store.data.size > 0) return;
  requestUi<{ ok: boolean; result?: { summaries: StatsSummaryUiEvent[] } }>(
    socket,
    'stats.summaries',
    {},
    5000,
  ).then(
    (res) => {
      if (!res.ok || store.data.size > 0) return;
      for (const e of res.result?.summaries ?? []) store.onSummary(e);
    },
    () => undefined, // the next summary comes anyway
  );
}

function subscribe(socket: UiSocket | null, listener: () => void): () => void {
  if (!socket) return () => undefined;
  const store = storeFor(socket);
  if (store.listeners.size === 0) {
    socket.on('stats.summary', store.onSummary);
    fillFromServer(socket, store);
  }
  store.listeners.add(listener);
  return () => {
    store.listeners.delete(listener);
    if (store.listeners.size === 0) socket.off('stats.summary', store.onSummary);
  };
}

/** Latest 10 s summary per `${hostId}:${containerId}`, with the last ~30 values for sparklines. */
export function useStatsSummary(): Map<string, ContainerSummaryView> {
  return useStatsSummaryWhen(true);
}

/**
 * Like `useStatsSummary()`, but only subscribed while `enabled` (else an empty map and no
 * re-renders): a list that needs the whole map only to sort by CPU/memory asks for it then.
 */
export function useStatsSummaryWhen(enabled: boolean): Map<string, ContainerSummaryView> {
  const { socket } = useUiSocket();
  const on = enabled ? socket : null;
  return useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(on, listener), [on]),
    () => (on ? storeFor(on).data : empty),
    () => empty,
  );
}

/**
 * One container's summary (key `${hostId}:${containerId}`). The component re-renders only when
 * that entry changes, so a list row subscribes to its own key instead of the list re-rendering
 * every row on each summary.
 */
export function useContainerSummary(key: string): ContainerSummaryView | undefined {
  const { socket } = useUiSocket();
  return useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(socket, listener), [socket]),
    () => (socket ? storeFor(socket).data.get(key) : undefined),
    () => undefined,
  );
}
