import type { Role } from '../../lib/roles.js';
import type { TokenScope } from '../../lib/token-scopes.js';

/** The API token a request authenticated with (absent for browser sessions). */
export interface TokenGrant {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** Host ids the token is limited to; null = every host. */
  hosts: string[] | null;
  expiresAt: Date | null;
}

/** Who is making a request: the authenticated user and their session. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** sha256 of the session cookie value (the Session row id); `token:<id>` for API tokens. */
  sessionId: string;
  /** When the session ends by itself (the /ui hub cuts its sockets then). */
  expiresAt: Date;
  mustChangePassword: boolean;
  /** Set when the request came with `Authorization: Bearer`: the token narrows the role. */
  token?: TokenGrant;
}

/** Request metadata every state change is audited with. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
