'use client';

import { useEffect, useMemo, useState } from 'react';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type {
  StackOperationDto,
  StackOperationEndEvent,
  StackProgressEvent,
} from '../../../lib/dto/stack.js';
import {
  applyProgress,
  endProgress,
  initialProgress,
  type DeployProgress,
  type ProgressContext,
} from '../deploy-progress.js';

/** Most events kept while waiting to learn which operations they belong to. */
const MAX_EVENTS = 5000;

type Seen = { kind: 'step'; e: StackProgressEvent } | { kind: 'end'; e: StackOperationEndEvent };

/**
 * Per host: the progress of the given operations, from the /ui socket. Every stack event is kept
 * from mount on, because an agent's first steps can arrive before the deploy's HTTP answer names
 * its operation; the view is derived from them once the operations are known.
 */
export function useStackProgress(
  operations: readonly StackOperationDto[],
  ctx: ProgressContext | null,
): Record<string, DeployProgress> {
  const { socket } = useUiSocket();
  const [seen, setSeen] = useState<Seen[]>([]);
  useEffect(() => {
    if (!socket) return;
    const add = (s: Seen) => setSeen((all) => [...all.slice(-(MAX_EVENTS - 1)), s]);
    const onStep = (e: StackProgressEvent) => add({ kind: 'step', e });
    const onEnd = (e: StackOperationEndEvent) => add({ kind: 'end', e });
    socket.on('stacks.progress', onStep);
    socket.on('stacks.operation', onEnd);
    return () => {
      socket.off('stacks.progress', onStep);
      socket.off('stacks.operation', onEnd);
    };
  }, [socket]);
  return useMemo(() => {
    if (!ctx) return {};
    const out: Record<string, DeployProgress> = {};
    for (const op of operations) {
      let p = initialProgress(ctx);
      for (const s of seen) {
        if (s.e.operationId !== op.operationId) continue;
        p = s.kind === 'step' ? applyProgress(p, s.e, ctx) : endProgress(p, s.e);
      }
      out[op.hostId] = p;
    }
    return out;
  }, [operations, ctx, seen]);
}
