import type { WaitResponse } from '@berth/protocol';
import type { ContainerRecord } from '@berth/runtime';
import { AgentError } from '../errors.js';
import type { EventBus } from './events.js';

/** Docker's wait conditions. */
export const waitConditions = ['not-running', 'next-exit', 'removed'] as const;
export type WaitCondition = (typeof waitConditions)[number];

/**
 * Waits for a container to reach a condition, with Docker's meanings: `not-running` answers at
 * once for a container that is not running; `next-exit` waits for the next exit even of a
 * created one; `removed` waits until the container is gone. The listener is registered before
 * this returns, so a caller can acknowledge the wait and then start the container without
 * missing its exit. Rejects with UNAVAILABLE when `signal` aborts first.
 */
export function waitForCondition(
  deps: { record(ref: string): ContainerRecord; events: EventBus },
  ref: string,
  condition: WaitCondition,
  signal?: AbortSignal,
): Promise<WaitResponse> {
  const rec = deps.record(ref);
  const id = rec.id;
  let last: WaitResponse = { exitCode: rec.exitCode ?? 0, oomKilled: rec.oomKilled };
  return new Promise<WaitResponse>((resolve, reject) => {
    const done = (fn: () => void) => {
      off();
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const off = deps.events.subscribe((e) => {
      if (e.kind !== 'container' || e.id !== id) return;
      if (e.type === 'die') {
        last = { exitCode: e.exitCode ?? 0, oomKilled: e.oomKilled ?? false };
        if (condition !== 'removed') done(() => resolve(last));
      } else if (e.type === 'destroy') done(() => resolve(last));
    });
    const onAbort = () =>
      done(() => reject(new AgentError('UNAVAILABLE', 'wait cancelled by the client')));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (condition === 'not-running' && rec.state !== 'running' && rec.state !== 'paused')
      done(() => resolve(last));
  });
}
