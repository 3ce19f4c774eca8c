import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { ProtocolError, toWireError } from '@berth/protocol';
import { isSameOrigin } from '../http/origin.js';
import { sessionCookieValue } from '../auth/cookie.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import type { HostDto } from '../../lib/dto/host.js';
import { can } from '../../lib/roles.js';
import { isUiClientMessage, uiClientMessages, uiRooms } from '../../lib/socket/ui-events.js';
import {
  PASSWORD_CHANGE_REQUIRED,
  sessionEndMessage,
  type SessionEndReason,
  type SessionEndedEvent,
} from '../../lib/socket/session-messages.js';
import type { SessionTarget } from '../auth/session-ends.js';
import type { Logger } from '@berth/log';
import { localBus, type ClusterBus } from '../cluster/bus.js';
import { SessionEndSchema } from '../cluster/session-end-message.js';

export interface UiHubDeps {
  namespace: Namespace;
  auth: Pick<AuthService, 'authenticate' | 'principalOfSession'>;
  scheme: 'http' | 'https';
  allowedOrigins: readonly string[];
  log: Logger;
  now?: () => number;
  /** Other web replicas (default: none, one process). */
  bus?: ClusterBus;
}

/** What a /ui socket carries: who signed in, and why the server ended it (if it did). */
export interface UiSocketData {
  principal: Principal;
  endReason?: SessionEndReason;
}

/** setTimeout's longest delay; a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A validated browser message, with who sent it on which socket. */
export interface UiRequest<T> {
  socket: Socket;
  principal: Principal;
  payload: T;
}

/** A feature's handler for one browser message; its return value is the ack's `result`. */
export type UiMessageHandler<T> = (req: UiRequest<T>) => unknown;

export interface HandleOptions {
  /**
   * Re-read the session and the user's role from the database before the handler runs
   * (default). Only messages that steer something an acting message already opened on this
   * very socket (terminal input, acks, resize, close, unfollow, unsubscribe) turn it off: they
   * run synchronously, in order, and die with the socket when the session ends.
   */
  recheck?: boolean;
}

interface RegisteredHandler {
  schema: z.ZodType;
  handler: UiMessageHandler<unknown>;
  recheck: boolean;
}

/**
 * The browsers' side of the hub (/ui): a handshake needs our own Origin and a valid session
 * cookie; sockets join rooms by permission and receive pushes the query cache merges.
 *
 * Sessions end everywhere at once: logout, password change or reset, role change, disabling or
 * deleting a user call `end()` right after the database change, which sends `session.ended`
 * to the affected sockets and disconnects them (their terminals and log follows close through
 * the disconnect listeners). A timer per socket does the same when the session expires. Acting
 * messages also re-read the session before they run, so nothing acts on a stale role.
 */
export function createUiHub(deps: UiHubDeps) {
  const ns = deps.namespace;
  const now = deps.now ?? Date.now;
  const featureHandlers = new Map<string, RegisteredHandler>();
  const disconnectListeners = new Set<(socket: Socket) => void>();
  const bus = deps.bus ?? localBus('local');
  const sessionEndListeners = new Set<(target: SessionTarget, reason: SessionEndReason) => void>();

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
        if (principal.mustChangePassword) {
          return next(
            new Error(`PERMISSION_DENIED: ${PASSWORD_CHANGE_REQUIRED}: change your password first`),
          );
        }
        socket.data = { principal } satisfies UiSocketData;
        next();
      },
      (err: unknown) => {
        deps.log.error(`ui handshake: ${String(err)}`);
        next(new Error('INTERNAL: handshake failed'));
      },
    );
  });

  const dataOf = (socket: Socket) => socket.data as UiSocketData;

  /** Tell one socket why its session ended, then disconnect it (in that order on the wire). */
  function endSocket(socket: Socket, reason: SessionEndReason) {
    if (socket.disconnected) return;
    dataOf(socket).endReason = reason;
    const event: SessionEndedEvent = { reason, message: sessionEndMessage(reason) };
    socket.emit('session.ended', event);
    socket.disconnect();
  }

  function matches(p: Principal, target: SessionTarget): boolean {
    if ('sessionId' in target) return p.sessionId === target.sessionId;
    return p.userId === target.userId && p.sessionId !== target.exceptSessionId;
  }

  /** Cuts the socket when its session expires (re-armed when the expiry is beyond one timer). */
  function armExpiry(socket: Socket): () => void {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const left = dataOf(socket).principal.expiresAt.getTime() - now();
      if (left <= 0) return endSocket(socket, 'expired');
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    return () => clearTimeout(timer);
  }

  /**
   * The principal of an acting message, read from the database now. A session that is gone
   * ends the socket; a role that differs from the one the socket connected with ends it too
   * ("your role changed"): the browser reloads to get the pages of its new role.
   */
  async function recheck(socket: Socket): Promise<Principal> {
    const known = dataOf(socket).principal;
    const fresh = await deps.auth.principalOfSession(known.sessionId);
    if (socket.disconnected) throw new ProtocolError('UNAUTHENTICATED', 'the session ended');
    if (!fresh) {
      endSocket(socket, known.expiresAt.getTime() <= now() ? 'expired' : 'ended');
      throw new ProtocolError('UNAUTHENTICATED', 'the session ended');
    }
    if (fresh.role !== known.role) {
      endSocket(socket, 'role-changed');
      throw new ProtocolError('PERMISSION_DENIED', 'your role changed');
    }
    if (fresh.mustChangePassword) {
      throw new ProtocolError('PERMISSION_DENIED', 'change your password first', {
        reason: PASSWORD_CHANGE_REQUIRED,
      });
    }
    dataOf(socket).principal = fresh;
    return fresh;
  }

  /** The cheap check of a non-acting message: the session has not expired (no database read). */
  function stillValid(socket: Socket): Principal {
    const p = dataOf(socket).principal;
    if (p.expiresAt.getTime() <= now()) {
      endSocket(socket, 'expired');
      throw new ProtocolError('UNAUTHENTICATED', 'the session ended');
    }
    return p;
  }

  function endLocal(target: SessionTarget, reason: SessionEndReason) {
    for (const socket of [...ns.sockets.values()]) {
      if (matches(dataOf(socket).principal, target)) endSocket(socket, reason);
    }
    // What outlives a socket (a detached terminal) ends with the sign-in too, on every replica.
    for (const l of sessionEndListeners) {
      try {
        l(target, reason);
      } catch (err) {
        deps.log.error(`ui session-end listener failed: ${String(err)}`);
      }
    }
  }
  bus.subscribe('ui.end', SessionEndSchema, (m) => endLocal(m.target, m.reason));

  ns.on('connection', (socket) => {
    const { principal } = dataOf(socket);
    void socket.join(uiRooms.user(principal.userId));
    if (can(principal.role, 'hosts.read')) void socket.join(uiRooms.hosts);
    const stopExpiry = armExpiry(socket);

    socket.on('disconnect', () => {
      stopExpiry();
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
        dispatch(socket, String(name), feature, args[0], ack);
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
    if (!feature.recheck) {
      // Synchronous, so input frames keep their order.
      try {
        const result = feature.handler({
          socket,
          principal: stillValid(socket),
          payload: parsed.data,
        });
        Promise.resolve(result).then((r: unknown) => ack?.({ ok: true, result: r ?? {} }), fail);
      } catch (err) {
        fail(err);
      }
      return;
    }
    recheck(socket)
      .then((principal) => feature.handler({ socket, principal, payload: parsed.data }))
      .then((result: unknown) => ack?.({ ok: true, result: result ?? {} }), fail);
  }

  return {
    /** Features register their browser messages here (validated with `schema`). Returns an unregister. */
    handle<S extends z.ZodType>(
      name: string,
      schema: S,
      handler: UiMessageHandler<z.infer<S>>,
      opts: HandleOptions = {},
    ): () => void {
      featureHandlers.set(name, {
        schema,
        handler: handler as UiMessageHandler<unknown>,
        recheck: opts.recheck ?? true,
      });
      return () => featureHandlers.delete(name);
    },
    /** Called with each browser socket that goes away. Returns an unsubscribe. */
    onDisconnect(listener: (socket: Socket) => void): () => void {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    /** The user signed in on a browser socket, on any replica (null when it is gone). */
    async socketUserId(socketId: string): Promise<string | null> {
      const s = ns.sockets.get(socketId);
      if (s) return dataOf(s).principal.userId;
      if (!bus.clustered) return null;
      const [remote] = await ns.in(socketId).fetchSockets();
      const data = remote?.data as Partial<UiSocketData> | undefined;
      return remote?.id === socketId && data?.principal ? data.principal.userId : null;
    },
    /** Why the server ended a socket's session (in disconnect listeners), if it did. */
    endReasonOf(socket: Socket): SessionEndReason | undefined {
      return dataOf(socket).endReason;
    },
    /**
     * Emit to one browser socket by id, on this replica or (through the adapter) another one;
     * a no-op when it is gone.
     */
    emitTo(socketId: string, event: string, payload: unknown) {
      const local = ns.sockets.get(socketId);
      if (local) local.emit(event, payload);
      else if (bus.clustered) ns.to(socketId).emit(event, payload);
    },
    /** Emit to every signed-in browser allowed to read hosts. */
    emitToReaders(event: string, payload: unknown) {
      ns.to(uiRooms.hosts).emit(event, payload);
    },
    hostChanged(host: HostDto) {
      ns.to(uiRooms.hosts).emit('hosts.changed', { host });
    },
    /** A host was removed with everything mirrored from it. */
    hostRemoved(hostId: string) {
      ns.to(uiRooms.hosts).emit('hosts.removed', { hostId });
    },
    /**
     * SessionEndsPort: cut the sockets of a session or a user now, each told why: this
     * replica's at once, the other replicas' as soon as they get the message.
     */
    end(target: SessionTarget, reason: SessionEndReason) {
      bus.publish('ui.end', { target, reason });
      endLocal(target, reason);
    },
    /** Called after sessions end (logout, role change, …), with whose. Returns an unsubscribe. */
    onSessionsEnded(
      listener: (target: SessionTarget, reason: SessionEndReason) => void,
    ): () => void {
      sessionEndListeners.add(listener);
      return () => sessionEndListeners.delete(listener);
    },
  };
}
export type UiHub = ReturnType<typeof createUiHub>;
