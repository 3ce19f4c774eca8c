import type { ContainerSummary, StatsSummaryEvent } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { FleetFeed } from './fleet-feed.js';

export interface HeartbeatInfo {
  /** When the web received it (ms). */
  receivedAt: number;
  /** The agent's clock when it sent it (ms). */
  sentAt: number;
}

/** What the agents last told the web, per host, kept in memory (nothing here is stored). */
export interface LiveHost {
  connected: boolean;
  /** The full container list of the last `inventory.containers` (with restart counts). */
  containers: ContainerSummary[];
  summary: StatsSummaryEvent | null;
  summaryReceivedAt: number | null;
  heartbeat: HeartbeatInfo | null;
}

/**
 * The fleet as the live streams describe it right now (read by the metrics endpoint), on every
 * replica: agents connected here or elsewhere (the feed forwards theirs). Agents resend their
 * inventory and a stats summary on every connect, so this converges after a restart of either
 * side.
 */
export function createLiveFleet(deps: { agentHub: AgentHub; feed: FleetFeed; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const hosts = new Map<string, LiveHost>();

  const hostOf = (hostId: string): LiveHost => {
    let h = hosts.get(hostId);
    if (!h) {
      h = {
        connected: false,
        containers: [],
        summary: null,
        summaryReceivedAt: null,
        heartbeat: null,
      };
      hosts.set(hostId, h);
    }
    return h;
  };

  const offs = [
    deps.feed.on('inventory.containers', (hostId, payload) => {
      hostOf(hostId).containers = payload.containers;
    }),
    deps.feed.on('stats.summary', (hostId, summary) => {
      const h = hostOf(hostId);
      h.summary = summary;
      h.summaryReceivedAt = now();
    }),
    deps.feed.on('agent.heartbeat', (hostId, beat) => {
      hostOf(hostId).heartbeat = { receivedAt: now(), sentAt: beat.ts };
    }),
    deps.agentHub.onLifecycle({
      disconnected: (hostId) => {
        // Numbers from a host that is gone would only mislead: the list stays for names.
        const h = hostOf(hostId);
        h.summary = null;
        h.summaryReceivedAt = null;
      },
    }),
  ];

  return {
    /** The live view of one host; `connected` is the cluster's view (this replica or another). */
    host: (hostId: string): LiveHost => ({
      ...(hosts.get(hostId) ?? hostOf(hostId)),
      connected: deps.agentHub.isConnected(hostId),
    }),
    /** Round trip of a ping to the host's agent (seconds), or null when it is not reachable. */
    async rtt(hostId: string, timeoutMs = 2000): Promise<number | null> {
      if (!deps.agentHub.isConnected(hostId)) return null;
      const t0 = performance.now();
      try {
        await deps.agentHub.rpc(hostId, 'system.ping', {}, timeoutMs);
        return (performance.now() - t0) / 1000;
      } catch {
        return null;
      }
    },
    close: () => offs.forEach((off) => off()),
  };
}
export type LiveFleet = ReturnType<typeof createLiveFleet>;
