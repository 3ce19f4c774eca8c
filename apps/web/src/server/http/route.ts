import { ProtocolError, toWireError } from '@berth/protocol';
import type { z } from 'zod';
import { getServerContext, type ServerContext } from '../context.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { sessionCookieValue } from '../auth/cookie.js';
import type { Action } from '../../lib/roles.js';
import { bearerOf } from '../tokens/token-format.js';
import { allows, assertHost, refusal } from '../tokens/access.js';
import { isSameOrigin, stateChangingMethods } from './origin.js';
import { httpStatusOf } from './errors.js';
import { PASSWORD_CHANGE_REQUIRED } from '../../lib/socket/session-messages.js';

/** Set by the custom server from the TCP peer address; any client-sent value is overwritten. */
export const CLIENT_IP_HEADER = 'x-berth-client-ip';

type Auth = 'public' | 'agent' | 'session' | Action;

export interface RouteArgs<A extends Auth, B> {
  req: Request;
  ctx: ServerContext;
  principal: A extends 'public' | 'agent' ? null : Principal;
  meta: RequestMeta;
  body: B;
  params: Record<string, string>;
}

interface Segment {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export function errorResponse(
  err: unknown,
  log?: ServerContext['log'],
  opts: { bearer?: boolean } = {},
): Response {
  const wire = toWireError(err);
  if (wire.code === 'INTERNAL')
    log?.error(
      `request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  const headers =
    opts.bearer && wire.code === 'UNAUTHENTICATED'
      ? { 'www-authenticate': 'Bearer realm="berth", error="invalid_token"' }
      : undefined;
  return Response.json(wire, { status: httpStatusOf(wire), headers });
}

/**
 * Pure: the host a request is about, from its route parameters: `[hostId]` anywhere, or `[id]`
 * under /api/hosts/. Null for routes that span the fleet.
 */
export function hostOfRequest(pathname: string, params: Record<string, string>): string | null {
  if (params.hostId) return params.hostId;
  if (pathname.startsWith('/api/hosts/') && params.id) return params.id;
  return null;
}

async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    const text = await req.text();
    raw = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ProtocolError('INVALID_ARGUMENT', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new ProtocolError('INVALID_ARGUMENT', detail);
  }
  return parsed.data;
}

/**
 * Every API route handler goes through this: Origin check on state-changing requests (CSRF),
 * session and permission check, zod-validated body, `{code, message}` errors with the status of
 * the protocol's one table. Handlers stay thin: parse → call a service → return JSON.
 */
export function route<A extends Auth, S extends z.ZodType | undefined = undefined>(
  opts: {
    auth: A;
    body?: S;
    /**
     * Open to a user who must still change their password. Only change-password, me and
     * logout are; everything else answers 403 PASSWORD_CHANGE_REQUIRED until it is done.
     */
    beforePasswordChange?: true;
    /** Browser sessions only: an API token is refused (logout, password change). */
    sessionOnly?: true;
    /**
     * The handler itself keeps a host-limited token to its hosts (lists across the fleet).
     * Without it, a host-limited token may only call routes about one of its hosts.
     */
    filtersHosts?: true;
  },
  handler: (
    args: RouteArgs<A, S extends z.ZodType ? z.infer<S> : undefined>,
  ) => Promise<Response | object>,
) {
  return async (req: Request, segment?: Segment): Promise<Response> => {
    let ctx: ServerContext | undefined;
    const isUserRoute = opts.auth !== 'public' && opts.auth !== 'agent';
    const bearer = isUserRoute ? bearerOf(req.headers.get('authorization')) : null;
    try {
      ctx = getServerContext();
      const meta: RequestMeta = {
        ip: req.headers.get(CLIENT_IP_HEADER),
        userAgent: req.headers.get('user-agent'),
      };
      const mutating = stateChangingMethods.has(req.method);
      // Agents are not browsers: they prove themselves with a join token or credential instead.
      // Bearer requests carry no cookie a forged cross-site request could ride on.
      if (mutating && opts.auth !== 'agent' && !bearer) {
        const ok = isSameOrigin({
          origin: req.headers.get('origin'),
          referer: req.headers.get('referer'),
          host: req.headers.get('host'),
          scheme: ctx.scheme,
          allowedOrigins: ctx.env.allowedOrigins,
        });
        if (!ok)
          throw new ProtocolError(
            'PERMISSION_DENIED',
            'cross-origin request refused (Origin does not match this server)',
          );
      }
      const rawParams = (segment ? await segment.params : undefined) ?? {};
      const params = Object.fromEntries(
        Object.entries(rawParams).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      let principal: Principal | null = null;
      if (isUserRoute) {
        principal = await authenticate(ctx, req, bearer, meta, opts.sessionOnly === true);
        if (principal.mustChangePassword && !opts.beforePasswordChange) {
          throw new ProtocolError(
            'PERMISSION_DENIED',
            'change your password first (POST /api/auth/password)',
            { reason: PASSWORD_CHANGE_REQUIRED },
          );
        }
        const action = opts.auth === 'session' ? null : (opts.auth as Action);
        if (action && !allows(principal, action)) {
          if (mutating) {
            await ctx.audit.record({
              actorId: principal.userId,
              actorName: principal.username,
              action,
              target: new URL(req.url).pathname,
              outcome: 'denied',
              ip: meta.ip,
              ...(principal.token
                ? {
                    detail: {
                      via: { token: { id: principal.token.id, name: principal.token.name } },
                    },
                  }
                : {}),
            });
          }
          throw new ProtocolError('PERMISSION_DENIED', refusal(principal, action));
        }
        if (principal.token?.hosts) {
          const pathname = new URL(req.url).pathname;
          const hostId = hostOfRequest(pathname, params);
          if (hostId) assertHost(principal, hostId);
          else if (!opts.filtersHosts)
            throw new ProtocolError(
              'PERMISSION_DENIED',
              `this API token is limited to some hosts; ${pathname} spans the whole fleet`,
            );
        }
      }
      const body = opts.body ? await readBody(req, opts.body) : undefined;
      const token = principal?.token;
      const out = await ctx.requestScopes.run(
        token ? { token: { id: token.id, name: token.name } } : null,
        () =>
          handler({
            req,
            ctx: ctx!,
            principal: principal as RouteArgs<A, never>['principal'],
            meta,
            body: body as S extends z.ZodType ? z.infer<S> : undefined,
            params,
          }),
      );
      return out instanceof Response ? out : Response.json(out);
    } catch (err) {
      return errorResponse(err, ctx?.log, { bearer: bearer !== null });
    }
  };
}

/** The request's user: from `Authorization: Bearer` when sent (cookies are then ignored), else the session cookie. */
async function authenticate(
  ctx: ServerContext,
  req: Request,
  bearer: ReturnType<typeof bearerOf>,
  meta: RequestMeta,
  sessionOnly: boolean,
): Promise<Principal> {
  if (!bearer) {
    const p = await ctx.auth.authenticate(sessionCookieValue(req.headers.get('cookie')));
    if (!p) throw new ProtocolError('UNAUTHENTICATED', 'sign in first');
    return p;
  }
  if ('malformed' in bearer)
    throw new ProtocolError('UNAUTHENTICATED', 'the bearer value is not a Berth API token');
  const p = await ctx.tokens.authenticate(bearer.token, meta);
  if (!p) throw new ProtocolError('UNAUTHENTICATED', 'invalid, expired or revoked API token');
  if (sessionOnly)
    throw new ProtocolError('PERMISSION_DENIED', 'this needs a browser session, not an API token');
  return p;
}
