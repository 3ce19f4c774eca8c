/**
 * Which replica holds which agent's socket, as far as this replica has heard (pure bookkeeping).
 * Fed by the other replicas' `agent.up` / `agent.down` messages and their periodic full lists;
 * a replica not heard from for `ttlMs` is taken for dead and its agents for disconnected.
 */
export interface AgentPresence {
  hostId: string;
  replicaId: string;
  socketId: string;
  /** When the socket connected (ms): the newest connection of a host wins. */
  since: number;
}

export interface PresenceTable {
  /** Records a connection; false when a newer one of the same host is already known. */
  up(p: AgentPresence): boolean;
  /** Forgets a connection (only that socket: a newer one of the host stays). */
  down(hostId: string, socketId: string): AgentPresence | undefined;
  /** A replica's full list: replaces what it held before; returns the connections it no longer has. */
  replace(replicaId: string, list: readonly AgentPresence[]): AgentPresence[];
  /** Drops replicas silent for `ttlMs`; returns their connections. */
  expire(ttlMs: number): AgentPresence[];
  get(hostId: string): AgentPresence | undefined;
  hostIds(): string[];
}

export const isNewer = (a: AgentPresence, b: AgentPresence) =>
  a.since > b.since || (a.since === b.since && a.socketId > b.socketId);

export function createPresenceTable(now: () => number = Date.now): PresenceTable {
  const byHost = new Map<string, AgentPresence>();
  const heardAt = new Map<string, number>();

  function dropWhere(match: (p: AgentPresence) => boolean): AgentPresence[] {
    const out: AgentPresence[] = [];
    for (const p of byHost.values()) if (match(p)) out.push(p);
    for (const p of out) byHost.delete(p.hostId);
    return out;
  }

  return {
    up(p) {
      heardAt.set(p.replicaId, now());
      const known = byHost.get(p.hostId);
      if (known && known.socketId !== p.socketId && isNewer(known, p)) return false;
      byHost.set(p.hostId, p);
      return true;
    },
    down(hostId, socketId) {
      const known = byHost.get(hostId);
      if (!known || known.socketId !== socketId) return undefined;
      byHost.delete(hostId);
      return known;
    },
    replace(replicaId, list) {
      heardAt.set(replicaId, now());
      const listed = new Set(list.map((p) => p.socketId));
      const gone = dropWhere((p) => p.replicaId === replicaId && !listed.has(p.socketId));
      for (const p of list) {
        const known = byHost.get(p.hostId);
        if (!known || known.socketId === p.socketId || isNewer(p, known)) byHost.set(p.hostId, p);
      }
      return gone;
    },
    expire(ttlMs) {
      const t = now();
      const dead = new Set<string>();
      for (const [replica, at] of heardAt) if (t - at > ttlMs) dead.add(replica);
      for (const r of dead) heardAt.delete(r);
      return dead.size === 0 ? [] : dropWhere((p) => dead.has(p.replicaId));
    },
    get: (hostId) => byHost.get(hostId),
    hostIds: () => [...byHost.keys()],
  };
}
