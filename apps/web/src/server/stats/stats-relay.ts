import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '../log.js';
import { can } from '../../lib/roles.js';
import { StatsSubscriptionMessageSchema } from '../../lib/socket/stats-messages.js';
import type { StatsSubscriptionMessage } from '../../lib/socket/stats-messages.js';
import {
  createSubscriptionCounts,
  toAgentParams,
  type StatsTarget,
} from './subscription-counts.js';
import { streamLimits } from '../limits.js';

const targetOf = (m: StatsSubscriptionMessage): StatsTarget =>
  m.containerId ? { kind: 'container', containerId: m.containerId } : { kind: 'host' };

/**
 * Live stats between agents and browsers: refcounted browser subscriptions become the union the
 * agent is subscribed to (again after each reconnect); `stats.batch` samples go to the browsers
 * watching each container (host samples to host watchers); `stats.summary` goes to every reader.
 */
export function registerStatsRelay(deps: {
  agentHub: AgentHub;
  uiHub: UiHub;
  log: Logger;
  /** Also told about every summary (the rollup job learns the live containers from it). */
  onSummary?: (hostId: string, containerIds: string[]) => void;
  maxPerSocket?: number;
}) {
  const { agentHub, uiHub, log } = deps;
  const maxPerSocket = deps.maxPerSocket ?? streamLimits.statsSubscriptionsPerSocket;
  const counts = createSubscriptionCounts();

  function tellAgent(hostId: string, kind: 'subscribe' | 'unsubscribe', targets: StatsTarget[]) {
    if (targets.length === 0 || !agentHub.isConnected(hostId)) return;
    const params = toAgentParams(targets);
    const call =
      kind === 'subscribe'
        ? agentHub.rpc(hostId, 'stats.subscribe', params)
        : agentHub.rpc(hostId, 'stats.unsubscribe', params);
    call.catch((err: unknown) => log.warn(`stats.${kind} on ${hostId}: ${String(err)}`));
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
      if (counts.add(socket.id, payload.hostId, target).first) {
        tellAgent(payload.hostId, 'subscribe', [target]);
      }
      return { subscribed: true };
    },
  );

  uiHub.handle(
    'stats.unsubscribe',
    StatsSubscriptionMessageSchema,
    ({ socket, payload }) => {
      const target = targetOf(payload);
      if (counts.remove(socket.id, payload.hostId, target).last) {
        tellAgent(payload.hostId, 'unsubscribe', [target]);
      }
      return { subscribed: false };
    },
    { recheck: false },
  );

  uiHub.onDisconnect((socket) => {
    const byHost = new Map<string, StatsTarget[]>();
    for (const ref of counts.removeSocket(socket.id)) {
      byHost.set(ref.hostId, [...(byHost.get(ref.hostId) ?? []), ref.target]);
    }
    for (const [hostId, targets] of byHost) tellAgent(hostId, 'unsubscribe', targets);
  });

  agentHub.onLifecycle({
    connected(hostId) {
      // The agent forgets subscriptions when its link drops.
      tellAgent(hostId, 'subscribe', counts.targetsOf(hostId));
    },
  });

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
    uiHub.emitToReaders('stats.summary', { hostId, ...summary });
    deps.onSummary?.(
      hostId,
      summary.containers.map((c) => c.id),
    );
  });
}
