import { useEffect, useState } from 'react';
import type { LogLine } from '@berth/protocol';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';

export type FollowStatus = 'off' | 'starting' | 'following' | 'ended' | 'error';

/**
 * Live log lines over '/ui' while `enabled`: 'logs.follow' on mount (and after a reconnect),
 * 'logs.unfollow' on unmount. New lines go to `onLines`.
 */
export function useLogFollow(opts: {
  hostId: string;
  engineId: string;
  enabled: boolean;
  onLines: (lines: LogLine[]) => void;
}) {
  const { socket, state, ended } = useUiSocket();
  const [status, setStatus] = useState<{ status: FollowStatus; message?: string }>({
    status: 'off',
  });
  const { hostId, engineId, enabled, onLines } = opts;
  useEffect(() => {
    if (enabled && ended) {
      // The server stopped this socket's follows when the session ended: say why.
      setStatus({ status: 'ended', message: ended.message });
      return;
    }
    if (!enabled || !socket || state !== 'connected') {
      setStatus({ status: 'off' });
      return;
    }
    const followId = `f${Math.random().toString(36).slice(2, 12)}`;
    let active = true;
    const onData = (p: { followId: string; entries: LogLine[] }) => {
      if (p.followId === followId) onLines(p.entries);
    };
    const onEnd = (p: { followId: string; reason: string; message?: string }) => {
      if (p.followId !== followId) return;
      setStatus({
        status: 'ended',
        message: p.message ?? (p.reason === 'exited' ? 'the container stopped' : p.reason),
      });
    };
    socket.on('logs.data', onData);
    socket.on('logs.end', onEnd);
    setStatus({ status: 'starting' });
    (socket as unknown as { emit: (...args: unknown[]) => void }).emit(
      'logs.follow',
      { followId, hostId, containerId: engineId, tail: 0 },
      (res: { ok: boolean; error?: { message: string } }) => {
        if (!active) return;
        setStatus(
          res.ok
            ? { status: 'following' }
            : { status: 'error', message: res.error?.message ?? 'follow failed' },
        );
      },
    );
    return () => {
      active = false;
      socket.off('logs.data', onData);
      socket.off('logs.end', onEnd);
      (socket as unknown as { emit: (...args: unknown[]) => void }).emit('logs.unfollow', {
        followId,
      });
    };
  }, [socket, state, ended, hostId, engineId, enabled, onLines]);
  return status;
}
