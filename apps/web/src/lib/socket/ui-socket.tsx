'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { UiServerEvents } from './ui-events.js';

export type UiSocket = Socket<UiServerEvents>;
export type UiSocketState = 'connecting' | 'connected' | 'disconnected';

const SocketContext = createContext<{ socket: UiSocket | null; state: UiSocketState }>({
  socket: null,
  state: 'disconnected',
});

/** One /ui socket per tab, opened while signed in and closed on unmount. */
export function UiSocketProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<{ socket: UiSocket | null; state: UiSocketState }>({
    socket: null,
    state: 'connecting',
  });
  useEffect(() => {
    const socket: UiSocket = io('/ui', { transports: ['websocket'], withCredentials: true });
    const onConnect = () => setValue({ socket, state: 'connected' });
    const onDisconnect = () => setValue({ socket, state: 'disconnected' });
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onDisconnect);
    setValue({ socket, state: 'connecting' });
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.disconnect();
    };
  }, []);
  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export function useUiSocket() {
  return useContext(SocketContext);
}
