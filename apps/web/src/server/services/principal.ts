import type { Role } from '../../lib/roles.js';

/** Who is making a request: the authenticated user and their session. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** sha256 of the session cookie value (the Session row id). */
  sessionId: string;
  /** When the session ends by itself (the /ui hub cuts its sockets then). */
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** Request metadata every state change is audited with. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
