import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { ProtocolError, RPC_EVENT } from '@berth/protocol';
import type { Logger } from '@berth/log';
import type { ClusterBus } from './bus.js';
import { createPresenceTable, isNewer, type AgentPresence } from './presence-table.js';

/** socket.io room every agent socket joins: how another replica reaches it through the adapter. */
export const agentRoom = (hostId: string) => `host:${hostId}`;

/** How often each replica lists its agents; a replica silent for 3 periods is taken for dead. */
export const PRESENCE_PERIOD_MS = 5_000;
export const PRESENCE_TTL_MS = 3 * PRESENCE_PERIOD_MS;

const id = z.string().min(1).max(128);
const PresenceSchema = z.object({ hostId: id, replicaId: id, socketId: id, since: z.number() });
const DownSchema = z.object({ hostId: id, socketId: id });
const ListSchema = z.object({ replicaId: id, agents: z.array(PresenceSchema).max(100_000) });
const AskSchema = z.object({ replicaId: id });
const EventSchema = z.object({ hostId: id, name: z.string().max(128), payload: z.unknown() });
const CutSchema = z.object({ hostId: id, reason: z.string().max(1000) });

export interface AgentRoutingDeps {
  bus: ClusterBus;
  namespace: Namespace;
  log: Logger;
  now?: () => number;
  /** This replica's agent connections (for the periodic list). */
  localAgents(): AgentPresence[];
  /** A newer connection of a host this replica holds appeared elsewhere: drop the local one. */
  superseded(hostId: string, by: AgentPresence): void;
  /** The host's connection on another replica is gone (its sessions died with it). */
  remoteDisconnected(hostId: string): void;
  /** An agent event another replica received and shared (validated again by the hub). */
  remoteEvent(hostId: string, name: string, payload: unknown): void;
  /** Another replica revoked a host whose socket may be here. */
  cut(hostId: string, reason: string): void;
}

/**
 * The cluster side of the agent hub: tells the other replicas which agents this one holds,
 * keeps their view of the fleet, shares agent events with them, and reaches an agent held by
 * another replica through the adapter (its room), RPCs included (broadcast with ack).
 */
export function createAgentRouting(deps: AgentRoutingDeps) {
  const { bus, namespace, log } = deps;
  const now = deps.now ?? Date.now;
  const presence = createPresenceTable(now);
  const offs: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  const lost = (list: AgentPresence[]) => {
    for (const p of list) deps.remoteDisconnected(p.hostId);
  };
  const listMine = () =>
    bus.publish('agent.list', { replicaId: bus.replicaId, agents: deps.localAgents() });

  if (bus.clustered) {
    offs.push(
      bus.subscribe('agent.up', PresenceSchema, (p) => {
        if (!presence.up(p)) return;
        const mine = deps.localAgents().find((a) => a.hostId === p.hostId);
        if (mine && isNewer(p, mine)) deps.superseded(p.hostId, p);
      }),
      bus.subscribe('agent.down', DownSchema, (d) => {
        presence.down(d.hostId, d.socketId);
        deps.remoteDisconnected(d.hostId);
      }),
      bus.subscribe('agent.list', ListSchema, (l) => lost(presence.replace(l.replicaId, l.agents))),
      bus.subscribe('presence.ask', AskSchema, () => listMine()),
      bus.subscribe('agent.event', EventSchema, (e) =>
        deps.remoteEvent(e.hostId, e.name, e.payload),
      ),
      bus.subscribe('agent.cut', CutSchema, (c) => deps.cut(c.hostId, c.reason)),
    );
    timer = setInterval(() => {
      listMine();
      lost(presence.expire(PRESENCE_TTL_MS));
    }, PRESENCE_PERIOD_MS);
    timer.unref();
    bus.publish('presence.ask', { replicaId: bus.replicaId });
  }

  return {
    up(p: AgentPresence) {
      bus.publish('agent.up', p);
    },
    down(hostId: string, socketId: string) {
      bus.publish('agent.down', { hostId, socketId });
    },
    /** Held by another replica (as last heard). */
    remote: (hostId: string) => presence.get(hostId),
    remoteHostIds: () => presence.hostIds(),
    share(hostId: string, name: string, payload: unknown) {
      bus.publish('agent.event', { hostId, name, payload });
    },
    cut(hostId: string, reason: string) {
      bus.publish('agent.cut', { hostId, reason });
    },
    /** An RPC to an agent held by another replica: its answer, or UNAVAILABLE / DEADLINE_EXCEEDED. */
    async rpc(hostId: string, request: unknown, timeoutMs: number): Promise<unknown> {
      if (!bus.clustered) throw new ProtocolError('UNAVAILABLE', `host ${hostId} is not connected`);
      let answers: unknown[];
      try {
        answers = (await namespace
          .to(agentRoom(hostId))
          .timeout(timeoutMs)
          .emitWithAck(RPC_EVENT, request)) as unknown[];
      } catch {
        if (!presence.get(hostId))
          throw new ProtocolError('UNAVAILABLE', `host ${hostId} disconnected`);
        throw new ProtocolError(
          'DEADLINE_EXCEEDED',
          `rpc on host ${hostId} (another replica) timed out after ${timeoutMs} ms`,
        );
      }
      if (answers.length === 0) {
        throw new ProtocolError('UNAVAILABLE', `host ${hostId} is not connected`);
      }
      if (answers.length > 1) log.warn(`host ${hostId}: ${answers.length} sockets answered an rpc`);
      return answers[0];
    },
    /** A server event to an agent held by another replica (fire and forget). */
    emit(hostId: string, name: string, payload: unknown) {
      namespace.to(agentRoom(hostId)).emit(name, payload);
    },
    close() {
      if (timer) clearInterval(timer);
      offs.forEach((off) => off());
    },
  };
}
export type AgentRouting = ReturnType<typeof createAgentRouting>;
