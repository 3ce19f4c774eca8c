import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  next,
  openSockets,
  uiSocket,
  userClient,
} from './support/fake-agent.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
const CID = 'c'.repeat(64);
let web: RunningWeb;
let admin: Client;
let operator: Client;
let viewer: Client;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  operator = await userClient(web, admin, 'oscar', 'operator');
  viewer = await userClient(web, admin, 'vera', 'viewer');
});
after(async () => {
  for (const s of openSockets) s.close();
  await web?.stop();
});

type Ack<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
type Opened = { sessionId: string; cmd: string[]; containerId: string };

function terminalAgent(rpcHandled: (m: string, p: Record<string, unknown>) => void = () => {}) {
  return (method: string, params: Record<string, unknown>) => {
    rpcHandled(method, params);
    if (method === 'terminal.open') {
      const cmd = params.cmd === 'auto' ? ['/bin/bash'] : (params.cmd as string[]);
      return { ok: true, sessionId: params.sessionId, cmd, containerId: CID };
    }
    if (method === 'terminal.resize') return { ok: true };
    if (method === 'terminal.close') return { ok: true, closed: true };
    if (method === 'terminal.detach') return { ok: true, detached: true };
    if (method === 'terminal.attach') {
      return {
        ok: true,
        sessionId: params.sessionId,
        cmd: ['/bin/sh'],
        containerId: CID,
        replayed: 0,
      };
    }
    if (method === 'stats.subscribe' || method === 'stats.unsubscribe') {
      return { containerIds: [], unknown: [], host: false };
    }
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  };
}

async function open(ui: Socket, hostId: string, shell = '/bin/sh') {
  return (await ui.timeout(5000).emitWithAck('terminal.open', {
    hostId,
    containerId: 'web',
    cols: 80,
    rows: 24,
    shell,
  })) as Ack<Opened>;
}

async function audit(action: string) {
  const res = await admin.request('GET', `/api/audit?action=${action}&pageSize=100`);
  const rows = res.body.events as {
    action: string;
    actorName: string;
    outcome: string;
    target: string | null;
    detail: string | null;
  }[];
  return rows.map((r) => ({
    ...r,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}

test('operator terminal: binary frames both ways, ack, resize, exit code, audited open and close', async () => {
  const cred = await enrolledHost(web, admin, 'term-host');
  const agent = await fakeAgent(web, cred, terminalAgent());
  const ui = await uiSocket(web, operator);

  const opened = await open(ui, cred.hostId, 'auto');
  assert.equal(opened.ok, true, JSON.stringify(opened));
  if (!opened.ok) return;
  const { sessionId } = opened.result;
  assert.deepEqual(opened.result.cmd, ['/bin/bash']);
  const openCall = agent.calls.find((c) => c.method === 'terminal.open')!;
  assert.equal(openCall.params.sessionId, sessionId, 'the web picks the agent session id');
  assert.equal(openCall.params.cmd, 'auto');
  assert.equal(openCall.params.containerId, 'web');

  // agent → browser: raw bytes, including a split UTF-8 sequence, arrive unchanged
  const out = Buffer.from([0x68, 0x69, 0xe2, 0x82]);
  const data = next<{ sessionId: string; data: Buffer }>(ui, 'terminal.data');
  agent.socket.emit('terminal.data', { sessionId, data: out });
  const got = await data;
  assert.equal(got.sessionId, sessionId);
  assert.ok(Buffer.isBuffer(got.data), 'binary attachment, not text');
  assert.deepEqual([...got.data], [...out]);

  // browser → agent: keystrokes and the ack after writing
  const input = next<{ sessionId: string; data: Buffer }>(agent.socket, 'terminal.input');
  ui.emit('terminal.input', { sessionId, data: Buffer.from('ls\r') });
  const typed = await input;
  assert.equal(typed.sessionId, sessionId);
  assert.equal(Buffer.from(typed.data).toString(), 'ls\r');
  const ack = next<{ sessionId: string; bytes: number }>(agent.socket, 'terminal.ack');
  ui.emit('terminal.ack', { sessionId, bytes: out.byteLength });
  assert.deepEqual(await ack, { sessionId, bytes: 4 });

  const resized = (await ui
    .timeout(5000)
    .emitWithAck('terminal.resize', { sessionId, cols: 120, rows: 40 })) as Ack<unknown>;
  assert.equal(resized.ok, true);
  const resizeCall = agent.calls.find((c) => c.method === 'terminal.resize')!;
  assert.deepEqual(resizeCall.params, { sessionId, cols: 120, rows: 40 });

  // Another browser (even the same user) cannot type into this session.
  const other = await uiSocket(web, operator);
  const foreign = (await other
    .timeout(5000)
    .emitWithAck('terminal.resize', { sessionId, cols: 10, rows: 10 })) as Ack<unknown>;
  assert.equal(foreign.ok, false);
  // Oversized and empty frames are refused before reaching the agent.
  const big = (await ui.timeout(5000).emitWithAck('terminal.input', {
    sessionId,
    data: Buffer.alloc(64 * 1024 + 1),
  })) as Ack<unknown>;
  assert.equal(!big.ok && big.error.code, 'INVALID_ARGUMENT');

  const exit = next<{ sessionId: string; exitCode: number; reason: string }>(ui, 'terminal.exit');
  agent.socket.emit('terminal.exit', { sessionId, exitCode: 3, reason: 'exited' });
  assert.deepEqual(await exit, { sessionId, exitCode: 3, reason: 'exited' });

  const opens = await audit('terminal.open');
  const mine = opens.find((e) => e.detail?.sessionId === sessionId)!;
  assert.equal(mine.actorName, 'oscar');
  assert.equal(mine.outcome, 'success');
  assert.equal(mine.target, `container:${cred.hostId}:${CID}`);
  const closes = await eventually(
    () => audit('terminal.close'),
    (rows) => rows.some((e) => e.detail?.sessionId === sessionId),
  );
  const closed = closes.find((e) => e.detail?.sessionId === sessionId)!;
  assert.equal(closed.detail?.exitCode, 3);
  assert.equal(typeof closed.detail?.durationMs, 'number');
  assert.ok(closed.detail?.startedAt && closed.detail?.endedAt);
  ui.close();
  other.close();
  agent.socket.close();
});

test('viewer: terminal.open refused as not allowed, audited as denied, agent never asked', async () => {
  const cred = await enrolledHost(web, admin, 'term-viewer-host');
  const agent = await fakeAgent(web, cred, terminalAgent());
  const ui = await uiSocket(web, viewer);
  const res = await open(ui, cred.hostId);
  assert.equal(res.ok, false);
  if (res.ok) return;
  assert.equal(res.error.code, 'PERMISSION_DENIED');
  assert.match(res.error.message, /not allowed/);
  assert.equal(agent.calls.filter((c) => c.method === 'terminal.open').length, 0);
  const rows = await audit('terminal.open');
  assert.ok(rows.some((e) => e.actorName === 'vera' && e.outcome === 'denied'));
  ui.close();
  agent.socket.close();
});

test('a page that goes away detaches its session (it lives on the agent); agent loss tells the browser', async () => {
  const cred = await enrolledHost(web, admin, 'term-drop-host');
  const agent = await fakeAgent(web, cred, terminalAgent());
  const ui = await uiSocket(web, operator);
  const first = await open(ui, cred.hostId);
  assert.ok(first.ok);
  const sessionId = first.ok ? first.result.sessionId : '';
  ui.close();
  const detachCall = await eventually(
    async () => agent.calls.find((c) => c.method === 'terminal.detach'),
    (c) => c !== undefined,
  );
  assert.deepEqual(detachCall?.params, { sessionId });
  assert.equal(
    agent.calls.filter((c) => c.method === 'terminal.close').length,
    0,
    'the shell lives on',
  );

  const ui2 = await uiSocket(web, operator);
  const second = await open(ui2, cred.hostId);
  assert.ok(second.ok);
  const lost = next<{ sessionId: string; state: string }>(ui2, 'terminal.state');
  agent.socket.close();
  assert.deepEqual(await lost, {
    sessionId: second.ok ? second.result.sessionId : '',
    state: 'connection lost',
  });
  // Offline host: a new session, and coming back to the old one, fail as UNAVAILABLE (the pane
  // keeps trying to come back: the agent keeps the session for its grace time).
  const retry = await open(ui2, cred.hostId);
  assert.equal(!retry.ok && retry.error.code, 'UNAVAILABLE');
  const back = await attach(ui2, second.ok ? second.result.sessionId : '');
  assert.equal(!back.ok && back.error.code, 'UNAVAILABLE');
  ui2.close();
});

async function attach(ui: Socket, sessionId: string) {
  return (await ui
    .timeout(5000)
    .emitWithAck('terminal.attach', { sessionId, cols: 100, rows: 30 })) as Ack<Opened>;
}

test('its owner comes back to a session from a new page: the agent replays it there; audited', async () => {
  const cred = await enrolledHost(web, admin, 'term-back-host');
  const agent = await fakeAgent(web, cred, terminalAgent());
  const tab = await uiSocket(web, operator);
  const opened = await open(tab, cred.hostId);
  assert.ok(opened.ok);
  const sessionId = opened.ok ? opened.result.sessionId : '';
  tab.close(); // a reload: the page goes, the session stays
  await eventually(
    async () => agent.calls.some((c) => c.method === 'terminal.detach'),
    (x) => x,
  );
  // Output while no page shows it goes nowhere (the agent keeps it in its scrollback).
  agent.socket.emit('terminal.data', { sessionId, data: Buffer.from('while away') });

  const reloaded = await uiSocket(web, operator);
  const replay = next<{ sessionId: string; data: Buffer }>(reloaded, 'terminal.data');
  // The agent sends the scrollback ahead of its answer; it must reach the new page.
  agent.socket.on('rpc', (req: { method: string; params: { sessionId: string } }) => {
    if (req.method === 'terminal.attach')
      agent.socket.emit('terminal.data', {
        sessionId: req.params.sessionId,
        data: Buffer.from('$ '),
      });
  });
  const back = await attach(reloaded, sessionId);
  assert.equal(back.ok, true, JSON.stringify(back));
  assert.equal(Buffer.from((await replay).data).toString(), '$ ');
  const attachCall = agent.calls.find((c) => c.method === 'terminal.attach')!;
  assert.deepEqual(attachCall.params, { sessionId, cols: 100, rows: 30 });
  // The new page steers it now.
  const input = next<{ sessionId: string; data: Buffer }>(agent.socket, 'terminal.input');
  reloaded.emit('terminal.input', { sessionId, data: Buffer.from('ls\r') });
  assert.equal(Buffer.from((await input).data).toString(), 'ls\r');
  const rows = await eventually(
    () => audit('terminal.attach'),
    (r) => r.some((e) => e.detail?.sessionId === sessionId),
  );
  const entry = rows.find((e) => e.detail?.sessionId === sessionId)!;
  assert.equal(entry.actorName, 'oscar');
  assert.equal(entry.outcome, 'success');

  // A second page of the same user takes it over; the first is told.
  const other = await uiSocket(web, operator);
  const told = next<{ sessionId: string; state: string }>(reloaded, 'terminal.state');
  assert.equal((await attach(other, sessionId)).ok, true);
  assert.deepEqual(await told, { sessionId, state: 'attached elsewhere' });
  const stale = (await reloaded
    .timeout(5000)
    .emitWithAck('terminal.resize', { sessionId, cols: 10, rows: 10 })) as Ack<unknown>;
  assert.equal(stale.ok, false, 'the page that lost it no longer steers it');

  // "End session" ends it on the agent.
  const closed = (await other.timeout(5000).emitWithAck('terminal.close', { sessionId })) as Ack<{
    closed: boolean;
  }>;
  assert.deepEqual(closed.ok && closed.result, { closed: true });
  assert.ok(
    agent.calls.some((c) => c.method === 'terminal.close' && c.params.sessionId === sessionId),
  );
  assert.equal((await attach(other, sessionId)).ok, false, 'an ended session cannot be attached');
  reloaded.close();
  other.close();
  agent.socket.close();
});

test('abuse: another user’s session id is refused as no such session, audited, the agent never asked', async () => {
  const cred = await enrolledHost(web, admin, 'term-abuse-host');
  const agent = await fakeAgent(web, cred, terminalAgent());
  const mine = await uiSocket(web, operator);
  const opened = await open(mine, cred.hostId);
  assert.ok(opened.ok);
  const sessionId = opened.ok ? opened.result.sessionId : '';
  mine.close();
  await eventually(
    async () => agent.calls.some((c) => c.method === 'terminal.detach'),
    (x) => x,
  );

  // Another operator — and an admin — cannot take it, attached or detached.
  const intruder = await userClient(web, admin, 'ivan', 'operator');
  for (const who of [intruder, admin]) {
    const s = await uiSocket(web, who);
    const res = await attach(s, sessionId);
    assert.equal(res.ok, false);
    if (!res.ok) {
      assert.equal(res.error.code, 'NOT_FOUND');
      assert.doesNotMatch(res.error.message, /another user|oscar/);
    }
    const typed = (await s
      .timeout(5000)
      .emitWithAck('terminal.input', { sessionId, data: Buffer.from('id\r') })) as Ack<unknown>;
    assert.equal(typed.ok, false);
    s.close();
  }
  // A viewer may not attach at all.
  const v = await uiSocket(web, viewer);
  const refused = await attach(v, sessionId);
  assert.equal(!refused.ok && refused.error.code, 'PERMISSION_DENIED');
  v.close();
  assert.equal(agent.calls.filter((c) => c.method === 'terminal.attach').length, 0);
  const denied = await eventually(
    () => audit('terminal.attach'),
    (r) => r.filter((e) => e.outcome === 'denied').length >= 3,
  );
  assert.ok(denied.some((e) => e.actorName === 'ivan' && e.outcome === 'denied'));
  // The owner still can.
  const owner = await uiSocket(web, operator);
  assert.equal((await attach(owner, sessionId)).ok, true);
  owner.close();
  agent.socket.close();
});
