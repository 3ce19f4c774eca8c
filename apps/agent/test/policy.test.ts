import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io';
import { parseRpcResponse, ProtocolError } from '@berth/protocol';
import type { RpcMethod, RpcParams } from '@berth/protocol';
import { buildBusyboxImage, pushTestImage, startRegistry } from '@berth/testkit';
import type { TestRegistry } from '@berth/testkit';
import { berth, buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { AgentProcess, Roots } from './helpers/agent-process.js';
import { AgentEventLog } from './helpers/agent-events.js';
import { FakeWeb } from './helpers/fake-web.js';
import { jsonLines } from './helpers/containers.js';

// The host owner's policy against the real agent binary, runc and conmon: what the web may ask
// for through the link (RPC), and that the local CLI is not limited by it.

let roots: Roots;
let shared: string;
let web: FakeWeb;
let registry: TestRegistry;
let agent: AgentProcess;
let socket: Socket;
let ref: string;
const created: string[] = [];

function rpc<M extends RpcMethod>(method: M, params: RpcParams<M> | Record<string, unknown>) {
  return socket
    .timeout(60_000)
    .emitWithAck('rpc', { method, params })
    .then((raw: unknown) => parseRpcResponse(method, raw));
}

const policyDenied = (re: RegExp) => (e: unknown) =>
  e instanceof ProtocolError && e.code === 'POLICY_DENIED' && re.test(e.message);

async function ids(): Promise<string[]> {
  return (await rpc('container.list', { all: true })).containers.map((c) => c.id).sort();
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  // Allowed host paths live outside the agent's roots (a parent of them would be refused).
  shared = await mkdtemp(join(tmpdir(), 'berth-policy-shared-'));
  await mkdir(join(shared, 'data'));
  await writeFile(join(shared, 'data', 'hello.txt'), 'from the host\n');
  await symlink('/etc', join(shared, 'data', 'etc-link'));
  await symlink(roots.dataRoot, join(shared, 'data', 'root-link'));
  registry = await startRegistry();
  ref = `${registry.host}/policy/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage({ applets: 'all' }));
  web = new FakeWeb();
  const server = `http://127.0.0.1:${await web.listen()}`;
  const connected = web.nextConnection();
  agent = startAgent(roots, [
    '--server',
    server,
    '--join-token',
    web.issueToken(),
    '--allow-elevated',
    'privileged',
    '--allow-elevated',
    'capabilities:NET_ADMIN',
    '--allow-bind',
    join(shared, 'data'),
  ]);
  socket = await connected;
  new AgentEventLog().attach(socket);
  await rpc('image.pull', { ref });
});

after(async () => {
  for (const id of created)
    await rpc('container.remove', { ref: id, force: true }).catch(() => undefined);
  await agent?.stop();
  await web?.close();
  await registry?.stop();
  await roots?.cleanup();
  if (shared) await rm(shared, { recursive: true, force: true });
});

test('the agent reports its policy in its facts, paths resolved', () => {
  assert.deepEqual(web.enrollments[0]?.facts.policy, {
    allowElevated: ['privileged', 'capabilities:NET_ADMIN'],
    allowBind: [join(shared, 'data')],
    remoteUpgrade: true,
  });
});

test('allowed: a privileged container really runs with every capability and is marked', async () => {
  const c = await rpc('container.create', {
    image: ref,
    cmd: ['sh', '-c', 'grep CapEff /proc/self/status; sleep 3600'],
    network: 'none',
    privileged: true,
    capAdd: ['NET_ADMIN'],
  });
  created.push(c.id);
  const started = await rpc('container.start', { ref: c.id });
  assert.deepEqual(started.elevated, ['privileged', 'capabilities:NET_ADMIN']);
  let logs = await rpc('container.logs', { ref: c.id });
  for (let i = 0; i < 50 && logs.entries.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    logs = await rpc('container.logs', { ref: c.id });
  }
  const capEff = BigInt(
    `0x${/CapEff:\s*([0-9a-f]+)/.exec(logs.entries[0]?.text ?? '')?.[1] ?? '0'}`,
  );
  const SYS_ADMIN = 1n << 21n;
  assert.equal(capEff & SYS_ADMIN, SYS_ADMIN, 'privileged: CAP_SYS_ADMIN is effective');
  assert.equal((await rpc('container.inspect', { ref: c.id })).config.privileged, true);
});

test('refused: options the owner did not allow, with the flag that would; nothing is created', async () => {
  const before = await ids();
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { capAdd: ['SYS_ADMIN'] },
      /does not allow: capability SYS_ADMIN\. .*`berth-agent --allow-elevated capabilities:SYS_ADMIN`/,
    ],
    [{ network: 'host' }, /host network.*--allow-elevated network-host/],
    [{ pid: 'host' }, /host PID namespace.*--allow-elevated pid-host/],
    [{ devices: ['/dev/fuse'] }, /device \/dev\/fuse.*--allow-elevated devices:\/dev\/fuse/],
    [{ securityOpt: ['seccomp=unconfined'] }, /seccomp unconfined/],
    [{ sysctls: { 'kernel.core_pattern': 'x' } }, /sysctl kernel\.core_pattern/],
    [{ volumes: ['/etc:/x:ro'] }, /bind mount \/etc:\/x:ro.*--allow-bind \/etc/],
    [{ volumes: [`${shared}/data/etc-link:/x`] }, /--allow-bind \/etc`/],
    [{ volumes: [`${shared}/data/root-link:/x`] }, /never allowed from the web: .*data root/],
    [{ volumes: [`${roots.execRoot}:/x`] }, /never allowed from the web: .*exec root/],
    [{ volumes: ['/:/host'] }, /never allowed from the web: bind mount \/:\/host/],
  ];
  for (const [fields, message] of cases) {
    await assert.rejects(
      rpc('container.create', { image: ref, network: 'none', ...fields }),
      policyDenied(message),
      JSON.stringify(fields),
    );
  }
  const refusal = await rpc('container.create', {
    image: ref,
    network: 'none',
    privileged: true,
    capAdd: ['SYS_ADMIN'],
  }).catch((e: unknown) => e as ProtocolError);
  assert.deepEqual((refusal as ProtocolError).details, {
    refused: [
      {
        token: 'capabilities:SYS_ADMIN',
        label: 'capability SYS_ADMIN',
        allowWith: '--allow-elevated capabilities:SYS_ADMIN',
      },
    ],
  });
  assert.deepEqual(await ids(), before, 'no refused request left a container');
});

test('a bind under an allowed path works and binds the real path; a missing one is an error', async () => {
  const c = await rpc('container.create', {
    image: ref,
    cmd: ['cat', '/host/hello.txt'],
    network: 'none',
    volumes: [`${shared}/data/./:/host:ro`],
  });
  created.push(c.id);
  await rpc('container.start', { ref: c.id });
  let logs = await rpc('container.logs', { ref: c.id });
  for (let i = 0; i < 50 && logs.entries.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    logs = await rpc('container.logs', { ref: c.id });
  }
  assert.deepEqual(
    logs.entries.map((e) => e.text),
    ['from the host'],
  );
  const inspect = await rpc('container.inspect', { ref: c.id });
  assert.deepEqual(
    inspect.mounts.filter((m) => m.type === 'bind').map((m) => [m.source, m.destination]),
    [[join(shared, 'data'), '/host']],
  );
  await assert.rejects(
    rpc('container.create', { image: ref, volumes: [`${shared}/data/nope:/x`] }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT',
  );
});

test('the local CLI (root on this host) is not limited by the policy', async () => {
  const run = await berth(roots.socket, [
    'run',
    '--network',
    'none',
    '--cap-add',
    'SYS_ADMIN',
    '-v',
    '/etc:/hostetc:ro',
    ref,
    'cat',
    '/hostetc/hostname',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trim(), (await readFile('/etc/hostname', 'utf8')).trim());
  const ps = jsonLines<{ id: string; elevated: string[] }>(
    (await berth(roots.socket, ['ps', '-a', '--format', 'json'])).stdout,
  );
  const mine = ps.find((c) => !created.includes(c.id))!;
  created.push(mine.id);
  assert.deepEqual(mine.elevated, ['capabilities:SYS_ADMIN', 'bind:/etc']);
});

test('start-up refuses an --allow-bind that would expose the agent’s roots', async () => {
  const other = await tempRoots();
  try {
    await mkdir(other.dataRoot, { recursive: true });
    const link = join(shared, 'to-data');
    await symlink(other.dataRoot, link);
    for (const [path, what] of [
      [other.dir, 'data root'],
      [link, 'data root'],
      [join(shared, 'missing'), 'no such file or directory'],
    ] as const) {
      const a = startAgent(other, ['--allow-bind', path]);
      const { code } = await a.exited;
      assert.equal(code, 2, a.stderr());
      assert.match(a.stderr(), new RegExp(`--allow-bind .*${what}`));
    }
  } finally {
    await other.cleanup();
  }
});
