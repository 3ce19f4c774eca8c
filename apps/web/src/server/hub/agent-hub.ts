import type { Namespace, Socket } from 'socket.io';
import {
  AgentAuthSchema,
  agentCompatibility,
  LEGACY_PROTOCOL,
  MIN_AGENT_PROTOCOL,
  PROTOCOL_VERSION,
  ProtocolError,
  serverEvents,
  RPC_EVENT,
  formatHandshakeRejection,
  parseAgentEvent,
  parseRpcResponse,
  rpcMethods,
  type AgentEvent,
  type AgentEventName,
  type AgentEventPayload,
  type ServerEventName,
  type ServerEventPayload,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
  type Compatibility,
  toWireError,
} from '@berth/protocol';
import type { HostsRepo } from '../hosts/hosts-repo.js';
import { digestEquals, sha256Hex } from '../auth/secrets.js';
import { toHostDto, type HostDto } from '../../lib/dto/host.js';
import type { Logger } from '@berth/log';
import { agentEventLimits } from '../limits.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';
import { localBus, type ClusterBus } from '../cluster/bus.js';
import { agentRoom, createAgentRouting } from '../cluster/agent-routing.js';
import type { AgentPresence } from '../cluster/presence-table.js';

export const HEARTBEAT_SEC = 15;

type LimitedEvent = keyof typeof agentEventLimits;
const isLimited = (name: string): name is LimitedEvent => Object.hasOwn(agentEventLimits, name);

/**
 * Per agent: one token bucket per rate-limited event. Events beyond the rate are dropped;
 * the drops are logged once per second per socket (with a count), not once per event.
 */
function eventRateGate(log: Logger, hostName: string, now: () => number) {
  const buckets = new Map<LimitedEvent, TokenBucket>();
  let dropped = 0;
  let reportedAt = 0;
  return (name: string): boolean => {
    if (!isLimited(name)) return true;
    let bucket = buckets.get(name);
    if (!bucket)
      buckets.set(name, (bucket = createTokenBucket({ ...agentEventLimits[name], now })));
    if (bucket.take()) return true;
    dropped += 1;
    if (now() - reportedAt >= 1000) {
      log.warn(
        `agent ${hostName}: ${name} beyond ${agentEventLimits[name].perSecond}/s (burst ${agentEventLimits[name].burst}): dropped ${dropped}`,
      );
      reportedAt = now();
      dropped = 0;
    }
    return false;
  };
}

export interface AgentHubDeps {
  namespace: Namespace;
  /** This web's release, told to agents on connect (the version exchange). */
  webVersion: string;
  hosts: HostsRepo;
  onHostChanged: (host: HostDto) => void;
  log: Logger;
  now?: () => Date;
  /** Other web replicas (default: none, one process). */
  bus?: ClusterBus;
}

/** A feature's handler for one agent event (validated before it is called). */
export type AgentEventHandler<E extends AgentEventName> = (
  hostId: string,
  payload: AgentEventPayload<E>,
) => void | Promise<void>;

export interface AgentLifecycleListener {
  /** After the agent's socket is accepted (before its hello); on the replica holding it only. */
  connected?(hostId: string): void | Promise<void>;
  /**
   * After the host's socket is gone (disconnect, revoke, replaced, its replica died): on every
   * replica, since sessions relayed through any of them die with the agent's link.
   */
  disconnected?(hostId: string): void | Promise<void>;
}

interface AgentData {
  hostId: string;
  hostName: string;
  since: number;
  compat: Compatibility;
}

/** Predicate of a shared event: whether other replicas may need this one. */
type ShareWhen = (hostId: string, payload: never) => boolean;

/**
 * What an agent this web cannot drive may still do: say hello (its facts show what it runs),
 * heartbeat, and report an upgrade's outcome; the web sends it nothing but `agent.upgrade`.
 */
const LIMITED_EVENTS = new Set(['agent.hello', 'agent.heartbeat', 'agent.upgrade.result']);
const LIMITED_RPCS = new Set<RpcMethod>(['agent.upgrade']);

/**
 * The agents' side of the hub: authenticates /agent handshakes with the host credential,
 * tracks one socket per host, stores what agents report, and makes typed RPC calls to them.
 */
export function createAgentHub(deps: AgentHubDeps) {
  const now = deps.now ?? (() => new Date());
  const sockets = new Map<string, Socket>();
  const handlers = new Map<AgentEventName, Set<AgentEventHandler<never>>>();
  const lifecycle = new Set<AgentLifecycleListener>();
  const rateGates = new Map<string, (eventName: string) => boolean>();
  const bus = deps.bus ?? localBus('local');
  const shared = new Map<AgentEventName, ShareWhen>();

  const presenceOf = (s: Socket): AgentPresence => ({
    hostId: (s.data as AgentData).hostId,
    replicaId: bus.replicaId,
    socketId: s.id,
    since: (s.data as AgentData).since,
  });
  const routing = createAgentRouting({
    bus,
    namespace: deps.namespace,
    log: deps.log,
    localAgents: () => [...sockets.values()].map(presenceOf),
    superseded(hostId) {
      sockets.get(hostId)?.disconnect(true);
    },
    remoteDisconnected: (hostId) => notify('disconnected', hostId),
    remoteEvent(hostId, name, payload) {
      let event: AgentEvent;
      try {
        event = parseAgentEvent(name, payload);
      } catch (err) {
        deps.log.warn(`cluster: shared agent event rejected: ${String(err)}`);
        return;
      }
      if (!shared.has(event.name)) return;
      void runHandlers(hostId, event).catch((err: unknown) =>
        deps.log.error(`agent ${hostId}: shared ${event.name} failed: ${String(err)}`),
      );
    },
    cut: (hostId, reason) => cutLocal(hostId, reason),
  });

  function notify(kind: keyof AgentLifecycleListener, hostId: string) {
    for (const l of lifecycle) {
      Promise.resolve(l[kind]?.(hostId)).catch((err: unknown) =>
        deps.log.error(`agent ${hostId}: ${kind} listener failed: ${String(err)}`),
      );
    }
  }

  async function publish(hostId: string) {
    const row = await deps.hosts.findById(hostId);
    if (row) deps.onHostChanged(toHostDto(row));
  }

  deps.namespace.use((socket, next) => {
    authenticate(socket).then(
      (data) => {
        socket.data = data;
        next();
      },
      (err: unknown) => {
        next(new Error(err instanceof Error ? err.message : 'UNAUTHENTICATED: handshake failed'));
      },
    );
  });

  async function authenticate(socket: Socket): Promise<AgentData> {
    const auth = AgentAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      throw new Error(formatHandshakeRejection('UNAUTHENTICATED', 'malformed agent auth'));
    }
    const host = await deps.hosts.findById(auth.data.hostId);
    if (host?.status === 'revoked') {
      throw new Error(formatHandshakeRejection('REVOKED', `host ${host.name} was revoked`));
    }
    if (
      !host?.credentialHash ||
      !digestEquals(host.credentialHash, sha256Hex(auth.data.credential))
    ) {
      throw new Error(
        formatHandshakeRejection('UNAUTHENTICATED', 'unknown host or wrong credential'),
      );
    }
    const compat = agentCompatibility(
      {
        agentVersion: auth.data.agentVersion,
        protocolVersion: auth.data.protocolVersion ?? LEGACY_PROTOCOL,
      },
      {
        webVersion: deps.webVersion,
        protocolVersion: PROTOCOL_VERSION,
        minAgentProtocol: MIN_AGENT_PROTOCOL,
      },
    );
    return { hostId: host.id, hostName: host.name, since: now().getTime(), compat };
  }

  /** Hosts whose agent this web cannot drive (connected in the limited mode). */
  const limited = new Map<string, string>();

  deps.namespace.on('connection', (socket) => {
    const { hostId, hostName, compat } = socket.data as AgentData;
    const previous = sockets.get(hostId);
    sockets.set(hostId, socket);
    if (previous && previous.id !== socket.id) previous.disconnect(true);
    void socket.join(agentRoom(hostId));
    routing.up(presenceOf(socket));
    if (compat.compatible) limited.delete(hostId);
    else limited.set(hostId, compat.reason);
    deps.log.info(`agent connected: host ${hostName} (${hostId})`);
    if (!compat.compatible)
      deps.log.warn(`agent ${hostName} is connected for an upgrade only: ${compat.reason}`);
    socket.emit('server.welcome', {
      hostId,
      hostName,
      heartbeatSec: HEARTBEAT_SEC,
      webVersion: deps.webVersion,
      protocolVersion: PROTOCOL_VERSION,
      compatible: compat.compatible,
      reason: compat.reason,
    });
    // features (inventories, terminals, stats) only ever see agents they can talk to
    if (compat.compatible) notify('connected', hostId);
    // Kept per host, not per socket: reconnecting does not refill the buckets.
    let withinRate = rateGates.get(hostId);
    if (!withinRate) {
      withinRate = eventRateGate(deps.log, hostName, () => now().getTime());
      rateGates.set(hostId, withinRate);
    }
    const gate = withinRate;

    socket.onAny((name: unknown, ...args: unknown[]) => {
      const ack =
        typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : null;
      if (!compat.compatible && !(typeof name === 'string' && LIMITED_EVENTS.has(name))) {
        ack?.({
          ok: false,
          error: {
            code: 'FAILED_PRECONDITION',
            message: `this web cannot drive the agent: ${compat.reason}`,
          },
        });
        return;
      }
      if (typeof name === 'string' && !gate(name)) {
        ack?.({
          ok: false,
          error: { code: 'RESOURCE_EXHAUSTED', message: `${name} rate exceeded` },
        });
        return;
      }
      let event: AgentEvent;
      try {
        if (typeof name !== 'string')
          throw new ProtocolError('INVALID_ARGUMENT', 'event name is not a string');
        event = parseAgentEvent(name, args[0]);
      } catch (err) {
        const wire = toWireError(err);
        deps.log.warn(`agent ${hostId}: rejected event: ${wire.message}`);
        socket.emit('error', wire);
        ack?.({ ok: false, error: wire });
        return;
      }
      handle(hostId, event).then(
        () => ack?.({ ok: true, result: {} }),
        (err: unknown) => {
          deps.log.error(`agent ${hostId}: handling ${event.name} failed: ${String(err)}`);
          ack?.({ ok: false, error: toWireError(err) });
        },
      );
    });

    socket.on('disconnect', (reason) => {
      if (sockets.get(hostId) !== socket) return;
      sockets.delete(hostId);
      routing.down(hostId, socket.id);
      limited.delete(hostId);
      if (compat.compatible) notify('disconnected', hostId);
      deps.log.info(`agent disconnected: host ${hostName} (${reason})`);
      // Already connected again through another replica: that one marked it online.
      if (routing.remote(hostId)) return;
      deps.hosts
        .markOffline(hostId)
        .then(() => publish(hostId))
        .catch((err: unknown) => deps.log.error(`marking ${hostId} offline: ${String(err)}`));
    });
  });

  async function handle(hostId: string, event: AgentEvent) {
    // A socket cut by revoke may still deliver a buffered event: never resurrect the host.
    if (!sockets.has(hostId)) return;
    const when = bus.clustered ? shared.get(event.name) : undefined;
    if (when?.(hostId, event.payload as never)) routing.share(hostId, event.name, event.payload);
    await runHandlers(hostId, event);
    switch (event.name) {
      case 'agent.hello': {
        const current = await deps.hosts.findById(hostId);
        if (!current || current.status === 'revoked') return;
        await deps.hosts.markOnline(hostId, event.payload.facts, now());
        await publish(hostId);
        return;
      }
      case 'agent.heartbeat':
        await deps.hosts.touch(hostId, now());
        return;
      default:
        return;
    }
  }

  async function runHandlers(hostId: string, event: AgentEvent) {
    const featureHandlers = handlers.get(event.name);
    if (!featureHandlers) return;
    await Promise.all(
      [...featureHandlers].map((h) =>
        (h as AgentEventHandler<typeof event.name>)(hostId, event.payload as never),
      ),
    );
  }

  /**
   * Why a host cannot be asked now, naming it as people know it: "host web-2 is offline…".
   * NOT_FOUND for a host that does not exist (the id never appears in a message).
   */
  async function notConnected(hostId: string): Promise<ProtocolError> {
    const row = await deps.hosts.findById(hostId).catch(() => null);
    if (!row) return new ProtocolError('NOT_FOUND', 'no such host');
    if (row.status === 'revoked') {
      return new ProtocolError('UNAVAILABLE', `host ${row.name} is revoked: it cannot be reached`);
    }
    if (row.status === 'pending' && !row.enrolledAt) {
      return new ProtocolError(
        'UNAVAILABLE',
        `host ${row.name} has no agent yet: run its join command on the machine`,
      );
    }
    return new ProtocolError(
      'UNAVAILABLE',
      `host ${row.name} is offline: its agent is not connected; try again when it is back`,
    );
  }

  /** Throws (UNAVAILABLE, by the host's name) unless the host's agent is connected. */
  async function requireOnline(hostId: string): Promise<void> {
    if (!sockets.has(hostId) && !routing.remote(hostId)) throw await notConnected(hostId);
  }

  /**
   * Call an RPC method on a host's agent, whichever replica holds its socket. UNAVAILABLE when
   * offline, DEADLINE_EXCEEDED on timeout.
   */
  async function rpc<M extends RpcMethod>(
    hostId: string,
    method: M,
    params: RpcParams<M>,
    timeoutMs = 10_000,
  ): Promise<RpcResult<M>> {
    const socket = sockets.get(hostId);
    const cannot = limited.get(hostId);
    if (cannot !== undefined && !LIMITED_RPCS.has(method))
      throw new ProtocolError(
        'FAILED_PRECONDITION',
        `the host's agent needs an upgrade: ${cannot}`,
      );
    if (!socket && !routing.remote(hostId)) throw await notConnected(hostId);
    const hostName = socket ? (socket.data as AgentData).hostName : hostId;
    const checked = rpcMethods[method].params.safeParse(params);
    if (!checked.success) throw new ProtocolError('INVALID_ARGUMENT', `bad params for ${method}`);
    if (!socket) {
      const raw = await routing.rpc(hostId, { method, params: checked.data }, timeoutMs);
      return parseRpcResponse(method, raw);
    }
    let raw: unknown;
    try {
      raw = await socket
        .timeout(timeoutMs)
        .emitWithAck(RPC_EVENT, { method, params: checked.data });
    } catch {
      if (!socket.connected) {
        throw new ProtocolError(
          'UNAVAILABLE',
          `host ${hostName} disconnected before it answered; try again when it is back`,
        );
      }
      throw new ProtocolError(
        'DEADLINE_EXCEEDED',
        `host ${hostName} did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`,
      );
    }
    return parseRpcResponse(method, raw);
  }

  /** Tell the agent it is revoked, then cut its socket at once (whichever replica holds it). */
  function cutHost(hostId: string, reason: string) {
    routing.cut(hostId, reason);
    cutLocal(hostId, reason);
  }

  function cutLocal(hostId: string, reason: string) {
    const socket = sockets.get(hostId);
    if (!socket) return;
    sockets.delete(hostId);
    routing.down(hostId, socket.id);
    rateGates.delete(hostId);
    if (!limited.delete(hostId)) notify('disconnected', hostId);
    socket.emit('server.revoked', { reason });
    socket.disconnect(true);
  }

  /** Features subscribe to agent events here instead of editing this file. Returns an unsubscribe. */
  function on<E extends AgentEventName>(name: E, handler: AgentEventHandler<E>): () => void {
    let set = handlers.get(name);
    if (!set) handlers.set(name, (set = new Set()));
    set.add(handler as AgentEventHandler<never>);
    return () => set.delete(handler as AgentEventHandler<never>);
  }

  function onLifecycle(listener: AgentLifecycleListener): () => void {
    lifecycle.add(listener);
    return () => lifecycle.delete(listener);
  }

  /** Send a server event (validated) to a host's agent; false when the host is offline. */
  function emit<E extends ServerEventName>(
    hostId: string,
    name: E,
    payload: ServerEventPayload<E>,
  ): boolean {
    const socket = sockets.get(hostId);
    const remote = socket ? undefined : routing.remote(hostId);
    if (!socket && !remote) return false;
    const checked = serverEvents[name].safeParse(payload);
    if (!checked.success) throw new ProtocolError('INVALID_ARGUMENT', `bad payload for ${name}`);
    if (socket) socket.emit(name, checked.data);
    else routing.emit(hostId, name, checked.data);
    return true;
  }

  /**
   * Other replicas also get this agent event (when `when` says so), and their handlers run on
   * it: for streams whose browser may sit on another replica (terminal output, log lines, pull
   * progress, live stats). Events not shared are handled only where the agent's socket is.
   */
  function share<E extends AgentEventName>(
    name: E,
    when: (hostId: string, payload: AgentEventPayload<E>) => boolean = () => true,
  ) {
    shared.set(name, when as ShareWhen);
  }

  return {
    rpc,
    requireOnline,
    cutHost,
    on,
    onLifecycle,
    emit,
    share,
    /** Connected to this replica or, as last heard, to another one. */
    isConnected: (hostId: string) => sockets.has(hostId) || routing.remote(hostId) !== undefined,
    /** The agent's socket is on this replica (its connected-side work happens here). */
    isLocal: (hostId: string) => sockets.has(hostId),
    connectedHostIds: () => [...new Set([...sockets.keys(), ...routing.remoteHostIds()])],
    close() {
      routing.close();
      for (const s of sockets.values()) s.disconnect(true);
      sockets.clear();
    },
  };
}
export type AgentHub = ReturnType<typeof createAgentHub>;
