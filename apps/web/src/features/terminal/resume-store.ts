import type { TerminalShell } from '../../lib/socket/terminal-messages.js';

/**
 * Which session this browser tab shows for a container, kept in sessionStorage so a reload of
 * the tab finds it again (another tab has its own storage: it opens its own session). Only the
 * id is kept: the server refuses it to anyone but its owner anyway.
 */
export interface StoredSession {
  sessionId: string;
  shell: TerminalShell;
}

export interface ResumeStore {
  get(): StoredSession | null;
  set(value: StoredSession): void;
  clear(): void;
}

const key = (hostId: string, containerId: string) => `berth.terminal:${hostId}:${containerId}`;

/** Pure over any Storage-like object (tests pass a Map-backed one). */
export function resumeStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
  hostId: string,
  containerId: string,
): ResumeStore {
  const k = key(hostId, containerId);
  return {
    get() {
      try {
        const v = JSON.parse(storage?.getItem(k) ?? 'null') as Partial<StoredSession> | null;
        return v && typeof v.sessionId === 'string' && typeof v.shell === 'string'
          ? (v as StoredSession)
          : null;
      } catch {
        return null;
      }
    },
    set(value) {
      try {
        storage?.setItem(k, JSON.stringify(value));
      } catch {
        // storage full or denied: the session just will not be found after a reload
      }
    },
    clear() {
      try {
        storage?.removeItem(k);
      } catch {
        // ignore
      }
    },
  };
}

/** The tab's sessionStorage (null where there is none: server rendering, locked-down browsers). */
export function tabStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
