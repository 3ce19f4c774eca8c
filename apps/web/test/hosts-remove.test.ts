import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { openDatabase } from '@berth/db';
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
import { containerSummary } from './support/summaries.js';

/**
 * Removing a host (issue 12, bug 4) and offline hosts named by name (bug 5): an admin removes a
 * host and everything mirrored from it goes (containers, stats history, images, layers,
 * networks); its agent is cut off and its credential stops working; nobody else may remove one;
 * errors about a host that cannot be reached name it, never by its internal id.
 */
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

const image = {
  id: `sha256:${'1'.repeat(64)}`,
  repoTags: ['img:latest'],
  repoDigests: [],
  size: 1000,
  created: null,
  platform: { os: 'linux', architecture: 'amd64' },
  dangling: false,
  layers: [`sha256:${'7'.repeat(64)}`],
};

async function rowsOf(hostId: string) {
  const db = await openDatabase(web.databaseUrl);
  try {
    const p = db.prisma;
    return {
      host: await p.host.count({ where: { id: hostId } }),
      containers: await p.container.count({ where: { hostId } }),
      stats: await p.statsRollup.count({ where: { container: { hostId } } }),
      images: await p.image.count({ where: { hostId } }),
      layers: await p.layer.count({ where: { hostId } }),
      tokens: await p.joinToken.count({ where: { hostId } }),
    };
  } finally {
    await db.close();
  }
}

test('an admin removes a host: it and everything mirrored from it go, its agent is cut off for good', async () => {
  const cred = await enrolledHost(web, admin, 'doomed');
  const { socket: agent } = await fakeAgent(web, cred, () => ({}));
  await agent.timeout(5000).emitWithAck('inventory.containers', {
    containers: [containerSummary('a', 'one'), containerSummary('b', 'two', { state: 'exited' })],
  });
  await agent.timeout(5000).emitWithAck('inventory.images', { images: [image] });
  const db = await openDatabase(web.databaseUrl);
  try {
    await db.prisma.statsRollup.create({
      data: { containerId: `${cred.hostId}:${'a'.repeat(64)}`, minute: new Date(), samples: 6 },
    });
  } finally {
    await db.close();
  }
  const before = await eventually(
    () => rowsOf(cred.hostId),
    (r) => r.images === 1 && r.containers === 2,
  );
  assert.deepEqual(before, { host: 1, containers: 2, stats: 1, images: 1, layers: 1, tokens: 1 });

  const operator = await userClient(web, admin, 'oscar', 'operator');
  const refused = await operator.request('DELETE', `/api/hosts/${cred.hostId}`);
  assert.equal(refused.status, 403);
  assert.equal((await rowsOf(cred.hostId)).host, 1);

  const ui = await uiSocket(web, admin);
  const removedPush = next<{ hostId: string }>(ui, 'hosts.removed');
  const cut = new Promise<void>((resolve) => agent.once('disconnect', () => resolve()));
  const res = await admin.request('DELETE', `/api/hosts/${cred.hostId}`);
  assert.equal(res.status, 204);
  assert.deepEqual(await removedPush, { hostId: cred.hostId });
  await cut;
  assert.deepEqual(await rowsOf(cred.hostId), {
    host: 0,
    containers: 0,
    stats: 0,
    images: 0,
    layers: 0,
    tokens: 0,
  });
  assert.equal((await admin.request('GET', `/api/hosts/${cred.hostId}`)).status, 404);
  const list = await admin.request('GET', '/api/containers');
  assert.equal(
    (list.body.containers as { hostId: string }[]).filter((c) => c.hostId === cred.hostId).length,
    0,
  );

  // Its credential no longer opens a socket.
  const again = io(`${web.baseUrl}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { hostId: cred.hostId, credential: cred.credential, agentVersion: '0.1.0-test' },
  });
  openSockets.push(again);
  const refusal = await new Promise<string>((resolve) => {
    again.once('connect', () => resolve('connected'));
    again.once('connect_error', (err) => resolve(err.message));
  });
  assert.match(refusal, /UNAUTHENTICATED/);

  const audit = await admin.request('GET', '/api/audit?action=host.remove');
  const entry = (audit.body.events as { outcome: string; detail: string }[])[0];
  assert.equal(entry?.outcome, 'success');
  assert.deepEqual(
    { ...JSON.parse(entry?.detail ?? '{}'), status: undefined },
    { name: 'doomed', containers: 2, images: 1, networks: 0, statsMinutes: 1, status: undefined },
  );
  assert.equal((await admin.request('DELETE', `/api/hosts/${cred.hostId}`)).status, 404);
  ui.close();
});

test('actions on an offline host fail with its name, never its internal id', async () => {
  const cred = await enrolledHost(web, admin, 'away-host');
  const { socket: agent } = await fakeAgent(web, cred, () => ({}));
  const box = containerSummary('c', 'box');
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [box] });
  agent.close();
  await eventually(
    async () => (await admin.request('GET', `/api/hosts/${cred.hostId}`)).body.host,
    (h) => (h as { status: string }).status === 'offline',
  );
  for (const [method, path] of [
    ['POST', `/api/hosts/${cred.hostId}/containers/${box.id}/stop`],
    ['POST', `/api/hosts/${cred.hostId}/containers/${box.id}/start`],
    ['DELETE', `/api/hosts/${cred.hostId}/containers/${box.id}`],
    ['GET', `/api/hosts/${cred.hostId}/containers/${box.id}`],
  ] as const) {
    const res = await admin.request(method, path, method === 'POST' ? {} : undefined);
    assert.equal(res.status, 503, `${method} ${path}`);
    const message = String(res.body.message);
    assert.match(message, /host away-host is offline/);
    assert.ok(!message.includes(cred.hostId), `no internal id in "${message}"`);
  }
  // The container is still there, and shows no transition left behind.
  const list = await admin.request('GET', `/api/containers?host=${cred.hostId}`);
  const row = (list.body.containers as { state: string; transition?: string | null }[])[0];
  assert.equal(row?.state, 'running');
  assert.equal(row?.transition ?? null, null);
});
