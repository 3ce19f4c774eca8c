import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '@berth/db';
import type { EnrollResponse } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, readyUser } from './support/http.js';
import {
  enrolledHost as enrollHost,
  eventually,
  fakeAgent as startFakeAgent,
  openSockets,
  uiSocket as openUiSocket,
  type RpcHandler,
} from './support/fake-agent.js';
import { containerSummary } from './support/summaries.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
});
after(async () => {
  for (const s of openSockets) s.close();
  await web?.stop();
});

/** The shared fake agent, bound to this file's web: resolves with its socket. */
const fakeAgent = async (cred: EnrollResponse, onRpc: RpcHandler) =>
  (await startFakeAgent(web, cred, onRpc)).socket;
const enrolledHost = (name: string) => enrollHost(web, admin, name);
const uiSocket = (client: Client) => openUiSocket(web, client);
const summary = containerSummary;

interface Row {
  id: string;
  hostId: string;
  engineId: string;
  name: string;
  state: string;
  exitCode: number | null;
}
async function containersOf(hostId: string): Promise<Row[]> {
  const res = await admin.request('GET', `/api/containers?host=${hostId}`);
  assert.equal(res.status, 200);
  return res.body.containers as Row[];
}

test('inventory.containers is mirrored into the database and pushed to /ui readers', async () => {
  const cred = await enrolledHost('inv-host');
  const ui = await uiSocket(admin);
  const pushes: { hostId: string; upserted: Row[]; removed: string[] }[] = [];
  ui.on('containers.changed', (p: (typeof pushes)[number]) => pushes.push(p));
  const agent = await fakeAgent(cred, () => ({}));
  const ack = (await agent.timeout(5000).emitWithAck('inventory.containers', {
    containers: [summary('a', 'web'), summary('b', 'db', { state: 'exited', exitCode: 137 })],
  })) as { ok: boolean };
  assert.equal(ack.ok, true);

  const rows = await containersOf(cred.hostId);
  assert.deepEqual(rows.map((r) => [r.name, r.state, r.exitCode]).sort(), [
    ['db', 'exited', 137],
    ['web', 'running', null],
  ]);
  assert.equal(rows[0]?.id, `${cred.hostId}:${rows[0]?.engineId}`);
  const push = await eventually(
    async () => pushes.find((p) => p.hostId === cred.hostId),
    (p) => p !== undefined,
  );
  assert.equal(push?.upserted.length, 2);

  // The same list again changes nothing and pushes nothing.
  const before = pushes.length;
  await agent.timeout(5000).emitWithAck('inventory.containers', {
    containers: [summary('a', 'web'), summary('b', 'db', { state: 'exited', exitCode: 137 })],
  });
  await agent.timeout(5000).emitWithAck('agent.heartbeat', { ts: Date.now(), uptimeSec: 1 });
  assert.equal(pushes.length, before);

  // Images: mirrored with their layers (shared layers once).
  const layer = (c: string) => `sha256:${c.repeat(64)}`;
  const image = (c: string, layers: string[]) => ({
    id: `sha256:${c.repeat(64)}`,
    repoTags: [`img-${c}:latest`],
    repoDigests: [],
    size: 1000,
    created: null,
    platform: { os: 'linux', architecture: 'amd64' },
    dangling: false,
    layers,
  });
  const imgAck = (await agent.timeout(5000).emitWithAck('inventory.images', {
    images: [image('1', [layer('7'), layer('8')]), image('2', [layer('7')])],
  })) as { ok: boolean };
  assert.equal(imgAck.ok, true);
  const db = await openDatabase(web.databaseUrl);
  try {
    assert.equal(await db.prisma.image.count({ where: { hostId: cred.hostId } }), 2);
    assert.equal(await db.prisma.layer.count({ where: { hostId: cred.hostId } }), 2);
    assert.equal(
      await db.prisma.imageLayer.count({ where: { layerId: `${cred.hostId}:${layer('7')}` } }),
      2,
    );
  } finally {
    await db.close();
  }
  agent.close();
  ui.close();
});

test('a forged or malformed inventory is rejected without crashing and changes nothing', async () => {
  const cred = await enrolledHost('bad-inv-host');
  const agent = await fakeAgent(cred, () => ({}));
  await agent.timeout(5000).emitWithAck('inventory.containers', {
    containers: [summary('c', 'keep')],
  });
  const bad = [
    { containers: [{ id: 'not-hex', name: 'x' }] },
    { containers: 'all of them' },
    { containers: [summary('d', 'x', { state: 'exploded' as never })] },
    null,
  ];
  for (const payload of bad) {
    const nack = (await agent.timeout(5000).emitWithAck('inventory.containers', payload)) as {
      ok: boolean;
      error?: { code: string };
    };
    assert.equal(nack.ok, false);
    assert.equal(nack.error?.code, 'INVALID_ARGUMENT');
  }
  assert.ok(agent.connected);
  assert.deepEqual(
    (await containersOf(cred.hostId)).map((r) => r.name),
    ['keep'],
  );
  agent.close();
});

test('actions go to the agent as RPCs; its answer is mirrored; refusals come back with its message', async () => {
  const cred = await enrolledHost('act-host');
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const web1 = summary('e', 'web1');
  const agent = await fakeAgent(cred, (method, params) => {
    calls.push({ method, params });
    if (method === 'container.stop') return { ...web1, state: 'exited', exitCode: 143 };
    if (method === 'container.pause') {
      throw Object.assign(new Error('container web1 is not running'), {
        code: 'FAILED_PRECONDITION',
      });
    }
    if (method === 'container.remove') return { id: web1.id };
    throw Object.assign(new Error(`not in this test: ${method}`), { code: 'UNIMPLEMENTED' });
  });
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [web1] });
  const base = `/api/hosts/${cred.hostId}/containers/${web1.id}`;

  const stop = await admin.request('POST', `${base}/stop`, { timeout: 3 });
  assert.equal(stop.status, 200, JSON.stringify(stop.body));
  assert.deepEqual(calls.at(-1), {
    method: 'container.stop',
    params: { ref: web1.id, timeout: 3 },
  });
  assert.equal((stop.body.container as Row).state, 'exited');
  assert.equal((await containersOf(cred.hostId))[0]?.state, 'exited');

  const refused = await admin.request('POST', `${base}/pause`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'FAILED_PRECONDITION');
  assert.match(refused.body.message ?? '', /not running/);

  assert.equal((await admin.request('POST', `${base}/explode`)).status, 404);
  assert.equal((await admin.request('POST', `${base}/stop`, { timeout: -1 })).status, 400);
  const badCreate = await admin.request('POST', `/api/hosts/${cred.hostId}/containers`, {
    image: 'busybox',
    env: ['NOEQUALS'],
  });
  assert.equal(badCreate.status, 400);
  assert.ok(
    !calls.some((c) => c.method === 'container.create'),
    'invalid bodies never reach the agent',
  );

  // Viewers may read but not act.
  const vera = await readyUser(admin, 'vera', 'viewer-password-1', 'viewer');
  const count = calls.length;
  assert.equal((await vera.request('POST', `${base}/start`)).status, 403);
  assert.equal((await vera.request('DELETE', `${base}?force=true`)).status, 403);
  assert.equal((await vera.request('GET', `/api/containers?host=${cred.hostId}`)).status, 200);
  assert.equal(calls.length, count, 'a denied action never reaches the agent');

  const removed = await admin.request('DELETE', `${base}?force=true`);
  assert.equal(removed.status, 200);
  assert.deepEqual(calls.at(-1)?.params, { ref: web1.id, force: true });
  assert.deepEqual(await containersOf(cred.hostId), []);

  const audit = await admin.request('GET', `/api/audit?action=container.`);
  const actions = (audit.body.events as { action: string; outcome: string }[]).map(
    (e) => `${e.action}:${e.outcome}`,
  );
  for (const a of [
    'container.stop:success',
    'container.pause:failure',
    'container.remove:success',
  ]) {
    assert.ok(actions.includes(a), `audited ${a}: ${actions.join(', ')}`);
  }
  const denied = await admin.request('GET', '/api/audit?action=containers.operate&outcome=denied');
  assert.ok((denied.body.events as { actorName: string }[]).some((e) => e.actorName === 'vera'));

  agent.close();
  const offline = await admin.request('POST', `${base}/start`);
  assert.equal(offline.status, 503);
});

test('after an agent reconnects with a different list, the mirror converges', async () => {
  const cred = await enrolledHost('conv-host');
  const first = await fakeAgent(cred, () => ({}));
  await first.timeout(5000).emitWithAck('inventory.containers', {
    containers: [summary('1', 'one'), summary('2', 'two'), summary('3', 'three')],
  });
  assert.equal((await containersOf(cred.hostId)).length, 3);
  first.close();
  await eventually(
    async () =>
      (await admin.request('GET', `/api/hosts/${cred.hostId}`)).body.host as { status: string },
    (h) => h.status === 'offline',
  );
  assert.equal((await containersOf(cred.hostId)).length, 3, 'kept while the host is offline');

  const second = await fakeAgent(cred, () => ({}));
  // "two" was renamed to "one" after "one" was removed: names stay unique per host.
  await second.timeout(5000).emitWithAck('inventory.containers', {
    containers: [summary('2', 'one', { state: 'exited', exitCode: 0 }), summary('4', 'four')],
  });
  const rows = await containersOf(cred.hostId);
  assert.deepEqual(rows.map((r) => `${r.name}:${r.state}`).sort(), ['four:running', 'one:exited']);

  second.emit('container.event', {
    kind: 'container',
    type: 'die',
    id: summary('2', 'one').id,
    name: 'one',
    image: 'busybox',
    at: new Date().toISOString(),
    exitCode: 0,
  });
  const events = await eventually(
    async () =>
      (await admin.request('GET', `/api/events?kind=container&host=${cred.hostId}`)).body
        .events as { action: string; actorName: string }[],
    (e) => e.length > 0,
  );
  assert.equal(events[0]?.action, 'container.die');
  assert.equal(events[0]?.actorName, 'agent:conv-host');
  second.close();
});

test('logs: tail through the RPC, download as text, live follow relayed to that browser only', async () => {
  const cred = await enrolledHost('logs-host');
  const c1 = summary('f', 'talker');
  const rpcs: { method: string; params: Record<string, unknown> }[] = [];
  const line = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({
    stream,
    time: '2026-01-01T10:00:00.000000001Z',
    text,
  });
  const agent = await fakeAgent(cred, (method, params) => {
    rpcs.push({ method, params });
    if (method === 'container.logs')
      return { entries: [line('hello'), line('oops', 'stderr')], truncated: false };
    if (method === 'logs.follow') return { followId: params.followId, containerId: c1.id };
    if (method === 'logs.unfollow') return { stopped: true };
    throw Object.assign(new Error(method), { code: 'UNIMPLEMENTED' });
  });
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [c1] });
  const base = `/api/hosts/${cred.hostId}/containers/${c1.id}`;

  const tail = await admin.request('GET', `${base}/logs?tail=10`);
  assert.equal(tail.status, 200);
  assert.deepEqual(rpcs.at(-1), { method: 'container.logs', params: { ref: c1.id, tail: 10 } });
  assert.equal((tail.body.entries as unknown[]).length, 2);
  const file = await fetch(`${web.baseUrl}${base}/logs?download=true`, {
    headers: { cookie: admin.cookie ?? '' },
  });
  assert.match(file.headers.get('content-disposition') ?? '', /attachment/);
  assert.match(await file.text(), /stderr oops\n/);
  assert.equal((await admin.request('GET', `${base}/logs?tail=99999`)).status, 400);

  const ui = await uiSocket(admin);
  const other = await uiSocket(admin);
  const got: { followId: string; entries: { text: string }[] }[] = [];
  const leaked: unknown[] = [];
  ui.on('logs.data', (p: (typeof got)[number]) => got.push(p));
  other.on('logs.data', (p: unknown) => leaked.push(p));
  const ack = (await ui.timeout(5000).emitWithAck('logs.follow', {
    followId: 'mine',
    hostId: cred.hostId,
    containerId: c1.id,
    tail: 0,
  })) as { ok: boolean; result: { followId: string } };
  assert.equal(ack.ok, true);
  const follow = rpcs.find((r) => r.method === 'logs.follow');
  const agentFollowId = follow?.params.followId as string;
  assert.ok(agentFollowId && agentFollowId !== 'mine', 'the agent gets the web’s own follow id');
  agent.emit('logs.data', { followId: agentFollowId, entries: [line('live!')] });
  agent.emit('logs.data', { followId: 'someone-elses', entries: [line('nope')] });
  const data = await eventually(
    async () => got,
    (g) => g.length > 0,
  );
  assert.deepEqual(data[0], { followId: 'mine', entries: [line('live!')] });

  const bad = (await ui.timeout(5000).emitWithAck('logs.follow', { followId: 'x', hostId: 1 })) as {
    ok: boolean;
    error: { code: string };
  };
  assert.equal(bad.error.code, 'INVALID_ARGUMENT');

  ui.close();
  await eventually(
    async () => rpcs.some((r) => r.method === 'logs.unfollow'),
    (v) => v,
  );
  assert.deepEqual(rpcs.find((r) => r.method === 'logs.unfollow')?.params, {
    followId: agentFollowId,
  });
  assert.deepEqual(leaked, []);
  other.close();
  agent.close();
});
