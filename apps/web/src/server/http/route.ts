import { ProtocolError } from '@berth/protocol';
import type { z } from 'zod';
import { getServerContext, type ServerContext } from '../context.js';
import type { Principal, RequestMeta } from '../services/principal.js';
import { sessionCookieValue } from '../auth/cookie.js';
import { can, type Action } from '../../lib/roles.js';
import { isSameOrigin, stateChangingMethods } from './origin.js';
import { httpStatusOf, toWireError } from './errors.js';
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

export function errorResponse(err: unknown, log?: ServerContext['log']): Response {
  const wire = toWireError(err);
  if (wire.code === 'INTERNAL')
    log?.error(
      `request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  return Response.json(wire, { status: httpStatusOf(wire) });
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
  },
  handler: (
    args: RouteArgs<A, S extends z.ZodType ? z.infer<S> : undefined>,
  ) => Promise<Response | object>,
) {
  return async (req: Request, segment?: Segment): Promise<Response> => {
    let ctx: ServerContext | undefined;
    try {
      ctx = getServerContext();
      const meta: RequestMeta = {
        ip: req.headers.get(CLIENT_IP_HEADER),
        userAgent: req.headers.get('user-agent'),
      };
      const mutating = stateChangingMethods.has(req.method);
      // Agents are not browsers: they prove themselves with a join token or credential instead.
      if (mutating && opts.auth !== 'agent') {
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
      let principal: Principal | null = null;
      if (opts.auth !== 'public' && opts.auth !== 'agent') {
        principal = await ctx.auth.authenticate(sessionCookieValue(req.headers.get('cookie')));
        if (!principal) throw new ProtocolError('UNAUTHENTICATED', 'sign in first');
        if (principal.mustChangePassword && !opts.beforePasswordChange) {
          throw new ProtocolError(
            'PERMISSION_DENIED',
            'change your password first (POST /api/auth/password)',
            { reason: PASSWORD_CHANGE_REQUIRED },
          );
        }
        if (opts.auth !== 'session' && !can(principal.role, opts.auth)) {
          if (mutating) {
            await ctx.audit.record({
              actorId: principal.userId,
              actorName: principal.username,
              action: opts.auth,
              target: new URL(req.url).pathname,
              outcome: 'denied',
              ip: meta.ip,
            });
          }
          throw new ProtocolError(
            'PERMISSION_DENIED',
            `your role (${principal.role}) may not ${opts.auth}`,
          );
        }
      }
      const body = opts.body ? await readBody(req, opts.body) : undefined;
      const rawParams = (segment ? await segment.params : undefined) ?? {};
      const params = Object.fromEntries(
        Object.entries(rawParams).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const out = await handler({
        req,
        ctx,
        principal: principal as RouteArgs<A, never>['principal'],
        meta,
        body: body as S extends z.ZodType ? z.infer<S> : undefined,
        params,
      });
      return out instanceof Response ? out : Response.json(out);
    } catch (err) {
      return errorResponse(err, ctx?.log);
    }
  };
}
