import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { ContainerInspect } from '@berth/protocol';
import { openDatabase } from '@berth/db';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, facts, readyUser } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  openSockets,
  uiSocket,
} from './support/fake-agent.js';

/**
 * Abuse limits, least privilege and HTTP hardening against the real server: login and
 * enrollment throttling, audit rows that take nothing from unauthenticated input, caps on
 * terminals / log follows / stats subscriptions / agent events, viewers' environment
 * redaction, stored registry credentials, security headers with a CSP nonce, file modes.
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

type Ack<T = unknown> =
  { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

type AuditRow = {
  actorName: string;
  action: string;
  outcome: string;
  target: string | null;
  detail: string | null;
};

async function auditRows(query: string): Promise<AuditRow[]> {
  const res = await admin.request('GET', `/api/audit?${query}&pageSize=200`);
  return res.body.events as AuditRow[];
}

const login = (c: Client, username: string, password: string) =>
  c.request('POST', '/api/auth/login', { username, password });

test('login: an account is throttled after 5 failures, even with the right password; others are not', async () => {
  await readyUser(admin, 'victim', 'victim-password-1', 'viewer');
  const c = new Client(web.baseUrl);
  for (let i = 0; i < 5; i++) {
    assert.equal((await login(c, 'victim', 'wrong')).status, 401, `failure ${i + 1}`);
  }
  const blocked = await login(c, 'VICTIM', 'victim-password-1');
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.code, 'RESOURCE_EXHAUSTED');
  const retry = (blocked.body.details as { retryAfterSec: number }).retryAfterSec;
  assert.ok(retry > 0 && retry <= 30, `first block is 30 s at most (${retry})`);
  assert.equal((await login(c, 'admin', ADMIN_PASSWORD)).status, 200, 'another account');
});

test('login audit: the actor is never what an anonymous client typed', async () => {
  const typed = 'system\n2026-01-01 admin user.login success\u202e';
  const res = await login(new Client(web.baseUrl), typed, 'x');
  assert.equal(res.status, 401);
  const rows = await auditRows('action=user.login&outcome=failure');
  const row = rows.find((r) => r.detail?.includes('2026-01-01 admin'))!;
  assert.equal(row.actorName, 'anonymous');
  const detail = JSON.parse(row.detail!) as { claimedUsername: string };
  assert.equal(detail.claimedUsername, 'system2026-01-01 admin user.login success');
  assert.equal(
    rows.some((r) => r.actorName.includes('system')),
    false,
  );
});

test('login: the client address is throttled after 20 failures across usernames (the IPv6 /64 grouping: client-address.test.ts)', async () => {
  // A web of its own: this blocks 127.0.0.1 for every account.
  const own = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  try {
    const c = new Client(own.baseUrl);
    for (let i = 0; i < 20; i++) {
      assert.equal((await login(c, `nobody-${i}`, 'wrong')).status, 401, `failure ${i + 1}`);
    }
    const blocked = await login(c, 'admin', ADMIN_PASSWORD);
    assert.equal(blocked.status, 429, 'the right password of an untouched account, same address');
    // The admin cannot sign in from here either: read the audit from the database.
    const db = await openDatabase(own.databaseUrl);
    const rows = await db.prisma.auditEvent
      .findMany({ where: { action: 'user.login' } })
      .finally(() => db.close());
    assert.ok(rows.some((r) => r.outcome === 'denied' && r.actorName === 'anonymous'));
  } finally {
    await own.stop();
  }
});

test('enrollment: failures throttled per address; the audit actor is anonymous, the hostname a claim', async () => {
  const own = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  try {
    const ownAdmin = new Client(own.baseUrl);
    await ownAdmin.login('admin', ADMIN_PASSWORD);
    const agent = new Client(own.baseUrl, null);
    const evilFacts = { ...facts, hostname: 'admin\nfake-line' };
    for (let i = 0; i < 10; i++) {
      const r = await agent.request('POST', '/api/agent/enroll', {
        joinToken: `bjt1.unknown${i}.${'A'.repeat(43)}`,
        facts: evilFacts,
      });
      assert.equal(r.status, 401, `failure ${i + 1}`);
    }
    const created = await ownAdmin.request('POST', '/api/hosts', { name: 'real-host' });
    const blocked = await agent.request('POST', '/api/agent/enroll', {
      joinToken: created.body.joinToken,
      facts,
    });
    assert.equal(blocked.status, 429, 'even a valid token waits');
    assert.equal(blocked.body.code, 'RESOURCE_EXHAUSTED');

    const res = await ownAdmin.request('GET', '/api/audit?action=host.enroll&pageSize=50');
    const rows = res.body.events as AuditRow[];
    assert.ok(rows.length >= 11);
    for (const r of rows) {
      assert.equal(r.actorName, 'anonymous');
      const d = JSON.parse(r.detail!) as { claimedHostname?: string };
      assert.ok(d.claimedHostname === 'adminfake-line' || d.claimedHostname === 'test-box');
    }
  } finally {
    await own.stop();
  }
});

function busyAgent() {
  return (method: string, params: Record<string, unknown>) => {
    if (method === 'terminal.open') {
      return {
        ok: true,
        sessionId: params.sessionId,
        cmd: ['/bin/sh'],
        containerId: 'c'.repeat(64),
      };
    }
    if (method === 'terminal.close') return { ok: true, closed: true };
    if (method === 'terminal.detach') return { ok: true, detached: true };
    if (method === 'logs.follow') return { followId: params.followId, containerId: 'c'.repeat(64) };
    if (method === 'logs.unfollow') return { stopped: true };
    if (method === 'stats.subscribe' || method === 'stats.unsubscribe') {
      return { containerIds: [], unknown: [], host: false };
    }
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  };
}

const openTerminal = async (ui: Socket, hostId: string) =>
  (await ui.timeout(5000).emitWithAck('terminal.open', {
    hostId,
    containerId: 'web',
    cols: 80,
    rows: 24,
    shell: '/bin/sh',
  })) as Ack<{ sessionId: string }>;

test('caps: 8 terminals per user, 32 per host; the next one is refused with a clear error', async () => {
  const cred = await enrolledHost(web, admin, 'cap-term-host');
  const agent = await fakeAgent(web, cred, busyAgent());
  const users = await Promise.all(
    [1, 2, 3, 4, 5].map((i) => readyUser(admin, `tcap${i}`, `tcap-password-${i}`, 'operator')),
  );
  const sockets = await Promise.all(users.map((u) => uiSocket(web, u)));
  for (let i = 0; i < 8; i++) assert.equal((await openTerminal(sockets[0]!, cred.hostId)).ok, true);
  const ninth = await openTerminal(sockets[0]!, cred.hostId);
  assert.equal(!ninth.ok && ninth.error.code, 'RESOURCE_EXHAUSTED');
  assert.match(!ninth.ok ? ninth.error.message : '', /at most 8 per user/);
  for (const s of sockets.slice(1, 4)) {
    for (let i = 0; i < 8; i++) assert.equal((await openTerminal(s, cred.hostId)).ok, true);
  }
  const onHost = await openTerminal(sockets[4]!, cred.hostId);
  assert.equal(!onHost.ok && onHost.error.code, 'RESOURCE_EXHAUSTED');
  assert.match(!onHost.ok ? onHost.error.message : '', /on this host: at most 32/);
  assert.equal(agent.calls.filter((c) => c.method === 'terminal.open').length, 32);
  // Closing the socket detaches its sessions (they wait for their page on the host); at the
  // host's cap the oldest detached one makes room for a new one, so nobody is locked out.
  sockets[0]!.close();
  const detached = await eventually(
    async () => agent.calls.filter((c) => c.method === 'terminal.detach').length,
    (n) => n === 8,
  );
  assert.equal(detached, 8);
  assert.equal((await openTerminal(sockets[4]!, cred.hostId)).ok, true);
  assert.equal(
    agent.calls.filter((c) => c.method === 'terminal.close').length,
    1,
    'one detached session ended to make room',
  );
  for (const s of sockets) s.close();
  agent.socket.close();
});

test('caps: 16 log follows per user; 64 stats subscriptions per socket', async () => {
  const cred = await enrolledHost(web, admin, 'cap-follow-host');
  const agent = await fakeAgent(web, cred, busyAgent());
  const op = await readyUser(admin, 'fcap', 'fcap-password-1', 'operator');
  const a = await uiSocket(web, op);
  const b = await uiSocket(web, op);
  const follow = async (s: Socket, id: string) =>
    (await s.timeout(5000).emitWithAck('logs.follow', {
      followId: id,
      hostId: cred.hostId,
      containerId: 'web',
    })) as Ack;
  for (let i = 0; i < 16; i++) assert.equal((await follow(i % 2 ? a : b, `f${i}`)).ok, true);
  const over = await follow(a, 'f16');
  assert.equal(!over.ok && over.error.code, 'RESOURCE_EXHAUSTED');
  assert.match(!over.ok ? over.error.message : '', /at most 16 per user/);
  // Re-following under the same id replaces, it does not add.
  assert.equal((await follow(b, 'f0')).ok, true);

  const subscribe = async (containerId: string) =>
    (await a
      .timeout(5000)
      .emitWithAck('stats.subscribe', { hostId: cred.hostId, containerId })) as Ack;
  const cid = (i: number) => i.toString(16).padStart(64, '0');
  for (let i = 0; i < 64; i++) assert.equal((await subscribe(cid(i))).ok, true, `sub ${i}`);
  assert.equal((await subscribe(cid(0))).ok, true, 'the same target again is no new one');
  const tooMany = await subscribe(cid(64));
  assert.equal(!tooMany.ok && tooMany.error.code, 'RESOURCE_EXHAUSTED');
  assert.match(!tooMany.ok ? tooMany.error.message : '', /at most 64/);
  a.close();
  b.close();
  agent.socket.close();
});

test('an agent flooding container events: a burst of 200 goes through, the rest is dropped and logged', async () => {
  const cred = await enrolledHost(web, admin, 'flood-host');
  const agent = await fakeAgent(web, cred, busyAgent());
  const at = new Date().toISOString();
  for (let i = 0; i < 600; i++) {
    agent.socket.emit('container.event', {
      kind: 'container',
      type: 'start',
      id: 'f'.repeat(64),
      name: `flood-${i}`,
      image: 'busybox',
      at,
    });
  }
  const target = `container:${cred.hostId}:${'f'.repeat(64)}`;
  const count = async () =>
    (await auditRows('action=container.start')).filter((r) => r.target === target).length;
  await eventually(count, (n) => n >= 200);
  await eventually(
    async () => web.output.some((l) => /container\.event beyond .*dropped \d+/.test(l)),
    (seen) => seen,
  );
  const n = await count();
  assert.ok(n >= 200 && n < 600, `accepted ${n} of 600`);
  agent.socket.close();
});

function inspectWithEnv(env: string[]): ContainerInspect {
  return {
    id: 'e'.repeat(64),
    name: 'secretive',
    image: 'busybox',
    imageId: `sha256:${'b'.repeat(64)}`,
    command: ['sleep', '1000'],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    elevated: [],
    networks: [],
    createdAt: '2026-01-01T10:00:00Z',
    startedAt: '2026-01-01T10:00:01Z',
    finishedAt: null,
    ports: [],
    limits: {
      memory: null,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: {},
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    restartCount: 0,
    network: 'bridge',
    pid: 42,
    ip: null,
    gateway: null,
    mounts: [],
    logPath: '/x/ctr.log',
    rootfs: '/x/rootfs',
    bundle: '/x',
    cgroupsPath: '/berth/x',
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    autoRemove: false,
    config: {
      env,
      cmd: null,
      entrypoint: null,
      workingDir: null,
      user: null,
      tty: false,
      init: false,
      readOnly: false,
      privileged: false,
      capAdd: [],
      capDrop: [],
      tmpfs: {},
      hostname: null,
    },
  };
}

test('viewers see environment variable names, not values; operators see values', async () => {
  const cred = await enrolledHost(web, admin, 'env-host');
  const env = ['DB_PASSWORD=hunter2', 'PATH=/usr/bin'];
  const agent = await fakeAgent(web, cred, (method) => {
    if (method === 'container.inspect') return inspectWithEnv(env);
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  });
  const viewer = await readyUser(admin, 'envview', 'envview-password-1', 'viewer');
  const op = await readyUser(admin, 'envop', 'envop-password-1', 'operator');
  const path = `/api/hosts/${cred.hostId}/containers/secretive`;

  const seen = await viewer.request('GET', path);
  assert.equal(seen.status, 200, JSON.stringify(seen.body));
  assert.equal(seen.body.envRedacted, true);
  const inspect = seen.body.inspect as ContainerInspect;
  assert.deepEqual(inspect.config.env, ['DB_PASSWORD=••••', 'PATH=••••']);
  assert.doesNotMatch(JSON.stringify(seen.body), /hunter2/);

  const full = await op.request('GET', path);
  assert.equal(full.body.envRedacted, false);
  assert.deepEqual((full.body.inspect as ContainerInspect).config.env, env);
  agent.socket.close();
});

test('stored registry credentials: admins always; operators only for a registry an admin granted', async () => {
  const cred = await enrolledHost(web, admin, 'creds-host');
  const agent = await fakeAgent(web, cred, (method, params) => {
    if (method === 'image.pull') {
      return {
        pullId: params.pullId,
        image: {
          id: `sha256:${'1'.repeat(64)}`,
          repoTags: [String(params.ref)],
          repoDigests: [],
          size: 1,
          created: null,
          platform: { os: 'linux', architecture: 'amd64' },
          dangling: false,
          layers: [],
        },
      };
    }
    if (method === 'image.push') return { ref: params.ref, digest: `sha256:${'2'.repeat(64)}` };
    if (method === 'image.layers') return { layers: [], totalSize: 0, sharedSavings: 0 };
    throw Object.assign(new Error(`unexpected ${method}`), { code: 'UNIMPLEMENTED' });
  });
  const op = await readyUser(admin, 'puller', 'puller-password-1', 'operator');
  const pull = (c: Client, ref: string, n: number) =>
    c.request('POST', `/api/hosts/${cred.hostId}/images/pull`, { ref, pullId: `p${n}` });
  const storedOf = (method: string) =>
    agent.calls.filter((c) => c.method === method).map((c) => c.params.storedCredentials);

  assert.equal((await pull(admin, 'registry.example.com/team/app:1', 1)).status, 200);
  assert.equal((await pull(op, 'registry.example.com/team/app:1', 2)).status, 200);
  assert.deepEqual(storedOf('image.pull'), [true, false]);

  assert.equal(
    (await op.request('POST', '/api/registry-grants', { registry: 'registry.example.com' })).status,
    403,
    'operators cannot grant themselves',
  );
  const granted = await admin.request('POST', '/api/registry-grants', {
    registry: 'Registry.Example.com',
  });
  assert.equal(granted.status, 201, JSON.stringify(granted.body));
  assert.equal((await pull(op, 'registry.example.com/team/app:2', 3)).status, 200);
  assert.equal((await pull(op, 'other.example.com/app:1', 4)).status, 200);
  assert.deepEqual(storedOf('image.pull'), [true, false, true, false]);
  const push = await op.request('POST', `/api/hosts/${cred.hostId}/images/push`, {
    ref: 'registry.example.com/team/app:2',
  });
  assert.equal(push.status, 200, JSON.stringify(push.body));
  assert.deepEqual(storedOf('image.push'), [true]);

  const list = await admin.request('GET', '/api/registry-grants');
  assert.deepEqual(
    (list.body.grants as { registry: string }[]).map((g) => g.registry),
    ['registry.example.com'],
  );
  assert.equal(
    (await admin.request('DELETE', '/api/registry-grants?registry=registry.example.com')).status,
    200,
  );
  assert.equal((await pull(op, 'registry.example.com/team/app:3', 5)).status, 200);
  assert.equal(storedOf('image.pull').at(-1), false);
  const audit = await auditRows('action=registry.');
  assert.deepEqual(audit.map((r) => `${r.action}:${r.target}`).sort(), [
    'registry.grant:registry:registry.example.com',
    'registry.revoke:registry:registry.example.com',
  ]);
  agent.socket.close();
});

test('headers: a CSP with a fresh nonce on every page (and on its scripts), frame-ancestors none, nosniff, no-referrer', async () => {
  const pages = await Promise.all([1, 2].map(() => fetch(`${web.baseUrl}/login`)));
  const nonces: string[] = [];
  for (const res of pages) {
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    nonces.push(nonce);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const s of scripts)
      assert.ok(s.includes(`nonce="${nonce}"`), `script without nonce: ${s}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  }
  assert.notEqual(nonces[0], nonces[1]);
  const api = await fetch(`${web.baseUrl}/api/auth/me`);
  assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(api.headers.get('referrer-policy'), 'no-referrer');
});

test('the database directory is 0700 and the SQLite files 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-web-perms-'));
  const dataDir = join(dir, 'data');
  const own = await startWeb({
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DATABASE_URL: `file:${join(dataDir, 'berth.db')}`,
  });
  try {
    await new Client(own.baseUrl).login('admin', ADMIN_PASSWORD);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    for (const f of ['berth.db', 'berth.db-wal', 'berth.db-shm']) {
      const p = join(dataDir, f);
      if (f === 'berth.db' || existsSync(p)) assert.equal(statSync(p).mode & 0o777, 0o600, f);
    }
  } finally {
    await own.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
