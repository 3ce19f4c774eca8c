import type { Socket } from 'socket.io';
import { agentEvents, parseAgentEvent } from '@berth/protocol';
import type { AgentEventName, AgentEventPayload } from '@berth/protocol';

interface Waiter {
  name: AgentEventName;
  pred: (p: never) => boolean;
  resolve: (p: unknown) => void;
}

/**
 * Records every agent event a (fake) web socket receives, each validated with the protocol's
 * schema, and lets tests wait for the first event from now on that matches a predicate.
 */
export class AgentEventLog {
  readonly events: { name: AgentEventName; payload: unknown }[] = [];
  readonly invalid: string[] = [];
  #waiters: Waiter[] = [];

  attach(socket: Socket): void {
    for (const name of Object.keys(agentEvents)) {
      socket.on(name, (payload: unknown) => this.#record(name, payload));
    }
  }

  next<E extends AgentEventName>(
    name: E,
    pred: (p: AgentEventPayload<E>) => boolean = () => true,
  ): Promise<AgentEventPayload<E>> {
    return new Promise((resolve) => {
      this.#waiters.push({
        name,
        pred: pred as (p: never) => boolean,
        resolve: resolve as (p: unknown) => void,
      });
    });
  }

  all<E extends AgentEventName>(name: E): AgentEventPayload<E>[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as AgentEventPayload<E>);
  }

  #record(name: string, payload: unknown): void {
    let ev;
    try {
      ev = parseAgentEvent(name, payload);
    } catch (err) {
      this.invalid.push(`${name}: ${(err as Error).message}`);
      return;
    }
    this.events.push(ev);
    for (const w of [...this.#waiters]) {
      if (w.name === ev.name && w.pred(ev.payload as never)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve(ev.payload);
      }
    }
  }
}
