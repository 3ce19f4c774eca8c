import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  openSockets,
  uiSocket,
} from './support/fake-agent.js';
import { containerSummary } from './support/summaries.js';

/**
 * Actions under way (issue 12, bug 1): between the web asking an agent and the agent answering,
 * every browser sees the container "stopping" (list, reload, pushes) with its state unchanged;
 * only the agent's answer changes the state, and a failed action ends the transition too.
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

interface Row {
  id: string;
  name: string;
  state: string;
  transition?: string | null;
}
type Push = { hostId: string; upserted: Row[]; removed: string[] };

async function rowOf(hostId: string, name: string): Promise<Row | undefined> {
  const res = await admin.request('GET', `/api/containers?host=${hostId}`);
  assert.equal(res.status, 200);
  return (res.body.containers as Row[]).find((r) => r.name === name);
}

/** A promise and its resolve/reject, to hold an agent's answer until the test lets it go. */
function held<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('a stop shows "stopping" to every browser until the agent answers; the state changes only then', async () => {
  const cred = await enrolledHost(web, admin, 'trans-host');
  const box = containerSummary('a', 'box');
  const answer = held<unknown>();
  const { socket: agent } = await fakeAgent(web, cred, (method) => {
    if (method === 'container.stop') return answer.promise;
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  });
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [box] });
  const ui = await uiSocket(web, admin);
  const pushes: Push[] = [];
  ui.on('containers.changed', (p: Push) => pushes.push(p));

  const stop = admin.request('POST', `/api/hosts/${cred.hostId}/containers/${box.id}/stop`, {
    timeout: 10,
  });
  const during = await eventually(
    () => rowOf(cred.hostId, 'box'),
    (r) => r?.transition === 'stopping',
  );
  assert.equal(during?.state, 'running', 'the state stays what the agent last said');
  await eventually(
    async () => pushes.flatMap((p) => p.upserted).find((r) => r.transition === 'stopping'),
    (r) => r !== undefined,
  );
  // The agent's own inventory push meanwhile does not end it either.
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [box] });
  assert.equal((await rowOf(cred.hostId, 'box'))?.transition, 'stopping');

  answer.resolve({ ...box, state: 'exited', exitCode: 137, finishedAt: '2026-01-01T10:05:00Z' });
  const res = await stop;
  assert.equal(res.status, 200);
  assert.equal((res.body.container as Row).state, 'exited');
  const after = await rowOf(cred.hostId, 'box');
  assert.equal(after?.state, 'exited');
  assert.equal(after?.transition ?? null, null);
  const last = await eventually(
    async () => pushes.flatMap((p) => p.upserted).at(-1),
    (r) => r?.state === 'exited' && (r.transition ?? null) === null,
  );
  assert.equal(last?.transition ?? null, null);
  agent.close();
  ui.close();
});

test('a failed action ends its transition and leaves the state as the agent reported it', async () => {
  const cred = await enrolledHost(web, admin, 'trans-fail-host');
  const box = containerSummary('b', 'stuck');
  const answer = held<unknown>();
  const { socket: agent } = await fakeAgent(web, cred, (method) => {
    if (method === 'container.restart') return answer.promise;
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  });
  await agent.timeout(5000).emitWithAck('inventory.containers', { containers: [box] });
  const restart = admin.request('POST', `/api/hosts/${cred.hostId}/containers/stuck/restart`, {
    timeout: 10,
  });
  await eventually(
    () => rowOf(cred.hostId, 'stuck'),
    (r) => r?.transition === 'restarting',
  );
  answer.reject(Object.assign(new Error('runc failed'), { code: 'INTERNAL' }));
  assert.notEqual((await restart).status, 200);
  const row = await rowOf(cred.hostId, 'stuck');
  assert.equal(row?.state, 'running');
  assert.equal(row?.transition ?? null, null);
  agent.close();
});

test('a create whose image is missing answers NOT_FOUND with details.missingImage; other NOT_FOUNDs stay as they were', async () => {
  const cred = await enrolledHost(web, admin, 'create-pull-host');
  let imageThere = false;
  const { socket: agent } = await fakeAgent(web, cred, (method) => {
    if (method === 'container.create') {
      throw Object.assign(new Error(imageThere ? 'network "x" not found' : 'image not found'), {
        code: 'NOT_FOUND',
      });
    }
    if (method === 'image.inspect') {
      if (imageThere) return {};
      throw Object.assign(new Error('image "busybox:1" not found'), { code: 'NOT_FOUND' });
    }
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  });
  const create = () =>
    admin.request('POST', `/api/hosts/${cred.hostId}/containers?start=true`, {
      image: 'busybox:1',
    });
  const missing = await create();
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body.details, { missingImage: 'busybox:1' });
  assert.equal(missing.body.message, 'image busybox:1 is not on this host yet');
  imageThere = true;
  const other = await create();
  assert.equal(other.status, 404);
  assert.equal(other.body.details, undefined);
  assert.equal(other.body.message, 'network "x" not found');
  agent.close();
});
