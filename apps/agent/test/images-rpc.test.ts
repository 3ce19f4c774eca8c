import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io';
import { parseAgentEvent, parseRpcResponse } from '@berth/protocol';
import type { AgentEventPayload, ImageSummary } from '@berth/protocol';
import { berth, buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { AgentProcess, Roots } from './helpers/agent-process.js';
import { FakeWeb } from './helpers/fake-web.js';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBusyboxImage, pushTestImage, startRegistry } from '@berth/testkit';
import type { TestRegistry } from '@berth/testkit';

let roots: Roots;
let web: FakeWeb;
let registry: TestRegistry;
let privateRegistry: TestRegistry;
const ALICE = { username: 'alice', password: 'web-kept-Secret-42' };
let privateRef: string;
let agent: AgentProcess;
let socket: Socket;
let ref: string;
const inventories: ImageSummary[][] = [];
const progress: AgentEventPayload<'image.pull.progress'>[] = [];
let inventoryWaiters: (() => void)[] = [];

/** Resolves at the first inventory (from now on) that satisfies `pred`. */
function nextInventory(pred: (images: ImageSummary[]) => boolean): Promise<ImageSummary[]> {
  return new Promise((resolve) => {
    const check = () => {
      const last = inventories.at(-1);
      if (last && pred(last)) {
        inventoryWaiters = inventoryWaiters.filter((w) => w !== check);
        resolve(last);
      }
    };
    inventoryWaiters.push(check);
  });
}

async function rpc<M extends Parameters<typeof parseRpcResponse>[0]>(method: M, params: unknown) {
  return parseRpcResponse(method, await socket.emitWithAck('rpc', { method, params }));
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  ref = `${registry.host}/rpc/base:1`;
  privateRegistry = await startRegistry({ auth: ALICE });
  privateRef = `${privateRegistry.host}/rpc/private:1`;
  const image = await buildBusyboxImage();
  await pushTestImage(ref, image);
  await pushTestImage(privateRef, image, { auth: ALICE });
  web = new FakeWeb();
  const server = `http://127.0.0.1:${await web.listen()}`;
  const connected = web.nextConnection();
  agent = startAgent(roots, ['--server', server, '--join-token', web.issueToken()]);
  socket = await connected;
  socket.on('inventory.images', (p: unknown) => {
    const ev = parseAgentEvent('inventory.images', p);
    if (ev.name !== 'inventory.images') return;
    inventories.push(ev.payload.images);
    for (const w of [...inventoryWaiters]) w();
  });
  socket.on('image.pull.progress', (p: unknown) => {
    const ev = parseAgentEvent('image.pull.progress', p);
    if (ev.name === 'image.pull.progress') progress.push(ev.payload);
  });
});

after(async () => {
  await agent?.stop();
  await web?.close();
  await registry?.stop();
  await privateRegistry?.stop();
  await roots?.cleanup();
});

test('inventory.images on connect, image.pull with progress events, inventory after the change', async () => {
  await nextInventory((images) => images.length === 0);
  const changed = nextInventory((images) => images.some((i) => i.repoTags.includes(ref)));
  const pulled = await rpc('image.pull', { ref, pullId: 'pull-1' });
  assert.equal(pulled.pullId, 'pull-1');
  assert.deepEqual(pulled.image.repoTags, [ref]);
  assert.ok(progress.length > 0, 'progress events arrived');
  assert.ok(progress.every((p) => p.pullId === 'pull-1' && p.ref === ref));
  assert.ok(progress.some((p) => p.status === 'done'));
  const inventory = await changed;
  assert.deepEqual(
    inventory.map((i) => i.id),
    [pulled.image.id],
  );

  const list = await rpc('image.list', {});
  assert.deepEqual(list.images, inventory);
  const inspect = await rpc('image.inspect', { ref });
  assert.equal(inspect.id, pulled.image.id);
  const layers = await rpc('image.layers', {});
  assert.deepEqual(layers.layers[0]?.images, [pulled.image.id]);
});

test('image.tag / image.remove update the inventory; errors come back coded', async () => {
  const target = `${registry.host}/rpc/other:2`;
  const tagged = nextInventory((images) => images.some((i) => i.repoTags.includes(target)));
  await rpc('image.tag', { source: ref, target });
  await tagged;
  const emptied = nextInventory((images) => images.length === 0);
  const removed = await rpc('image.remove', {
    ref: (await rpc('image.list', {})).images[0]!.id,
    force: true,
  });
  assert.equal(removed.deleted.length, 1);
  await emptied;

  await assert.rejects(rpc('image.inspect', { ref }), { code: 'NOT_FOUND' });
  await assert.rejects(rpc('image.pull', { ref: 'Bad Ref' }), { code: 'INVALID_ARGUMENT' });
  assert.deepEqual(await rpc('image.prune', {}), {
    deleted: [],
    blobsRemoved: 0,
    snapshotsRemoved: 0,
    bytesReclaimed: 0,
  });
});

test('stored registry credentials: a web pull or push uses them only when the web says so', async () => {
  // `berth login` (root, local) stores credentials for the registry.
  const login = await berth(
    roots.socket,
    ['login', '-u', 'alice', '--password-stdin', registry.host],
    {
      input: 'secret\n',
    },
  );
  assert.equal(login.code, 0, login.stderr);
  try {
    await assert.rejects(rpc('image.pull', { ref }), (err: { code: string; message: string }) => {
      assert.equal(err.code, 'PERMISSION_DENIED');
      assert.match(
        err.message,
        new RegExp(
          `${registry.host.replace(/\./g, '\\.')} uses registry credentials stored on this host`,
        ),
      );
      return true;
    });
    await assert.rejects(rpc('image.push', { ref, storedCredentials: false }), {
      code: 'PERMISSION_DENIED',
    });
    const pulled = await rpc('image.pull', { ref, storedCredentials: true });
    assert.deepEqual(pulled.image.repoTags, [ref]);
  } finally {
    assert.equal((await berth(roots.socket, ['logout', registry.host])).code, 0);
  }
  // Without stored credentials the registry is reached anonymously, as before.
  const again = await rpc('image.pull', { ref, storedCredentials: false });
  assert.deepEqual(again.image.repoTags, [ref]);
});

test('credentials sent by the web: used for that pull or push only, before the stored ones, never kept or logged', async () => {
  // What `berth login` would have stored for the registry, but stale: the registry refuses it.
  const authFile = join(roots.dataRoot, 'auth.json');
  const stale = Buffer.from(`${ALICE.username}:stale-password`).toString('base64');
  await writeFile(
    authFile,
    JSON.stringify({ auths: { [privateRegistry.host]: { auth: stale } } }),
    {
      mode: 0o600,
    },
  );
  const before = await readFile(authFile, 'utf8');
  await assert.rejects(rpc('image.pull', { ref: privateRef, storedCredentials: true }), {
    code: 'UNAUTHENTICATED',
  });
  const pulled = await rpc('image.pull', { ref: privateRef, auth: ALICE });
  assert.ok(pulled.image.repoTags.includes(privateRef), pulled.image.repoTags.join());
  const target = `${privateRegistry.host}/rpc/pushed:1`;
  await rpc('image.tag', { source: privateRef, target });
  const pushed = await rpc('image.push', { ref: target, auth: ALICE });
  assert.match(pushed.digest, /^sha256:/);
  // A wrong password is the registry's refusal, not a fallback to anything else.
  await assert.rejects(
    rpc('image.pull', { ref: privateRef, auth: { ...ALICE, password: 'wrong' } }),
    { code: 'UNAUTHENTICATED' },
  );
  assert.equal(await readFile(authFile, 'utf8'), before, 'the host keeps only what it had');
  assert.ok(!agent.stderr().includes(ALICE.password), 'the password is not in the agent log');
  await assert.rejects(
    rpc('image.pull', { ref: privateRef, auth: { username: 'a:b', password: 'x' } }),
    { code: 'INVALID_ARGUMENT' },
  );
  await writeFile(authFile, JSON.stringify({ auths: {} }), { mode: 0o600 });
});
