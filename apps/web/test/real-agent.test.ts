import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import {
  buildBusyboxImage,
  pushTestImage,
  startRegistry,
  waitFor,
  type TestRegistry,
} from '@berth/testkit';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import { openSockets, uiSocket } from './support/fake-agent.js';
import { startRealAgent, type RealAgent } from './support/real-agent.js';

// The web with a real enrolled agent (real runc/conmon containers): what only the two together
// show — the stop deadline of a container with a long stop timeout, and terminal bytes the
// browser sends reaching the container's PTY as they are.

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
let registry: TestRegistry;
let agent: RealAgent | undefined;
let hostId: string;
let image: string;
const created: string[] = [];

before(async () => {
  registry = await startRegistry();
  image = `${registry.host}/web-real/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: 'all' }));
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const host = await admin.request('POST', '/api/hosts', { name: 'real-agent' });
  assert.equal(host.status, 201, JSON.stringify(host.body));
  hostId = (host.body.host as { id: string }).id;
  agent = await startRealAgent([
    '--server',
    web.baseUrl,
    '--join-token',
    host.body.joinToken as string,
    '--bridge',
    `bw${process.pid.toString(36).slice(-6)}`,
  ]);
  await waitFor(
    'the agent online',
    async () => {
      const res = await admin.request('GET', '/api/hosts');
      const hosts = res.body.hosts as { id: string; status: string }[];
      return hosts.find((h) => h.id === hostId && h.status === 'online');
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const pulled = await admin.request('POST', `/api/hosts/${hostId}/images/pull`, {
    ref: image,
    pullId: 'real-agent-pull',
  });
  assert.equal(pulled.status, 200, JSON.stringify(pulled.body));
});

after(async () => {
  for (const s of openSockets) s.close();
  for (const id of created) {
    await admin
      .request('DELETE', `/api/hosts/${hostId}/containers/${id}?force=true`)
      .catch(() => undefined);
  }
  await agent?.stop();
  await web?.stop();
  await registry?.stop();
});

async function run(name: string, body: Record<string, unknown>): Promise<string> {
  const res = await admin.request('POST', `/api/hosts/${hostId}/containers?start=true`, {
    image,
    name,
    network: 'none',
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const id = res.body.id as string;
  created.push(id);
  return id;
}

test('stop waits for the container’s own stop timeout: not reported failed after a fixed 25 s', async () => {
  // PID 1 ignores SIGTERM (the kernel drops it for an init without a handler): the agent waits
  // the whole 30 s stop timeout, then SIGKILLs. The web used to give up after 10 + 15 s.
  const id = await run('stubborn', { cmd: ['sleep', '1000'], stopTimeout: 30 });
  const res = await admin.request('POST', `/api/hosts/${hostId}/containers/${id}/stop`, {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const container = res.body.container as { state: string; exitCode: number | null };
  assert.deepEqual([container.state, container.exitCode], ['exited', 137]);
  const audit = await admin.request('GET', '/api/audit?action=container.stop&pageSize=10');
  const rows = audit.body.events as { outcome: string; target: string; actorName: string }[];
  assert.deepEqual(
    rows.filter((r) => r.actorName === 'admin' && r.target.endsWith(id)).map((r) => r.outcome),
    ['success'],
  );
});

type Ack<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** Collects a session's output as latin1 text (one char per byte) and acks every frame. */
function collect(ui: Socket, sessionId: () => string) {
  let out = '';
  ui.on('terminal.data', (p: { sessionId: string; data: ArrayBuffer | Buffer }) => {
    if (p.sessionId !== sessionId()) return;
    const bytes = Buffer.from(p.data as ArrayBuffer);
    out += bytes.toString('latin1');
    ui.emit('terminal.ack', { sessionId: p.sessionId, bytes: bytes.length });
  });
  return () => out;
}

test('terminal bytes 0x80–0xff from the browser reach the container’s PTY unchanged', async () => {
  await run('tty', { cmd: ['sleep', '1000'] });
  const ui = await uiSocket(web, admin);
  const session = { id: '' };
  const output = collect(ui, () => session.id);
  const opened = (await ui.timeout(30_000).emitWithAck('terminal.open', {
    hostId,
    containerId: 'tty',
    cols: 80,
    rows: 24,
    shell: '/bin/sh',
  })) as Ack<{ sessionId: string }>;
  assert.ok(opened.ok, JSON.stringify(opened));
  const sessionId = (session.id = opened.result.sessionId);
  const type = (data: Buffer) => ui.emit('terminal.input', { sessionId, data });

  // raw mode: the line discipline passes every byte through; od prints what it read in hex
  // (markers are computed by the shell, so the echoed command line never matches them)
  type(
    Buffer.from('stty raw -echo; echo "RAW$((1+1))"; od -An -tx1 -v -N128; echo "DONE$((40+2))"\r'),
  );
  await waitFor(
    'the terminal in raw mode',
    async () => (output().includes('RAW2') ? true : undefined),
    {
      timeoutMs: 30_000,
    },
  );
  const high = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
  type(high);
  await waitFor('od to print', async () => (output().includes('DONE42') ? true : undefined), {
    timeoutMs: 30_000,
  });
  const dump = output().slice(output().indexOf('RAW2') + 4, output().indexOf('DONE42'));
  const bytes = [...dump.matchAll(/[0-9a-f]{2}/g)].map((m) => Number.parseInt(m[0], 16));
  assert.deepEqual(bytes, [...high], `od read:\n${dump}`);
  ui.emit('terminal.close', { sessionId });
});
