/**
 * How the web refuses an agent's socket.io handshake on the /agent namespace: the namespace
 * middleware calls `next(new Error(formatHandshakeRejection(kind, detail)))`, so the agent's
 * `connect_error` carries a message starting with one of these words. Both are final: the agent
 * stops reconnecting with its credential.
 */
export const HandshakeRejection = {
  /** Unknown host id or wrong credential. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The host was revoked by an admin. */
  REVOKED: 'REVOKED',
} as const;

export type HandshakeRejection = (typeof HandshakeRejection)[keyof typeof HandshakeRejection];

export function formatHandshakeRejection(kind: HandshakeRejection, detail: string): string {
  return `${kind}: ${detail}`;
}

/** The rejection kind carried by a `connect_error` message, or null for any other error. */
export function parseHandshakeRejection(message: string): HandshakeRejection | null {
  for (const kind of Object.values(HandshakeRejection)) {
    if (message === kind || message.startsWith(`${kind}:`)) return kind;
  }
  return null;
}

/** The web's enrollment endpoint (POST, JSON `EnrollRequest` → `EnrollResponse`). */
export const AGENT_ENROLL_PATH = '/api/agent/enroll';
