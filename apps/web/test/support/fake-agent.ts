import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type { EnrollResponse } from '@berth/protocol';
import type { RunningWeb } from './server.js';
import { Client, facts, readyUser } from './http.js';

export type RpcHandler = (
  method: string,
  params: Record<string, unknown>,
  socket: Socket,
) => unknown | Promise<unknown>;

/** Tracks sockets a test file opens so `after` can close them all. */
export const openSockets: Socket[] = [];

/** A fake agent speaking the real protocol; every RPC is recorded and answered by `onRpc`. */
export async function fakeAgent(
  web: RunningWeb,
  cred: EnrollResponse,
  onRpc: RpcHandler,
  calls: { method: string; params: Record<string, unknown> }[] = [],
) {
  const s = io(`${web.baseUrl}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    // Own connection: a multiplexed one would reuse another socket's headers and auth.
    forceNew: true,
    auth: { hostId: cred.hostId, credential: cred.credential, agentVersion: '0.1.0-test' },
  });
  openSockets.push(s);
  s.on('rpc', (req: { method: string; params: Record<string, unknown> }, ack) => {
    calls.push(req);
    Promise.resolve()
      .then(() => onRpc(req.method, req.params, s))
      .then(
        (result) => ack({ ok: true, result }),
        (err: unknown) => {
          const e = err as { code?: string; message: string };
          ack({ ok: false, error: { code: e.code ?? 'INTERNAL', message: e.message } });
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  s.emit('agent.hello', { facts });
  return { socket: s, calls };
}

export async function enrolledHost(
  web: RunningWeb,
  admin: Client,
  name: string,
): Promise<EnrollResponse> {
  const created = await admin.request('POST', '/api/hosts', { name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const agent = new Client(web.baseUrl, null);
  const res = await agent.request('POST', '/api/agent/enroll', {
    joinToken: created.body.joinToken,
    facts,
  });
  assert.equal(res.status, 200);
  return res.body as unknown as EnrollResponse;
}

/** A signed-in browser's /ui socket (Origin and cookie as a browser sends them). */
export async function uiSocket(web: RunningWeb, client: Client): Promise<Socket> {
  const s = io(`${web.baseUrl}/ui`, {
    transports: ['websocket'],
    reconnection: false,
    // Own connection: a multiplexed one would reuse another socket's headers and auth.
    forceNew: true,
    extraHeaders: { origin: web.baseUrl, cookie: client.cookie ?? '' },
  });
  openSockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

export async function userClient(
  web: RunningWeb,
  admin: Client,
  username: string,
  role: 'admin' | 'operator' | 'viewer',
): Promise<Client> {
  assert.equal(admin.baseUrl, web.baseUrl);
  return readyUser(admin, username, `${username}-password-1`, role);
}

/** Resolves with the next `event` payload on `s` that matches. */
export function next<T>(s: Socket, event: string, match: (p: T) => boolean = () => true) {
  return new Promise<T>((resolve) => {
    const on = (p: T) => {
      if (!match(p)) return;
      s.off(event, on);
      resolve(p);
    };
    s.on(event, on);
  });
}

export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}
