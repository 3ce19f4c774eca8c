import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpStatusByCode } from '@berth/protocol';
import type { WireError } from '@berth/protocol';
import type * as z from 'zod';
import { AgentError, toWireError } from '../errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

export interface RouteContext<Q, B> {
  params: Record<string, string>;
  query: Q;
  body: B;
  req: IncomingMessage;
  /** For streaming handlers: write to `res` yourself and return undefined. */
  res: ServerResponse;
}

export interface RouteDef<Q, B> {
  method: HttpMethod;
  /** e.g. `/v1/containers/:id/start`; `:name` segments become `params.name`. */
  path: string;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Returns the JSON body (200), or undefined after streaming into `ctx.res` (or for 204). */
  handler: (ctx: RouteContext<Q, B>) => Promise<unknown> | unknown;
}

interface CompiledRoute {
  method: HttpMethod;
  segments: string[];
  run: (
    ctx: RouteContext<unknown, unknown>,
    rawQuery: unknown,
    rawBody: unknown,
  ) => Promise<unknown>;
  hasBody: boolean;
}

const MAX_BODY = 1 << 20;

/** Pure: match a path against `/a/:b/c` segments. */
export function matchPath(
  segments: readonly string[],
  path: string,
): Record<string, string> | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = segments[i]!;
    let part: string;
    try {
      part = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (seg.startsWith(':')) params[seg.slice(1)] = part;
    else if (seg !== part) return null;
  }
  return params;
}

function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || what}: ${i.message}`);
  throw new AgentError('INVALID_ARGUMENT', `invalid ${what}: ${issues.join('; ')}`);
}

/** A route that takes over the connection (`Connection: Upgrade`, docker's hijack). */
export interface UpgradeRouteDef {
  method: HttpMethod;
  path: string;
  /** Called with the raw socket and the bytes already read past the headers. */
  handler: (ctx: {
    params: Record<string, string>;
    query: Record<string, string>;
    req: IncomingMessage;
    socket: Duplex;
    head: Buffer;
  }) => Promise<void>;
}

/**
 * A small method + path router with zod-validated query and body. Feature modules add routes
 * (`registerSystemRoutes(router, …)`, later `registerImageRoutes(router, engine)`); handlers stay
 * thin and throw coded errors, which become `{code, message}` with the status from the protocol's
 * `httpStatusByCode` table.
 */
export class Router {
  readonly #routes: CompiledRoute[] = [];
  readonly #upgrades: Array<{ def: UpgradeRouteDef; segments: string[] }> = [];
  /** Connections taken over by upgrade routes (closed with the server). */
  readonly upgraded = new Set<Duplex>();

  addUpgrade(def: UpgradeRouteDef): this {
    this.#upgrades.push({ def, segments: def.path.split('/').filter(Boolean) });
    return this;
  }

  /** The server's `upgrade` event: dispatch, or answer a plain HTTP error and close. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    this.upgraded.add(socket);
    socket.once('close', () => this.upgraded.delete(socket));
    socket.on('error', () => socket.destroy());
    try {
      const url = new URL(req.url ?? '/', 'http://agent');
      for (const u of this.#upgrades) {
        if (u.def.method !== req.method) continue;
        const params = matchPath(u.segments, url.pathname);
        if (!params) continue;
        const query = Object.fromEntries(url.searchParams);
        await u.def.handler({ params, query, req, socket, head });
        return;
      }
      throw new AgentError('NOT_FOUND', `no upgrade route for ${req.method} ${url.pathname}`);
    } catch (err) {
      writeRawError(socket, toWireError(err));
    }
  }

  add<Q = undefined, B = undefined>(def: RouteDef<Q, B>): this {
    this.#routes.push({
      method: def.method,
      segments: def.path.split('/').filter(Boolean),
      hasBody: def.body !== undefined,
      run: async (ctx, rawQuery, rawBody) =>
        def.handler({
          ...ctx,
          query: validate(def.query, rawQuery, 'query'),
          body: validate(def.body, rawBody, 'body'),
        }),
    });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://agent');
      let route: CompiledRoute | undefined;
      let params: Record<string, string> | null = null;
      for (const r of this.#routes) {
        if (r.method !== req.method) continue;
        params = matchPath(r.segments, url.pathname);
        if (params) {
          route = r;
          break;
        }
      }
      if (!route || !params) {
        throw new AgentError(
          'NOT_FOUND',
          `no route for ${req.method} ${url.pathname.slice(0, 200)}`,
        );
      }
      const rawBody = route.hasBody ? await readJsonBody(req) : undefined;
      const result = await route.run(
        { params, query: undefined, body: undefined, req, res },
        Object.fromEntries(url.searchParams),
        rawBody,
      );
      if (res.headersSent || res.writableEnded) return;
      if (result === undefined) sendStatus(res, 204);
      else sendJson(res, 200, result);
    } catch (err) {
      sendError(res, toWireError(err));
    }
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new AgentError('INVALID_ARGUMENT', 'request body too large (max 1 MiB)');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AgentError('INVALID_ARGUMENT', 'request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(data),
  });
  res.end(data);
}

function sendStatus(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export function sendError(res: ServerResponse, err: WireError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, httpStatusByCode[err.code], err);
}

/** An HTTP error answer on a raw (not yet upgraded) socket, then close. */
export function writeRawError(socket: Duplex, err: WireError): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(err);
  socket.end(
    `HTTP/1.1 ${httpStatusByCode[err.code]} Error\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
