'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import { stackKeys } from './query-keys.js';

/**
 * Keeps the stack queries current: a stack changed (`stacks.changed`) or any container changed
 * (stacks are made of mirrored containers). Refetches at most once per second.
 */
export function useStackEvents() {
  const qc = useQueryClient();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: stackKeys.list() });
        void qc.invalidateQueries({ queryKey: [...stackKeys.all, 'detail'] });
      }, 1000);
    };
    socket.on('stacks.changed', refresh);
    socket.on('containers.changed', refresh);
    return () => {
      socket.off('stacks.changed', refresh);
      socket.off('containers.changed', refresh);
      if (timer) clearTimeout(timer);
    };
  }, [socket, qc]);
}
