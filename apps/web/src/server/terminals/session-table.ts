/**
 * Which browser socket owns which agent terminal session. Pure bookkeeping: the relay asks it
 * who may send input to a session and which sessions end when a socket or an agent goes away.
 */
export interface TerminalSessionRecord {
  sessionId: string;
  socketId: string;
  hostId: string;
  containerId: string;
  userId: string;
  username: string;
  ip: string | null;
  startedAt: number;
  cmd: string[];
}

export interface SessionTable {
  add(record: TerminalSessionRecord): void;
  get(sessionId: string): TerminalSessionRecord | undefined;
  /** The session, only when `socketId` owns it. */
  owned(sessionId: string, socketId: string): TerminalSessionRecord | undefined;
  /** Remove and return (undefined when already gone: ending is idempotent). */
  take(sessionId: string): TerminalSessionRecord | undefined;
  takeBySocket(socketId: string): TerminalSessionRecord[];
  takeByHost(hostId: string): TerminalSessionRecord[];
  countWhere(match: (r: TerminalSessionRecord) => boolean): number;
  size(): number;
}

export function createSessionTable(): SessionTable {
  const sessions = new Map<string, TerminalSessionRecord>();
  const takeWhere = (match: (r: TerminalSessionRecord) => boolean) => {
    const out: TerminalSessionRecord[] = [];
    for (const r of sessions.values()) if (match(r)) out.push(r);
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
    takeBySocket: (socketId) => takeWhere((r) => r.socketId === socketId),
    takeByHost: (hostId) => takeWhere((r) => r.hostId === hostId),
    countWhere(match) {
      let n = 0;
      for (const r of sessions.values()) if (match(r)) n += 1;
      return n;
    },
    size: () => sessions.size,
  };
}
