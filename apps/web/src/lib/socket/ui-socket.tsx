'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { UiServerEvents } from './ui-events.js';
import { sessionEndMessage, type SessionEndedEvent } from './session-messages.js';

export type UiSocket = Socket<UiServerEvents>;
export type UiSocketState = 'connecting' | 'connected' | 'disconnected';

interface UiSocketValue {
  socket: UiSocket | null;
  state: UiSocketState;
  /** Set when the server ended this tab's session (the socket stays down until a reload). */
  ended: SessionEndedEvent | null;
  /** Connect again (after the password was changed, when the server refused the socket). */
  reconnect: () => void;
}

const SocketContext = createContext<UiSocketValue>({
  socket: null,
  state: 'disconnected',
  ended: null,
  reconnect: () => undefined,
});

/**
 * One /ui socket per tab, opened while signed in and closed on unmount. When the server ends the
 * session (logout elsewhere, role change, disabled, expired) it says why with `session.ended`
 * and disconnects: the reason is kept in `ended` for the shell, the terminal and the log view.
 */
export function UiSocketProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<UiSocket | null>(null);
  const [state, setState] = useState<UiSocketState>('connecting');
  const [ended, setEnded] = useState<SessionEndedEvent | null>(null);
  useEffect(() => {
    const s: UiSocket = io('/ui', { transports: ['websocket'], withCredentials: true });
    const onConnect = () => setState('connected');
    const onDisconnect = () => setState('disconnected');
    const onRefused = (err: Error) => {
      setState('disconnected');
      // A handshake refused for want of a session: the session is over for this tab.
      if (err.message.startsWith('UNAUTHENTICATED')) {
        setEnded((e) => e ?? { reason: 'ended', message: sessionEndMessage('ended') });
      }
    };
    const onEnded = (e: SessionEndedEvent) => setEnded(e);
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onRefused);
    s.on('session.ended', onEnded);
    setSocket(s);
    setState('connecting');
    return () => {
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onRefused);
      s.off('session.ended', onEnded);
      s.disconnect();
    };
  }, []);
  const reconnect = useCallback(() => {
    if (socket && !socket.connected && !ended) {
      setState('connecting');
      socket.connect();
    }
  }, [socket, ended]);
  return (
    <SocketContext.Provider value={{ socket, state, ended, reconnect }}>
      {children}
    </SocketContext.Provider>
  );
}

export function useUiSocket() {
  return useContext(SocketContext);
}
