import type { Namespace } from 'socket.io';
import { ProtocolError } from '@berth/protocol';
import { isSameOrigin } from '../http/origin.js';
import { sessionCookieValue } from '../auth/cookie.js';
import { toWireError } from '../http/errors.js';
import type { AuthService } from '../services/auth.js';
import type { Principal } from '../services/principal.js';
import type { HostDto } from '../../lib/dto/host.js';
import { can } from '../../lib/roles.js';
import { isUiClientMessage, uiClientMessages, uiRooms } from '../../lib/socket/ui-events.js';
import type { Logger } from '../log.js';

export interface UiHubDeps {
  namespace: Namespace;
  auth: AuthService;
  scheme: 'http' | 'https';
  allowedOrigins: readonly string[];
  log: Logger;
}

/**
 * The browsers' side of the hub (/ui): a handshake needs our own Origin and a valid session
 * cookie; sockets join rooms by permission and receive pushes the query cache merges.
 */
export function createUiHub(deps: UiHubDeps) {
  const ns = deps.namespace;

  ns.use((socket, next) => {
    const h = socket.handshake.headers;
    const originOk = isSameOrigin({
      origin: h.origin,
      referer: typeof h.referer === 'string' ? h.referer : null,
      host: h.host,
      scheme: deps.scheme,
      allowedOrigins: deps.allowedOrigins,
    });
    if (!originOk) return next(new Error('PERMISSION_DENIED: foreign or missing Origin'));
    deps.auth.authenticate(sessionCookieValue(h.cookie)).then(
      (principal) => {
        if (!principal) return next(new Error('UNAUTHENTICATED: no valid session'));
        socket.data = { principal };
        next();
      },
      (err: unknown) => {
        deps.log.error(`ui handshake: ${String(err)}`);
        next(new Error('INTERNAL: handshake failed'));
      },
    );
  });

  ns.on('connection', (socket) => {
    const { principal } = socket.data as { principal: Principal };
    void socket.join(uiRooms.user(principal.userId));
    if (can(principal.role, 'hosts.read')) void socket.join(uiRooms.hosts);

    socket.onAny((name: unknown, ...args: unknown[]) => {
      const ack =
        typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : null;
      try {
        if (typeof name !== 'string' || !isUiClientMessage(name)) {
          throw new ProtocolError(
            'INVALID_ARGUMENT',
            `unknown message "${String(name).slice(0, 64)}"`,
          );
        }
        const parsed = uiClientMessages[name].safeParse(args[0] ?? {});
        if (!parsed.success) throw new ProtocolError('INVALID_ARGUMENT', `malformed ${name}`);
        // `ping` is the only message so far.
        ack?.({ ok: true, result: { ts: Date.now() } });
      } catch (err) {
        const wire = toWireError(err);
        socket.emit('error', wire);
        ack?.({ ok: false, error: wire });
      }
    });
  });

  return {
    hostChanged(host: HostDto) {
      ns.to(uiRooms.hosts).emit('hosts.changed', { host });
    },
    /** Cut every browser socket of a user (disabled, deleted, password reset). */
    disconnectUser(userId: string) {
      ns.in(uiRooms.user(userId)).disconnectSockets(true);
    },
  };
}
export type UiHub = ReturnType<typeof createUiHub>;
