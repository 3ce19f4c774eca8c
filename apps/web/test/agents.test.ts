import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { openDatabase } from '@berth/db';
import { parseHandshakeRejection, type EnrollResponse } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, facts, readyUser } from './support/http.js';
import { eventually } from './support/fake-agent.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
const sockets: Socket[] = [];

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
});
after(async () => {
  for (const s of sockets) s.close();
  await web?.stop();
});

async function createHost(name: string) {
  const res = await admin.request('POST', '/api/hosts', { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as {
    host: { id: string };
    joinToken: string;
    command: string;
    expiresAt: string;
  };
}

/** Agents send no Origin and no cookie. */
async function enroll(joinToken: string, f: unknown = facts) {
  const agent = new Client(web.baseUrl, null);
  return agent.request('POST', '/api/agent/enroll', { joinToken, facts: f });
}

function agentSocket(auth: Record<string, unknown>) {
  const s = io(`${web.baseUrl}/agent`, { transports: ['websocket'], reconnection: false, auth });
  sockets.push(s);
  return s;
}

function connected(s: Socket): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve({ ok: true }));
    s.once('connect_error', (err) => resolve({ ok: false, message: err.message }));
  });
}

async function hostById(id: string) {
  const res = await admin.request('GET', `/api/hosts/${id}`);
  return res.body.host as {
    status: string;
    lastSeenAt: string | null;
    facts: {
      hostname: string | null;
      cgroupVersion: number | null;
      memoryBytes: number | null;
      confinement?: unknown;
    };
  };
}

test('creating a host returns a one-time join token and the one-line command', async () => {
  const created = await createHost('cmd-host');
  assert.match(
    created.joinToken,
    /^bjt1\.[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9_-]{32,128}$/,
    'no fingerprint on plain http',
  );
  // The token rides in the environment, never in argv (test/install.test.ts runs the line).
  assert.equal(
    created.command.replace(/--sha256 [0-9a-f]{64}$/, '--sha256 <sha>'),
    `curl -fsSL ${web.baseUrl}/install.sh | sudo BERTH_JOIN_TOKEN=${created.joinToken} sh -s -- --sha256 <sha>`,
  );
  const minutes = (new Date(created.expiresAt).getTime() - Date.now()) / 60_000;
  assert.ok(minutes > 55 && minutes <= 60, `expires in ~1 h (${minutes})`);
  assert.equal((await createHost('cmd-host2')).host.id.length > 0, true);
  assert.equal((await admin.request('POST', '/api/hosts', { name: 'cmd-host' })).status, 409);
  assert.equal((await admin.request('POST', '/api/hosts', { name: 'bad name!' })).status, 400);
});

test('join tokens: unknown or wrong secret 401, malformed 400, expired and reused 410', async () => {
  const { joinToken, host } = await createHost('token-host');
  const [, id] = joinToken.split('.');
  assert.equal(
    (await enroll(`bjt1.${id}.${'A'.repeat(43)}`)).status,
    401,
    'right id, wrong secret',
  );
  assert.equal((await enroll(`bjt1.unknownid.${'A'.repeat(43)}`)).status, 401);
  assert.equal((await enroll('not-a-token')).status, 400);
  assert.equal((await enroll(joinToken, { ...facts, cpus: -1 })).status, 400);

  const first = await enroll(joinToken);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const reused = await enroll(joinToken);
  assert.equal(reused.status, 410);
  assert.match(reused.body.message ?? '', /already used/);
  assert.equal((await hostById(host.id)).facts.hostname, 'test-box');

  const expiring = await createHost('expired-host');
  const db = await openDatabase(web.databaseUrl);
  try {
    await db.prisma.joinToken.updateMany({
      where: { hostId: expiring.host.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
  } finally {
    await db.close();
  }
  const expired = await enroll(expiring.joinToken);
  assert.equal(expired.status, 410);
  assert.match(expired.body.message ?? '', /expired/);
  const audit = await admin.request('GET', '/api/audit?action=host.enroll&outcome=failure');
  assert.ok((audit.body.events as unknown[]).length >= 4);
});

test('enroll → /agent socket with the credential → hello stores facts and goes online', async () => {
  const { joinToken, host } = await createHost('live-host');
  const res = await enroll(joinToken);
  const cred = res.body as unknown as EnrollResponse;
  assert.equal(cred.hostId, host.id);
  assert.equal(cred.hostName, 'live-host');

  const wrong = agentSocket({ hostId: cred.hostId, credential: 'x'.repeat(43), agentVersion: '0' });
  const refused = await connected(wrong);
  assert.equal(refused.ok, false);
  assert.equal(parseHandshakeRejection(refused.ok ? '' : refused.message), 'UNAUTHENTICATED');
  const garbage = agentSocket({ hostId: 5 });
  const refused2 = await connected(garbage);
  assert.equal(parseHandshakeRejection(refused2.ok ? '' : refused2.message), 'UNAUTHENTICATED');

  const s = agentSocket({
    hostId: cred.hostId,
    credential: cred.credential,
    agentVersion: '0.1.0-test',
  });
  const welcome = new Promise<{ hostId: string; heartbeatSec: number }>((resolve) =>
    s.once('server.welcome', resolve),
  );
  assert.deepEqual(await connected(s), { ok: true });
  assert.equal((await welcome).hostId, cred.hostId);
  const confinement = {
    seccomp: true,
    apparmor: 'berth-default',
    cgroupns: 'private',
    noNewPrivileges: false,
    recursiveReadOnly: true,
  };
  s.emit('agent.hello', {
    facts: { ...facts, hostname: 'renamed-box', cgroupVersion: 2, confinement },
  });
  const online = await eventually(
    () => hostById(host.id),
    (h) => h.status === 'online',
  );
  assert.equal(online.status, 'online');
  assert.equal(online.facts.hostname, 'renamed-box');
  assert.deepEqual(online.facts.confinement, confinement, 'the host page shows it');
  assert.equal(online.facts.cgroupVersion, 2);
  assert.equal(online.facts.memoryBytes, facts.memoryBytes);

  const ack = (await s
    .timeout(5000)
    .emitWithAck('agent.heartbeat', { ts: Date.now(), uptimeSec: 3 })) as { ok: boolean };
  assert.equal(ack.ok, true);

  s.close();
  const offline = await eventually(
    () => hostById(host.id),
    (h) => h.status === 'offline',
  );
  assert.equal(offline.status, 'offline');
});

test('forged and malformed agent events get an error back and change nothing', async () => {
  const { joinToken, host } = await createHost('fuzz-host');
  const cred = (await enroll(joinToken)).body as unknown as EnrollResponse;
  const s = agentSocket({
    hostId: cred.hostId,
    credential: cred.credential,
    agentVersion: '0.1.0',
  });
  assert.deepEqual(await connected(s), { ok: true });
  s.emit('agent.hello', { facts });
  await eventually(
    () => hostById(host.id),
    (h) => h.status === 'online',
  );

  const errors: { code: string; message: string }[] = [];
  s.on('error', (e: { code: string; message: string }) => errors.push(e));
  s.emit('agent.hello', { facts: { ...facts, cpus: 'many' } });
  s.emit('host.delete', { id: host.id });
  s.emit('__proto__', {});
  s.emit('agent.heartbeat', 'not an object');
  const nack = (await s.timeout(5000).emitWithAck('agent.hello', { facts: null })) as {
    ok: boolean;
    error: { code: string };
  };
  assert.equal(nack.ok, false);
  assert.equal(nack.error.code, 'INVALID_ARGUMENT');
  await eventually(
    async () => errors.length,
    (n) => n >= 5,
  );
  assert.ok(errors.length >= 5, `errors: ${errors.length}`);
  assert.ok(errors.every((e) => e.code === 'INVALID_ARGUMENT'));
  assert.ok(s.connected, 'the agent stays connected');
  const h = await hostById(host.id);
  assert.equal(h.status, 'online');
  assert.equal(h.facts.hostname, 'test-box', 'facts unchanged');
  assert.equal(
    (await admin.request('GET', '/api/auth/me')).status,
    200,
    'the server still answers',
  );
  s.close();
});

test('revoke cuts the agent at once; its credential is refused with REVOKED afterwards', async () => {
  const { joinToken, host } = await createHost('doomed-host');
  const cred = (await enroll(joinToken)).body as unknown as EnrollResponse;
  const s = agentSocket({
    hostId: cred.hostId,
    credential: cred.credential,
    agentVersion: '0.1.0',
  });
  assert.deepEqual(await connected(s), { ok: true });
  s.emit('agent.hello', { facts });
  await eventually(
    () => hostById(host.id),
    (h) => h.status === 'online',
  );

  const revokedMsg = new Promise<{ reason: string }>((resolve) =>
    s.once('server.revoked', resolve),
  );
  const disconnected = new Promise<string>((resolve) => s.once('disconnect', resolve));
  const rita = await readyUser(admin, 'rita', 'viewer-password-1', 'viewer');
  assert.equal((await rita.request('POST', `/api/hosts/${host.id}/revoke`)).status, 403);

  const res = await admin.request('POST', `/api/hosts/${host.id}/revoke`);
  assert.equal(res.status, 200);
  assert.equal((res.body.host as { status: string }).status, 'revoked');
  assert.match((await revokedMsg).reason, /revoked by admin/);
  assert.equal(await disconnected, 'io server disconnect');

  const again = agentSocket({
    hostId: cred.hostId,
    credential: cred.credential,
    agentVersion: '0.1.0',
  });
  const refused = await connected(again);
  assert.equal(parseHandshakeRejection(refused.ok ? '' : refused.message), 'REVOKED');
  assert.equal((await hostById(host.id)).status, 'revoked');
  const db = await openDatabase(web.databaseUrl);
  try {
    const row = await db.prisma.host.findUnique({ where: { id: host.id } });
    assert.equal(row?.credentialHash, null, 'the credential hash is gone');
  } finally {
    await db.close();
  }
});

test('rename is validated, unique and audited', async () => {
  const { host } = await createHost('old-name');
  assert.equal(
    (await admin.request('PATCH', `/api/hosts/${host.id}`, { name: 'new-name' })).status,
    200,
  );
  assert.equal(
    (await admin.request('PATCH', `/api/hosts/${host.id}`, { name: 'cmd-host' })).status,
    409,
  );
  assert.equal((await admin.request('PATCH', `/api/hosts/${host.id}`, { name: '' })).status, 400);
  assert.equal((await admin.request('PATCH', '/api/hosts/nope', { name: 'x1' })).status, 404);
  const audit = await admin.request('GET', '/api/audit?action=host.rename');
  assert.ok((audit.body.events as { outcome: string }[]).some((e) => e.outcome === 'success'));
});

test('hub.rpc: UNAVAILABLE when offline, answers through the agent, DEADLINE_EXCEEDED when it stays silent', async () => {
  const { joinToken, host } = await createHost('rpc-host');
  assert.equal((await admin.request('GET', `/api/hosts/${host.id}/ping`)).status, 503);
  const cred = (await enroll(joinToken)).body as unknown as EnrollResponse;
  const s = agentSocket({
    hostId: cred.hostId,
    credential: cred.credential,
    agentVersion: '0.1.0',
  });
  let silent = false;
  s.on('rpc', (req: { method: string }, ack: (r: unknown) => void) => {
    if (silent) return;
    if (req.method === 'system.ping') ack({ ok: true, result: { ts: 42 } });
    else ack({ ok: false, error: { code: 'UNIMPLEMENTED', message: 'no' } });
  });
  assert.deepEqual(await connected(s), { ok: true });
  const ok = await admin.request('GET', `/api/hosts/${host.id}/ping`);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.agentTs, 42);
  silent = true;
  const late = await admin.request('GET', `/api/hosts/${host.id}/ping?timeoutMs=200`);
  assert.equal(late.status, 504);
  assert.equal(late.body.code, 'DEADLINE_EXCEEDED');
  s.close();
});
