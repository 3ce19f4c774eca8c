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
import { Client, readyUser } from './support/http.js';
import { openSockets, uiSocket } from './support/fake-agent.js';
import { startRealAgent, type RealAgent } from './support/real-agent.js';

// The web with a real enrolled agent (real runc/conmon containers): what only the two together
// show — the stop deadline of a container with a long stop timeout, and terminal bytes the
// browser sends reaching the container's PTY as they are; registry credentials an admin stores in
// the web reaching the agent for a pull, a push or a stack's pull from a registry with basic auth.

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
let registry: TestRegistry;
let privateRegistry: TestRegistry;
const REGISTRY_USER = { username: 'ci-bot', password: 'Reg1stry-pass-only-the-web-keeps' };
let privateImage: string;
let agent: RealAgent | undefined;
let hostId: string;
let image: string;
let busybox: Awaited<ReturnType<typeof buildBusyboxImage>>;
const created: string[] = [];

before(async () => {
  registry = await startRegistry();
  privateRegistry = await startRegistry({ auth: REGISTRY_USER });
  image = `${registry.host}/web-real/busybox:1`;
  privateImage = `${privateRegistry.host}/team/busybox:1`;
  busybox = await buildBusyboxImage({ applets: 'all' });
  await pushTestImage(image, busybox);
  await pushTestImage(privateImage, busybox, { auth: REGISTRY_USER });
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
  await privateRegistry?.stop();
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

test('registry credentials stored in the web: an admin pulls and pushes a private image with them; an operator without a grant is refused; the password shows nowhere', async () => {
  const op = await readyUser(admin, 'reg-operator', 'reg-operator-password-1', 'operator');
  const pull = (c: Client, ref: string, pullId: string) =>
    c.request('POST', `/api/hosts/${hostId}/images/pull`, { ref, pullId });
  const responses: unknown[] = [];
  const seen = <T>(r: T) => (responses.push(r), r);

  // Without credentials the registry refuses the agent.
  const anonymous = seen(await pull(admin, privateImage, 'private-0'));
  assert.notEqual(anonymous.status, 200, JSON.stringify(anonymous.body));

  const store = { registry: privateRegistry.host, ...REGISTRY_USER };
  const refused = seen(await op.request('PUT', '/api/registry-credentials', store));
  assert.equal(refused.status, 403, 'operators cannot store credentials');
  assert.equal(seen(await op.request('GET', '/api/registry-credentials')).status, 403);
  const stored = seen(await admin.request('PUT', '/api/registry-credentials', store));
  assert.equal(stored.status, 200, JSON.stringify(stored.body));
  const listed = seen(await admin.request('GET', '/api/registry-credentials'));
  assert.deepEqual(
    (listed.body.credentials as { registry: string; username: string; storedBy: string }[]).map(
      (c) => [c.registry, c.username, c.storedBy],
    ),
    [[privateRegistry.host, REGISTRY_USER.username, 'admin']],
  );

  const denied = seen(await pull(op, privateImage, 'private-1'));
  assert.equal(denied.status, 403, JSON.stringify(denied.body));
  assert.match(String(denied.body.message), /needs the registry credentials an admin stored/);

  const pulled = seen(await pull(admin, privateImage, 'private-2'));
  assert.equal(pulled.status, 200, JSON.stringify(pulled.body));
  assert.ok((pulled.body.image as { repoTags: string[] }).repoTags.includes(privateImage));
  const target = `${privateRegistry.host}/team/pushed:1`;
  const tagged = seen(
    await admin.request('POST', `/api/hosts/${hostId}/images/tag`, {
      source: privateImage,
      target,
    }),
  );
  assert.equal(tagged.status, 200, JSON.stringify(tagged.body));
  const pushed = seen(
    await admin.request('POST', `/api/hosts/${hostId}/images/push`, { ref: target }),
  );
  assert.equal(pushed.status, 200, JSON.stringify(pushed.body));

  // Granted, the operator's pull goes through with the same credentials.
  const grant = await admin.request('POST', '/api/registry-grants', {
    registry: privateRegistry.host,
  });
  assert.equal(grant.status, 201, JSON.stringify(grant.body));
  const opPulled = seen(await pull(op, target, 'private-3'));
  assert.equal(opPulled.status, 200, JSON.stringify(opPulled.body));

  const audit = await admin.request('GET', '/api/audit?pageSize=200');
  const events = (
    audit.body.events as { action: string; actorName: string; outcome: string; detail: string }[]
  ).map((e) => ({ ...e, detail: JSON.parse(e.detail ?? '{}') as Record<string, unknown> }));
  const rows = events
    .filter((e) => e.action.startsWith('registry.credentials') || e.action.startsWith('image.p'))
    .filter((e) => e.detail.ref !== image)
    .map((e) => [e.actorName, e.action, e.outcome, e.detail.webCredentials ?? e.detail.username])
    .reverse();
  assert.deepEqual(rows, [
    ['admin', 'image.pull', 'failure', false],
    ['admin', 'registry.credentials.store', 'success', REGISTRY_USER.username],
    ['reg-operator', 'image.pull', 'denied', undefined],
    ['admin', 'image.pull', 'success', true],
    ['admin', 'image.push', 'success', true],
    ['reg-operator', 'image.pull', 'success', true],
  ]);
  const everything = JSON.stringify([responses, audit.body]) + web.output.join('\n');
  assert.ok(!everything.includes(REGISTRY_USER.password), 'the password is in no answer or log');
  assert.ok(!(await agent!.log()).includes(REGISTRY_USER.password), 'nor in the agent log');
});

/** Waits until the stack's first host deployment runs; a failed deployment throws its error. */
function stackRunning(client: Client, name: string, what: string) {
  return waitFor(
    what,
    async () => {
      const d = (await client.request('GET', `/api/stacks/${name}`)).body as {
        hosts?: { deployment?: { status: string; error: string | null } }[];
      };
      const status = d.hosts?.[0]?.deployment?.status;
      if (status === 'failed') throw new Error(String(d.hosts?.[0]?.deployment?.error));
      return status === 'running' ? d : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
}

test('a stack’s pulls follow the same rule: without a grant an operator is refused before anything is created; an admin deploys with the stored credentials; once the image is local the operator deploys without them', async () => {
  // The test above stored credentials for the private registry and granted it: take the grant back.
  const registryQuery = `registry=${encodeURIComponent(privateRegistry.host)}`;
  const revoked = await admin.request('DELETE', `/api/registry-grants?${registryQuery}`);
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
  const stackImage = `${privateRegistry.host}/team/stack:1`;
  await pushTestImage(stackImage, busybox, { auth: REGISTRY_USER });
  const op = await readyUser(admin, 'stack-operator', 'stack-operator-password-1', 'operator');
  const compose = `services:\n  app:\n    image: ${stackImage}\n    command: sleep 300\n    network_mode: none\n`;
  const name = 'private-stack';

  const refused = await op.request('POST', '/api/stacks', { name, compose, hostIds: [hostId] });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.match(String(refused.body.message), /needs the registry credentials an admin stored/);
  const stacks = (await admin.request('GET', '/api/stacks')).body.stacks as { name: string }[];
  assert.equal(
    stacks.some((s) => s.name === name),
    false,
    'no stack was stored',
  );
  const images = await admin.request('GET', `/api/hosts/${hostId}/images`);
  assert.doesNotMatch(JSON.stringify(images.body), /team\/stack/, 'nothing was pulled');

  const made = await admin.request('POST', '/api/stacks', { name, compose, hostIds: [hostId] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.ok(await stackRunning(admin, name, 'the stack running'));
  const removed = await admin.request('DELETE', `/api/stacks/${name}`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));

  // The image is on the host now: nothing to pull, so no credentials to use, so no grant needed
  // (as a container create from a local image, and as Docker and Portainer do).
  const local = await op.request('POST', '/api/stacks', { name, compose, hostIds: [hostId] });
  assert.equal(local.status, 201, JSON.stringify(local.body));
  await stackRunning(op, name, 'the operator’s stack running from the local image');
  const removedAgain = await op.request('DELETE', `/api/stacks/${name}`);
  assert.equal(removedAgain.status, 200, JSON.stringify(removedAgain.body));

  const audit = await admin.request('GET', '/api/audit?action=stack.deploy&pageSize=50');
  const rows = (audit.body.events as { actorName: string; outcome: string }[])
    .map((e) => [e.actorName, e.outcome])
    .reverse();
  assert.deepEqual(rows, [
    ['stack-operator', 'denied'],
    ['admin', 'success'],
    ['stack-operator', 'success'],
  ]);
  assert.ok(!(await agent!.log()).includes(REGISTRY_USER.password), 'not in the agent log');
});
