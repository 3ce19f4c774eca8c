import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface TokenProxy {
  readonly host: string;
  /** Scopes asked for on each token request, in order. */
  readonly tokenRequests: string[][];
  stop(): Promise<void>;
}

/**
 * A Docker-style token flow in front of a real registry that uses basic auth: `/token` checks
 * the client's Basic credentials and issues opaque tokens bound to the granted scopes; `/v2/*`
 * wants `Bearer <token>` with a covering scope and forwards to the registry with its basic auth.
 */
export async function startTokenProxy(opts: {
  upstream: string;
  upstreamAuth: { username: string; password: string };
  users: Record<string, string>;
}): Promise<TokenProxy> {
  const tokens = new Map<string, Set<string>>();
  const tokenRequests: string[][] = [];
  const upstreamAuth = `Basic ${Buffer.from(`${opts.upstreamAuth.username}:${opts.upstreamAuth.password}`).toString('base64')}`;
  let host = '';

  const challenge = (res: ServerResponse, scope: string) => {
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="http://${host}/token",service="berth-test",scope="${scope}"`,
      'content-type': 'application/json',
    });
    res.end(
      JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }),
    );
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') {
      const scopes = url.searchParams.getAll('scope');
      tokenRequests.push(scopes);
      const auth = req.headers.authorization ?? '';
      const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      if (!user || opts.users[user] !== pass) {
        res.writeHead(401).end();
        return;
      }
      const token = randomBytes(16).toString('hex');
      tokens.set(token, new Set(scopes.flatMap(expandScope)));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token, expires_in: 300 }));
      return;
    }
    const m = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(url.pathname);
    const action = req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'push';
    const needed = m ? `repository:${m[1]}:${action}` : '';
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const granted = tokens.get(bearer);
    const from = url.searchParams.get('from');
    if (
      !granted ||
      (needed && !granted.has(needed)) ||
      (from && !granted.has(`repository:${from}:pull`))
    ) {
      challenge(res, m ? `repository:${m[1]}:${action === 'push' ? 'pull,push' : 'pull'}` : '');
      return;
    }
    const headers = { ...req.headers, authorization: upstreamAuth, host: opts.upstream };
    const up = httpRequest(
      {
        host: opts.upstream.split(':')[0],
        port: Number(opts.upstream.split(':')[1]),
        method: req.method,
        path: req.url,
        headers,
      },
      (ur) => {
        const h = { ...ur.headers };
        if (h.location)
          h.location = h.location.replace(`http://${opts.upstream}`, `http://${host}`);
        res.writeHead(ur.statusCode ?? 502, h);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    tokenRequests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function expandScope(scope: string): string[] {
  const m = /^repository:(.+):([a-z,]+)$/.exec(scope);
  if (!m) return [];
  return m[2]!.split(',').map((a) => `repository:${m[1]}:${a}`);
}
