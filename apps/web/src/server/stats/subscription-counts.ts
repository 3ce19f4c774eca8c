/**
 * Reference counts of browser stats subscriptions per (host, target), where the target is a
 * container id or the host itself. The relay sends the agent `stats.subscribe` when a target
 * gets its first viewer and `stats.unsubscribe` when its last one leaves. Pure.
 */
export type StatsTarget = { kind: 'container'; containerId: string } | { kind: 'host' };

export interface TargetRef {
  hostId: string;
  target: StatsTarget;
}

const HOST = '@host';
const keyOf = (hostId: string, t: StatsTarget) =>
  `${hostId}\u0000${t.kind === 'host' ? HOST : t.containerId}`;
const refOf = (key: string): TargetRef => {
  const [hostId, id] = key.split('\u0000') as [string, string];
  return {
    hostId,
    target: id === HOST ? { kind: 'host' } : { kind: 'container', containerId: id },
  };
};

export interface SubscriptionCounts {
  /** One more viewer on `socketId`; `first` when the target had none before. */
  add(socketId: string, hostId: string, target: StatsTarget): { first: boolean };
  /** One viewer less; `last` when the target has none left. Unknown pairs change nothing. */
  remove(socketId: string, hostId: string, target: StatsTarget): { last: boolean };
  /** Drop every viewer of a socket; returns the targets left without viewers. */
  removeSocket(socketId: string): TargetRef[];
  /** Sockets watching a target (each once). */
  socketsFor(hostId: string, target: StatsTarget): string[];
  /** Targets of a host with at least one viewer (to resubscribe after the agent reconnects). */
  targetsOf(hostId: string): StatsTarget[];
  /** Hosts with at least one watched target. */
  hostIds(): string[];
  /** Whether `socketId` already watches the target. */
  watches(socketId: string, hostId: string, target: StatsTarget): boolean;
  /** Distinct targets `socketId` watches. */
  targetCountOf(socketId: string): number;
}

export function createSubscriptionCounts(): SubscriptionCounts {
  // key → socketId → count (a tab may show the same container twice).
  const byKey = new Map<string, Map<string, number>>();

  function decrement(key: string, socketId: string, all: boolean): boolean {
    const sockets = byKey.get(key);
    const n = sockets?.get(socketId);
    if (!sockets || n === undefined) return false;
    if (all || n <= 1) sockets.delete(socketId);
    else sockets.set(socketId, n - 1);
    if (sockets.size > 0) return false;
    byKey.delete(key);
    return true;
  }

  return {
    add(socketId, hostId, target) {
      const key = keyOf(hostId, target);
      let sockets = byKey.get(key);
      const first = !sockets;
      if (!sockets) byKey.set(key, (sockets = new Map()));
      sockets.set(socketId, (sockets.get(socketId) ?? 0) + 1);
      return { first };
    },
    remove(socketId, hostId, target) {
      return { last: decrement(keyOf(hostId, target), socketId, false) };
    },
    removeSocket(socketId) {
      const emptied: TargetRef[] = [];
      for (const [key, sockets] of [...byKey]) {
        if (sockets.has(socketId) && decrement(key, socketId, true)) emptied.push(refOf(key));
      }
      return emptied;
    },
    socketsFor(hostId, target) {
      return [...(byKey.get(keyOf(hostId, target))?.keys() ?? [])];
    },
    targetsOf(hostId) {
      const prefix = `${hostId}\u0000`;
      return [...byKey.keys()].filter((k) => k.startsWith(prefix)).map((k) => refOf(k).target);
    },
    hostIds: () => [...new Set([...byKey.keys()].map((k) => refOf(k).hostId))],
    watches: (socketId, hostId, target) => byKey.get(keyOf(hostId, target))?.has(socketId) ?? false,
    targetCountOf(socketId) {
      let n = 0;
      for (const sockets of byKey.values()) if (sockets.has(socketId)) n += 1;
      return n;
    },
  };
}

/** Targets → the agent's `stats.subscribe`/`unsubscribe` params. */
export function toAgentParams(targets: readonly StatsTarget[]): {
  containerIds: string[];
  host?: boolean;
} {
  const containerIds = targets.flatMap((t) => (t.kind === 'container' ? [t.containerId] : []));
  return targets.some((t) => t.kind === 'host') ? { containerIds, host: true } : { containerIds };
}
