/**
 * Which browser socket shows which agent terminal session, and whose it is. Pure bookkeeping:
 * the relay asks it who may send input to a session, which sessions a socket or an agent had,
 * and which ones a signed-out user leaves behind. A session no page shows (`socketId: null`) is
 * detached: it lives on the agent for its grace time and its owner may attach to it again.
 */
export interface TerminalSessionRecord {
  sessionId: string;
  /** The browser socket showing it; null while detached. */
  socketId: string | null;
  hostId: string;
  containerId: string;
  userId: string;
  username: string;
  /** The sign-in (web session) that opened or last attached it: it ends with that sign-in. */
  authSessionId: string;
  ip: string | null;
  startedAt: number;
  cmd: string[];
}

export interface SessionTable {
  add(record: TerminalSessionRecord): void;
  get(sessionId: string): TerminalSessionRecord | undefined;
  /** The session, only when `socketId` shows it. */
  owned(sessionId: string, socketId: string): TerminalSessionRecord | undefined;
  /** Remove and return (undefined when already gone: ending is idempotent). */
  take(sessionId: string): TerminalSessionRecord | undefined;
  takeWhere(match: (r: TerminalSessionRecord) => boolean): TerminalSessionRecord[];
  takeBySocket(socketId: string): TerminalSessionRecord[];
  /** Detach every session `socketId` shows (its page went away) and return them. */
  detachBySocket(socketId: string): TerminalSessionRecord[];
  list(match: (r: TerminalSessionRecord) => boolean): TerminalSessionRecord[];
  countWhere(match: (r: TerminalSessionRecord) => boolean): number;
  size(): number;
}

export function createSessionTable(): SessionTable {
  const sessions = new Map<string, TerminalSessionRecord>();
  const list = (match: (r: TerminalSessionRecord) => boolean) => {
    const out: TerminalSessionRecord[] = [];
    for (const r of sessions.values()) if (match(r)) out.push(r);
    return out;
  };
  const takeWhere = (match: (r: TerminalSessionRecord) => boolean) => {
    const out = list(match);
    for (const r of out) sessions.delete(r.sessionId);
    return out;
  };
  return {
    add(record) {
      if (sessions.has(record.sessionId)) throw new Error(`session ${record.sessionId} exists`);
      sessions.set(record.sessionId, record);
    },
    get: (id) => sessions.get(id),
    owned(id, socketId) {
      const r = sessions.get(id);
      return r && r.socketId === socketId ? r : undefined;
    },
    take(id) {
      const r = sessions.get(id);
      sessions.delete(id);
      return r;
    },
    takeWhere,
    takeBySocket: (socketId) => takeWhere((r) => r.socketId === socketId),
    detachBySocket(socketId) {
      const out = list((r) => r.socketId === socketId);
      for (const r of out) r.socketId = null;
      return out;
    },
    list,
    countWhere: (match) => list(match).length,
    size: () => sessions.size,
  };
}
