import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
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

/** A validated browser message, with who sent it on which socket. */
export interface UiRequest<T> {
  socket: Socket;
  principal: Principal;
  payload: T;
}

/** A feature's handler for one browser message; its return value is the ack's `result`. */
export type UiMessageHandler<T> = (req: UiRequest<T>) => unknown;

interface RegisteredHandler {
  schema: z.ZodType;
  handler: UiMessageHandler<unknown>;
}

/**
 * The browsers' side of the hub (/ui): a handshake needs our own Origin and a valid session
 * cookie; sockets join rooms by permission and receive pushes the query cache merges.
 */
export function createUiHub(deps: UiHubDeps) {
  const ns = deps.namespace;
  const featureHandlers = new Map<string, RegisteredHandler>();
  const disconnectListeners = new Set<(socket: Socket) => void>();

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

    socket.on('disconnect', () => {
      for (const l of disconnectListeners) {
        try {
          l(socket);
        } catch (err) {
          deps.log.error(`ui disconnect listener failed: ${String(err)}`);
        }
      }
    });

    socket.onAny((name: unknown, ...args: unknown[]) => {
      const ack =
        typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : null;
      const feature = typeof name === 'string' ? featureHandlers.get(name) : undefined;
      if (feature) {
        dispatch(socket, principal, String(name), feature, args[0], ack);
        return;
      }
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

  function dispatch(
    socket: Socket,
    principal: Principal,
    name: string,
    feature: RegisteredHandler,
    raw: unknown,
    ack: ((r: unknown) => void) | null,
  ) {
    const fail = (err: unknown) => {
      const wire = toWireError(err);
      if (wire.code === 'INTERNAL') deps.log.error(`ui ${name}: ${String(err)}`);
      if (ack) ack({ ok: false, error: wire });
      else socket.emit('error', wire);
    };
    const parsed = feature.schema.safeParse(raw ?? {});
    if (!parsed.success) return fail(new ProtocolError('INVALID_ARGUMENT', `malformed ${name}`));
    Promise.resolve()
      .then(() => feature.handler({ socket, principal, payload: parsed.data }))
      .then((result: unknown) => ack?.({ ok: true, result: result ?? {} }), fail);
  }

  return {
    /** Features register their browser messages here (validated with `schema`). Returns an unregister. */
    handle<S extends z.ZodType>(
      name: string,
      schema: S,
      handler: UiMessageHandler<z.infer<S>>,
    ): () => void {
      featureHandlers.set(name, { schema, handler: handler as UiMessageHandler<unknown> });
      return () => featureHandlers.delete(name);
    },
    /** Called with each browser socket that goes away. Returns an unsubscribe. */
    onDisconnect(listener: (socket: Socket) => void): () => void {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    /** The user signed in on a browser socket (null when it is gone). */
    socketUserId(socketId: string): string | null {
      const s = ns.sockets.get(socketId);
      return s ? (s.data as { principal: Principal }).principal.userId : null;
    },
    /** Emit to one browser socket by id (no-op when it is gone). */
    emitTo(socketId: string, event: string, payload: unknown) {
      ns.to(socketId).emit(event, payload);
    },
    /** Emit to every signed-in browser allowed to read hosts. */
    emitToReaders(event: string, payload: unknown) {
      ns.to(uiRooms.hosts).emit(event, payload);
    },
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
