import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { can } from '../../lib/roles.js';
import { StatsSubscriptionMessageSchema } from '../../lib/socket/stats-messages.js';
import type {
  StatsSubscriptionMessage,
  StatsSummaryUiEvent,
} from '../../lib/socket/stats-messages.js';
import { z } from 'zod';
import {
  createSubscriptionCounts,
  toAgentParams,
  type StatsTarget,
} from './subscription-counts.js';
import { localBus, type ClusterBus } from '../cluster/bus.js';
import { createFleetInterest, keyOfTarget, targetOfKey, type TargetKey } from './fleet-interest.js';
import { streamLimits } from '../limits.js';

const targetOf = (m: StatsSubscriptionMessage): StatsTarget =>
  m.containerId ? { kind: 'container', containerId: m.containerId } : { kind: 'host' };

/**
 * Live stats between agents and browsers: refcounted browser subscriptions, on every replica,
 * become the union the agent is subscribed to (again after each reconnect). The replica holding
 * the agent's socket tells the agent that union (its own browsers' and the other replicas'
 * published interest) and shares `stats.batch` with the others only while one of them watches
 * that host; each replica sends the samples to its own browsers watching each container (host
 * samples to host watchers). `stats.summary` goes to every reader once, from the holder.
 */
export function registerStatsRelay(deps: {
  agentHub: AgentHub;
  uiHub: UiHub;
  log: Logger;
  bus?: ClusterBus;
  /** Also told about every summary (the rollup job learns the live containers from it). */
  onSummary?: (hostId: string, containerIds: string[]) => void;
  maxPerSocket?: number;
}) {
  const { agentHub, uiHub, log } = deps;
  const maxPerSocket = deps.maxPerSocket ?? streamLimits.statsSubscriptionsPerSocket;
  const counts = createSubscriptionCounts();
  const bus = deps.bus ?? localBus('local');
  /** What each held agent was told it is subscribed to, and the pending sync per host. */
  const told = new Map<string, Set<TargetKey>>();
  const syncing = new Map<string, Promise<void>>();
  const localKeys = (hostId: string) => counts.targetsOf(hostId).map(keyOfTarget);

  const interest = createFleetInterest({
    bus,
    onRemoteChange: (hostId) => sync(hostId),
    localHosts: () => counts.hostIds().map((hostId) => ({ hostId, keys: localKeys(hostId) })),
  });

  /** Brings the agent's set to the fleet's union (only where its socket is; one call at a time). */
  function sync(hostId: string) {
    if (!agentHub.isLocal(hostId)) return;
    const prev = syncing.get(hostId) ?? Promise.resolve();
    const run = prev.then(() => syncNow(hostId));
    syncing.set(hostId, run);
    void run.finally(() => {
      if (syncing.get(hostId) === run) syncing.delete(hostId);
    });
  }

  async function syncNow(hostId: string) {
    if (!agentHub.isLocal(hostId)) return;
    const want = new Set([...localKeys(hostId), ...interest.remoteKeys(hostId)]);
    const had = told.get(hostId) ?? new Set<TargetKey>();
    const add = [...want].filter((k) => !had.has(k)).map(targetOfKey);
    const drop = [...had].filter((k) => !want.has(k)).map(targetOfKey);
    told.set(hostId, want);
    try {
      if (add.length > 0) await agentHub.rpc(hostId, 'stats.subscribe', toAgentParams(add));
      if (drop.length > 0) await agentHub.rpc(hostId, 'stats.unsubscribe', toAgentParams(drop));
    } catch (err) {
      // Resent from scratch on the next change or reconnect.
      told.delete(hostId);
      log.warn(`stats subscriptions on ${hostId}: ${String(err)}`);
    }
  }

  /** This replica's interest in a host changed: tell the fleet and, if the agent is here, it. */
  function changed(hostIds: Iterable<string>) {
    for (const hostId of new Set(hostIds)) {
      interest.publish(hostId, localKeys(hostId));
      sync(hostId);
    }
  }

  uiHub.handle(
    'stats.subscribe',
    StatsSubscriptionMessageSchema,
    ({ socket, principal, payload }) => {
      if (!can(principal.role, 'containers.read')) {
        throw new ProtocolError(
          'PERMISSION_DENIED',
          `your role (${principal.role}) may not read stats`,
        );
      }
      const target = targetOf(payload);
      if (
        !counts.watches(socket.id, payload.hostId, target) &&
        counts.targetCountOf(socket.id) >= maxPerSocket
      ) {
        throw new ProtocolError(
          'RESOURCE_EXHAUSTED',
          `too many stats subscriptions on this connection: at most ${maxPerSocket}`,
        );
      }
      if (counts.add(socket.id, payload.hostId, target).first) changed([payload.hostId]);
      return { subscribed: true };
    },
  );

  uiHub.handle(
    'stats.unsubscribe',
    StatsSubscriptionMessageSchema,
    ({ socket, payload }) => {
      const target = targetOf(payload);
      if (counts.remove(socket.id, payload.hostId, target).last) changed([payload.hostId]);
      return { subscribed: false };
    },
    { recheck: false },
  );

  uiHub.onDisconnect((socket) => {
    changed(counts.removeSocket(socket.id).map((ref) => ref.hostId));
  });

  agentHub.onLifecycle({
    connected(hostId) {
      // The agent forgets subscriptions when its link drops.
      told.delete(hostId);
      sync(hostId);
    },
    disconnected(hostId) {
      if (!agentHub.isLocal(hostId)) told.delete(hostId);
      lastSummary.delete(hostId);
    },
  });

  /**
   * The newest summary of each host held here: a page that opens now shows "Top by CPU" and
   * the list's numbers at once, not after the next summary (up to 10 s later).
   */
  const lastSummary = new Map<string, StatsSummaryUiEvent>();
  uiHub.handle('stats.summaries', z.object({}).strict(), ({ principal }) => {
    if (!can(principal.role, 'containers.read')) {
      throw new ProtocolError('PERMISSION_DENIED', 'not allowed to read stats');
    }
    return { summaries: [...lastSummary.values()] };
  });

  agentHub.share('stats.batch', (hostId) => interest.hasRemote(hostId));
  agentHub.on('stats.batch', (hostId, batch) => {
    for (const sample of batch.samples) {
      const target: StatsTarget = { kind: 'container', containerId: sample.containerId };
      for (const socketId of counts.socketsFor(hostId, target)) {
        uiHub.emitTo(socketId, 'stats.sample', { hostId, sample });
      }
    }
    if (batch.host) {
      for (const socketId of counts.socketsFor(hostId, { kind: 'host' })) {
        uiHub.emitTo(socketId, 'stats.host', { hostId, sample: batch.host });
      }
    }
  });

  agentHub.on('stats.summary', (hostId, summary) => {
    lastSummary.set(hostId, { hostId, ...summary });
    uiHub.emitToReaders('stats.summary', { hostId, ...summary });
    deps.onSummary?.(
      hostId,
      summary.containers.map((c) => c.id),
    );
  });

  return { close: () => interest.close() };
}
