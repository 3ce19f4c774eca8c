import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type * as z from 'zod';
import { AgentError } from '../../errors.js';
import { splitVersionedPath } from '../api-version.js';
import { toDockerError } from './errors.js';
import {
  plainConnection,
  readHijackBody,
  upgradedConnection,
  writeRawDockerError,
  type HijackConnection,
} from './hijack.js';
import { DockerQuery } from './query.js';
import { Reply } from './reply.js';
import { compilePattern, matchPattern, type RoutePattern } from './route-pattern.js';
import { readJsonBody, validateBody } from './body.js';
import { unmatchedRouteError } from './unmatched.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface DockerContext {
  method: Method;
  /** The path without its `/v1.xx` prefix. */
  path: string;
  /** The API version the client asked for (the served one when unversioned). */
  version: string;
  params: Record<string, string>;
  query: DockerQuery;
  req: IncomingMessage;
}

export interface RouteDef<B> {
  method: Method;
  /** `/containers/{name:.*}/json` (see route-pattern.ts). */
  path: string;
  /** A JSON body validated with zod (400 when it does not parse). Without it the body is unread. */
  body?: z.ZodType<B>;
  /**
   * Returns the JSON body of a 200, a `Reply`, or undefined after writing `res` itself
   * (streams). Throws coded errors (AgentError, RuntimeError).
   */
  handler: (ctx: DockerContext & { body: B; res: ServerResponse }) => unknown;
}

/** attach / exec start: the connection is taken over (see hijack.ts). */
export interface HijackRouteDef {
  method: Method;
  path: string;
  handler: (ctx: DockerContext & { body: Buffer; conn: HijackConnection }) => Promise<void>;
}

interface Compiled {
  method: Method;
  source: string;
  pattern: RoutePattern;
  run?: RouteDef<unknown>['handler'];
  body?: z.ZodType<unknown>;
  hijack?: HijackRouteDef['handler'];
}

/**
 * The Docker API's router: versioned (`/v1.41/…`) and unversioned paths, Docker's headers on
 * every answer, errors as Docker's `{message}` with the status from `dockerStatusByCode`, and
 * hijacked connections for attach/exec. Every failure is answered; nothing escapes a handler.
 */
export class DockerRouter {
  readonly #routes: Compiled[] = [];
  /** Connections taken over by hijack routes (destroyed when the server closes). */
  readonly upgraded = new Set<Duplex>();

  /**
   * `onTimed`: called once per answered request (finished or closed) with its method, URL, status
   * and wall time from arrival — the agent logs it at debug level (`--log-level debug`).
   */
  constructor(
    private readonly commonHeaders: Readonly<Record<string, string>>,
    private readonly onTimed?: (line: string) => void,
  ) {}

  add<B = undefined>(def: RouteDef<B>): this {
    this.#routes.push({
      method: def.method,
      source: def.path,
      pattern: compilePattern(def.path),
      run: def.handler as RouteDef<unknown>['handler'],
      body: def.body as z.ZodType<unknown> | undefined,
    });
    return this;
  }

  addHijack(def: HijackRouteDef): this {
    this.#routes.push({
      method: def.method,
      source: def.path,
      pattern: compilePattern(def.path),
      hijack: def.handler,
    });
    return this;
  }

  /** Every route's method and pattern (for tests that visit them all). */
  routes(): Array<{ method: Method; path: string; hijack: boolean }> {
    return this.#routes.map((r) => ({ method: r.method, path: r.source, hijack: !!r.hijack }));
  }

  /** Pure lookup: the route and its params, or null. */
  #find(method: string, path: string): { route: Compiled; params: Record<string, string> } | null {
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const params = matchPattern(route.pattern, path);
      if (params) return { route, params };
    }
    return null;
  }

  #context(req: IncomingMessage): { ctx: DockerContext; route: Compiled } {
    const url = new URL(req.url ?? '/', 'http://docker');
    const { version, path } = splitVersionedPath(url.pathname);
    try {
      decodeURIComponent(path);
    } catch {
      throw new AgentError('INVALID_ARGUMENT', 'malformed URL path');
    }
    const method = (req.method ?? 'GET') as Method;
    const found = this.#find(method, path);
    if (!found) throw unmatchedRouteError(method, path);
    const ctx: DockerContext = {
      method,
      path,
      version,
      params: found.params,
      query: new DockerQuery(url.searchParams),
      req,
    };
    return { ctx, route: found.route };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.onTimed) this.#time(req, res);
    try {
      for (const [k, v] of Object.entries(this.commonHeaders)) res.setHeader(k, v);
      const { ctx, route } = this.#context(req);
      if (route.hijack) {
        const body = await readJsonBodyRaw(req);
        await route.hijack({ ...ctx, body, conn: plainConnection(res) });
        return;
      }
      const body = route.body ? validateBody(route.body, await readJsonBody(req)) : undefined;
      const result = await route.run!({ ...ctx, body, res });
      if (res.headersSent || res.writableEnded) return;
      send(res, result);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const e = toDockerError(err);
      sendJson(res, e.status, e.body);
    }
  }

  #time(req: IncomingMessage, res: ServerResponse): void {
    const t0 = performance.now();
    const report = this.onTimed!;
    res.once('close', () =>
      report(
        `docker-api: ${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(1)} ms`,
      ),
    );
  }

  /** The server's `upgrade` event: hijack routes only; anything else is answered and closed. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    this.upgraded.add(socket);
    socket.once('close', () => this.upgraded.delete(socket));
    socket.on('error', () => socket.destroy());
    let begun = false;
    try {
      const { ctx, route } = this.#context(req);
      if (!route.hijack)
        throw new AgentError('INVALID_ARGUMENT', `${ctx.method} ${ctx.path} cannot be upgraded`);
      const body = await readHijackBody(req, socket, head);
      const conn = upgradedConnection(socket, this.commonHeaders);
      const begin = conn.begin.bind(conn);
      conn.begin = (type) => {
        begun = true;
        begin(type);
      };
      await route.hijack({ ...ctx, body, conn });
    } catch (err) {
      if (begun) {
        socket.destroy();
        return;
      }
      const e = toDockerError(err);
      writeRawDockerError(socket, e.status, e.body, this.commonHeaders);
    }
  }
}

async function readJsonBodyRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1 << 20) throw new AgentError('INVALID_ARGUMENT', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: unknown): void {
  if (result instanceof Reply) {
    for (const [k, v] of Object.entries(result.headers)) res.setHeader(k, v);
    if (result.body === undefined) {
      res.writeHead(result.status);
      res.end();
    } else sendJson(res, result.status, result.body);
    return;
  }
  if (result === undefined) {
    res.writeHead(204);
    res.end();
    return;
  }
  sendJson(res, 200, result);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(data),
  });
  res.end(data);
}
