import { z } from 'zod';
import { parseAgentEvent, type AgentEventPayload } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { ClusterBus } from '../cluster/bus.js';
import type { Logger } from '@berth/log';

/** The agent events the fleet-wide views (metrics, alerts) need from every agent. */
export const feedEvents = [
  'container.event',
  'inventory.containers',
  'stats.summary',
  'agent.heartbeat',
] as const;
export type FeedEvent = (typeof feedEvents)[number];

const CHANNEL = 'fleet.feed';
const MessageSchema = z.object({
  hostId: z.string().min(1).max(128),
  name: z.enum(feedEvents),
  payload: z.unknown(),
});

type Handler<E extends FeedEvent> = (hostId: string, payload: AgentEventPayload<E>) => void;

/**
 * What every agent says that the fleet-wide views need, on every replica: the events of agents
 * connected here, and (with several web replicas) the same events of agents connected to the
 * others, forwarded on the cluster bus in order and validated again on receipt. Unlike the hub's
 * `share`, this runs none of the other features' handlers (no second audit row, no second write).
 */
export function createFleetFeed(deps: { agentHub: AgentHub; bus?: ClusterBus; log: Logger }) {
  const handlers = new Map<FeedEvent, Set<Handler<never>>>();
  const deliver = (hostId: string, name: FeedEvent, payload: unknown) => {
    for (const h of handlers.get(name) ?? []) {
      try {
        (h as Handler<FeedEvent>)(hostId, payload as never);
      } catch (err) {
        deps.log.error(`fleet feed: ${name} handler failed: ${String(err)}`);
      }
    }
  };
  const offs = feedEvents.map((name) =>
    deps.agentHub.on(name, (hostId, payload) => {
      deliver(hostId, name, payload);
      deps.bus?.publish(CHANNEL, { hostId, name, payload });
    }),
  );
  if (deps.bus?.clustered) {
    offs.push(
      deps.bus.subscribe(CHANNEL, MessageSchema, (m) => {
        try {
          const event = parseAgentEvent(m.name, m.payload);
          deliver(m.hostId, m.name, event.payload);
        } catch (err) {
          deps.log.warn(`fleet feed: dropped a forwarded ${m.name}: ${String(err)}`);
        }
      }),
    );
  }
  return {
    on<E extends FeedEvent>(name: E, handler: Handler<E>): () => void {
      let set = handlers.get(name);
      if (!set) handlers.set(name, (set = new Set()));
      set.add(handler as Handler<never>);
      return () => set.delete(handler as Handler<never>);
    },
    close: () => offs.forEach((off) => off()),
  };
}
export type FleetFeed = ReturnType<typeof createFleetFeed>;
