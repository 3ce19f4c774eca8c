import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot, stateFile } from './paths.js';
import { freePort, startLogged, startRegistry, stopPid, waitFor } from '@berth/testkit';
import { pushE2eImages, type E2eImages } from './registry.js';
import { startWebBridge } from './web-bridge.js';

export interface StackState {
  baseURL: string;
  adminPassword: string;
  tmp: string;
  webPid: number;
  webLog: string;
  registry: { host: string };
  images: E2eImages;
  /** Chromium (in its own network namespace) reaches the web through this unix socket. */
  webSocket: string;
}

let registryStop: (() => Promise<void>) | null = null;
let bridgeStop: (() => Promise<void>) | null = null;

/** Boots the real web (custom server: Next + socket.io + SQLite) on a free loopback port. */
export async function bootStack(): Promise<StackState> {
  const tmp = mkdtempSync(join(tmpdir(), 'berth-e2e-'));
  const registry = await startRegistry();
  registryStop = registry.stop;
  const images = await pushE2eImages(registry);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const adminPassword = randomBytes(12).toString('base64url');
  const webLog = join(tmp, 'web.log');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `file:${join(tmp, 'berth.db')}`,
    BERTH_PUBLIC_URL: baseURL,
    BERTH_ADMIN_PASSWORD: adminPassword,
  };
  const web = startLogged(
    process.execPath,
    [join(repoRoot, 'apps/web/dist/server/main.js')],
    env,
    webLog,
  );
  await waitFor(
    'the web to answer',
    async () => {
      const res = await fetch(`${baseURL}/login`);
      return res.ok ? true : undefined;
    },
    {
      timeoutMs: 60_000,
      intervalMs: 200,
      giveUp: () =>
        web.exitCode !== null
          ? `web exited: ${readFileSync(webLog, 'utf8').slice(-2000)}`
          : undefined,
    },
  );
  const webSocket = join(tmp, 'web-bridge.sock');
  bridgeStop = await startWebBridge(webSocket, { host: '127.0.0.1', port });
  const state: StackState = {
    baseURL,
    adminPassword,
    tmp,
    webPid: web.pid!,
    webLog,
    registry: { host: registry.host },
    images,
    webSocket,
  };
  mkdirSync(join(stateFile, '..'), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  return state;
}

export function readStack(): StackState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as StackState;
}

export async function stopStack(state: StackState): Promise<void> {
  await bridgeStop?.();
  bridgeStop = null;
  await stopPid(state.webPid);
  await registryStop?.();
  registryStop = null;
}
