import { z } from 'zod';
import type { ClusterBus } from '../cluster/bus.js';
import { PRESENCE_PERIOD_MS, PRESENCE_TTL_MS } from '../cluster/agent-routing.js';
import type { StatsTarget } from './subscription-counts.js';

/** A target as a string: `host` or `c:<containerId>`. */
export type TargetKey = string;
export const keyOfTarget = (t: StatsTarget): TargetKey =>
  t.kind === 'host' ? 'host' : `c:${t.containerId}`;
export const targetOfKey = (k: TargetKey): StatsTarget =>
  k === 'host' ? { kind: 'host' } : { kind: 'container', containerId: k.slice(2) };

const key = z.string().min(1).max(200);
const id = z.string().min(1).max(128);
const HostInterestSchema = z.object({
  replicaId: id,
  hostId: id,
  keys: z.array(key).max(10_000),
});
const AllInterestSchema = z.object({
  replicaId: id,
  hosts: z.array(z.object({ hostId: id, keys: z.array(key).max(10_000) })).max(100_000),
});

/**
 * Which live stats series the browsers on the OTHER replicas watch, per host. The agent keeps a
 * plain set of subscriptions, so the replica holding an agent's socket must tell it the union of
 * every replica's interest: each replica publishes its own set for a host when it changes and
 * all of them every few seconds; a replica silent for the presence TTL is forgotten (its browsers
 * died with it). The holder also shares `stats.batch` with the others only while one of them has
 * an interest in that host.
 */
export function createFleetInterest(deps: {
  bus: ClusterBus;
  /** The other replicas' interest in a host changed. */
  onRemoteChange(hostId: string): void;
  /** This replica's own interest, for the periodic full list. */
  localHosts(): { hostId: string; keys: TargetKey[] }[];
  now?: () => number;
}) {
  const { bus } = deps;
  const now = deps.now ?? Date.now;
  // replica → host → keys
  const remote = new Map<string, Map<string, Set<TargetKey>>>();
  const heardAt = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  function set(replicaId: string, hostId: string, keys: readonly TargetKey[]) {
    heardAt.set(replicaId, now());
    let hosts = remote.get(replicaId);
    if (!hosts) remote.set(replicaId, (hosts = new Map()));
    const before = hosts.get(hostId);
    const next = new Set(keys);
    if (next.size === 0) hosts.delete(hostId);
    else hosts.set(hostId, next);
    const same = before
      ? before.size === next.size && [...next].every((k) => before.has(k))
      : next.size === 0;
    if (!same) deps.onRemoteChange(hostId);
  }

  const offs: (() => void)[] = [];
  if (bus.clustered) {
    offs.push(
      bus.subscribe('stats.interest', HostInterestSchema, (m) =>
        set(m.replicaId, m.hostId, m.keys),
      ),
      bus.subscribe('stats.interest.all', AllInterestSchema, (m) => {
        const listed = new Set(m.hosts.map((h) => h.hostId));
        for (const hostId of [...(remote.get(m.replicaId)?.keys() ?? [])]) {
          if (!listed.has(hostId)) set(m.replicaId, hostId, []);
        }
        for (const h of m.hosts) set(m.replicaId, h.hostId, h.keys);
      }),
    );
    timer = setInterval(() => {
      bus.publish('stats.interest.all', { replicaId: bus.replicaId, hosts: deps.localHosts() });
      const t = now();
      for (const [replicaId, at] of heardAt) {
        if (t - at <= PRESENCE_TTL_MS) continue;
        heardAt.delete(replicaId);
        const hosts = remote.get(replicaId);
        remote.delete(replicaId);
        for (const hostId of hosts?.keys() ?? []) deps.onRemoteChange(hostId);
      }
    }, PRESENCE_PERIOD_MS);
    timer.unref();
  }

  return {
    /** This replica's set for a host changed. */
    publish(hostId: string, keys: TargetKey[]) {
      bus.publish('stats.interest', { replicaId: bus.replicaId, hostId, keys });
    },
    /** Union of the other replicas' keys for a host. */
    remoteKeys(hostId: string): Set<TargetKey> {
      const out = new Set<TargetKey>();
      for (const hosts of remote.values()) for (const k of hosts.get(hostId) ?? []) out.add(k);
      return out;
    },
    hasRemote(hostId: string): boolean {
      for (const hosts of remote.values()) if (hosts.has(hostId)) return true;
      return false;
    },
    close() {
      if (timer) clearInterval(timer);
      offs.forEach((off) => off());
    },
  };
}
export type FleetInterest = ReturnType<typeof createFleetInterest>;
