import { RuntimeError } from '../errors.js';

export const CONTAINER_STATES = ['created', 'running', 'paused', 'exited', 'removing'] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

export type LifecycleEvent = 'start' | 'stop' | 'kill' | 'pause' | 'unpause' | 'exit' | 'remove';

/**
 * The one transition table: event → states it may fire from → state it leads to. `kill` only
 * signals: the state stays until the process exits (`exit`). Every command that changes a
 * container checks this table under the container's lock (ContainerManager).
 */
export const TRANSITIONS: Record<
  LifecycleEvent,
  { from: readonly ContainerState[]; to: ContainerState | 'unchanged' }
> = {
  start: { from: ['created', 'exited'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'exited' },
  kill: { from: ['running', 'paused'], to: 'unchanged' },
  pause: { from: ['running'], to: 'paused' },
  unpause: { from: ['paused'], to: 'running' },
  exit: { from: ['running', 'paused'], to: 'exited' },
  remove: { from: ['created', 'exited'], to: 'removing' },
};

/** A forbidden lifecycle transition (FAILED_PRECONDITION), libcontainer's stateTransitionError. */
export class TransitionError extends RuntimeError {
  constructor(
    readonly from: ContainerState,
    readonly event: LifecycleEvent,
  ) {
    super('FAILED_PRECONDITION', `cannot ${event} a container that is ${from}`, {
      details: { from, event },
    });
  }
}

export function canTransition(from: ContainerState, event: LifecycleEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** Pure: the next state, or a TransitionError. */
export function transition(from: ContainerState, event: LifecycleEvent): ContainerState {
  if (!canTransition(from, event)) throw new TransitionError(from, event);
  const to = TRANSITIONS[event].to;
  return to === 'unchanged' ? from : to;
}
