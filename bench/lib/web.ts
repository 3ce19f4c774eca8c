import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { freePort } from '@berth/testkit';
import { BenchError } from './errors.js';
import { spawnDaemon, waitUntilReady } from './process.js';
import { makeTempDir } from './temp.js';

const WEB_MAIN = fileURLToPath(new URL('../../apps/web/dist/server/main.js', import.meta.url));

export interface BerthWeb {
  readonly pid: number;
  readonly baseURL: string;
  readonly adminPassword: string;
  /** Logs in as the bootstrap admin; returns the `berth_session` cookie header value. */
  login(): Promise<string>;
  /** A JSON API call with the session cookie and the Origin the web demands. */
  api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The real web (custom server: Next + socket.io) from apps/web/dist, production mode, with a
 * fresh SQLite database in a temp dir and a random admin password, on a free loopback port.
 */
export async function startWeb(opts: { nodeFlags?: readonly string[] } = {}): Promise<BerthWeb> {
  try {
    await access(WEB_MAIN);
  } catch {
    throw new BenchError('apps/web is not built: run `npx turbo run build --filter=@berth/web`');
  }
  const dir = await makeTempDir('web');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const adminPassword = randomBytes(12).toString('base64url');
  const daemon = spawnDaemon('berth-web', process.execPath, [...(opts.nodeFlags ?? []), WEB_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${join(dir.path, 'berth.db')}`,
      BERTH_PUBLIC_URL: baseURL,
      BERTH_ADMIN_PASSWORD: adminPassword,
    },
  });
  const stop = async () => {
    await daemon.stop();
    await dir.remove();
  };
  try {
    await waitUntilReady(daemon, async () => (await fetch(`${baseURL}/login`)).ok, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }

  const api = async <T>(cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(baseURL + path, {
      method,
      headers: {
        cookie,
        origin: baseURL,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new BenchError(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  const login = async () => {
    const res = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseURL },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    if (!res.ok) throw new BenchError(`login → ${res.status}: ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('berth_session='));
    if (!cookie) throw new BenchError('login set no berth_session cookie');
    return cookie.split(';')[0]!;
  };

  return { pid: daemon.pid, baseURL, adminPassword, login, api, stop };
}

export interface CreatedHost {
  hostId: string;
  joinToken: string;
}

/** `POST /api/hosts` → a host waiting for its agent, with a one-time join token. */
export async function createHost(
  web: BerthWeb,
  cookie: string,
  name: string,
): Promise<CreatedHost> {
  const res = await web.api<{ host: { id: string }; joinToken: string }>(
    cookie,
    'POST',
    '/api/hosts',
    { name },
  );
  return { hostId: res.host.id, joinToken: res.joinToken };
}

/** Polls `GET /api/hosts/:id` until the host is online. */
export async function waitHostOnline(
  web: BerthWeb,
  cookie: string,
  hostId: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await web.api<{ host: { status: string } }>(cookie, 'GET', `/api/hosts/${hostId}`);
    last = res.host.status;
    if (last === 'online') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new BenchError(`host ${hostId} not online after ${timeoutMs} ms (status ${last})`);
}
