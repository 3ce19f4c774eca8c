import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { openDatabase } from '@berth/db';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, readyUser } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  openSockets,
  uiSocket,
} from './support/fake-agent.js';

/**
 * Sessions end everywhere: logout, password change or reset, role change, disabling a user and
 * expiry cut that session's /ui sockets at once, each told why, and what they had open (a
 * terminal, a log follow) closes on the agent. Acting socket messages re-read the session.
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
  | { ok: true; result: T }
  | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
type Ended = { reason: string; message: string };

/** Resolves with the socket's `session.ended` payload and the disconnect reason after it. */
function endOf(s: Socket): Promise<{ ended: Ended | null; disconnect: string }> {
  let ended: Ended | null = null;
  s.once('session.ended', (e: Ended) => (ended = e));
  return new Promise((resolve) =>
    s.once('disconnect', (reason) => resolve({ ended, disconnect: reason })),
  );
}

async function pingOk(s: Socket): Promise<boolean> {
  const r = (await s.timeout(5000).emitWithAck('ping', {})) as Ack;
  return r.ok;
}

function streamingAgent() {
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

async function openTerminal(ui: Socket, hostId: string) {
  return (await ui.timeout(5000).emitWithAck('terminal.open', {
    hostId,
    containerId: 'web',
    cols: 80,
    rows: 24,
    shell: '/bin/sh',
  })) as Ack<{ sessionId: string }>;
}

async function userId(name: string): Promise<string> {
  const list = await admin.request('GET', '/api/users');
  return (list.body.users as { id: string; username: string }[]).find((u) => u.username === name)!
    .id;
}

async function auditDetail(action: string, match: (d: Record<string, unknown>) => boolean) {
  const rows = await eventually(
    async () => {
      const res = await admin.request('GET', `/api/audit?action=${action}&pageSize=100`);
      return (res.body.events as { detail: string | null }[]).map(
        (r) => (r.detail ? JSON.parse(r.detail) : {}) as Record<string, unknown>,
      );
    },
    (ds) => ds.some(match),
  );
  return rows.find(match);
}

test('logout ends that session’s sockets at once, with the reason; other sessions live on', async () => {
  const a = await readyUser(admin, 'lou', 'lou-password-123', 'viewer');
  const b = new Client(web.baseUrl);
  await b.login('lou', 'lou-password-123');
  const tabA1 = await uiSocket(web, a);
  const tabA2 = await uiSocket(web, a);
  const tabB = await uiSocket(web, b);
  const ends = [endOf(tabA1), endOf(tabA2)];

  assert.equal((await a.request('POST', '/api/auth/logout')).status, 204);
  for (const end of await Promise.all(ends)) {
    assert.deepEqual(end.ended, { reason: 'logged-out', message: 'session ended: logged out' });
    assert.equal(end.disconnect, 'io server disconnect');
  }
  assert.equal(await pingOk(tabB), true, 'the other session is untouched');
});

test('changing the password cuts the other sessions’ sockets, not this one’s', async () => {
  const a = await readyUser(admin, 'pam', 'pam-password-123', 'viewer');
  const b = new Client(web.baseUrl);
  await b.login('pam', 'pam-password-123');
  const mine = await uiSocket(web, a);
  const other = await uiSocket(web, b);
  const otherEnd = endOf(other);
  const changed = await a.request('POST', '/api/auth/password', {
    currentPassword: 'pam-password-123',
    newPassword: 'pam-password-456',
  });
  assert.equal(changed.status, 200);
  const end = await otherEnd;
  assert.equal(end.ended?.reason, 'password-changed');
  assert.equal(await pingOk(mine), true);
});

test('demoting an operator cuts their socket: the terminal closes on the agent, audited with the reason', async () => {
  const op = await readyUser(admin, 'dora', 'dora-password-123', 'operator');
  const cred = await enrolledHost(web, admin, 'demote-host');
  const agent = await fakeAgent(web, cred, streamingAgent());
  const ui = await uiSocket(web, op);
  const opened = await openTerminal(ui, cred.hostId);
  assert.equal(opened.ok, true, JSON.stringify(opened));
  const sessionId = opened.ok ? opened.result.sessionId : '';
  const end = endOf(ui);

  const res = await admin.request('PATCH', `/api/users/${await userId('dora')}`, {
    role: 'viewer',
  });
  assert.equal(res.status, 200);
  assert.deepEqual((await end).ended, { reason: 'role-changed', message: 'your role changed' });
  const close = await eventually(
    async () => agent.calls.find((c) => c.method === 'terminal.close'),
    (c) => c !== undefined,
  );
  assert.deepEqual(close?.params, { sessionId });
  const detail = await auditDetail('terminal.close', (d) => d.sessionId === sessionId);
  assert.equal(detail?.reason, 'your role changed');

  // The session itself lives on, with the new role: a new socket may not open terminals.
  const again = await uiSocket(web, op);
  const refused = await openTerminal(again, cred.hostId);
  assert.equal(!refused.ok && refused.error.code, 'PERMISSION_DENIED');
  agent.socket.close();
});

test('a terminal no page shows still ends with its sign-in: logout, demotion and disabling close it on the agent', async () => {
  const cred = await enrolledHost(web, admin, 'detached-end-host');
  const agent = await fakeAgent(web, cred, streamingAgent());
  /** Opens a terminal as `who`, then closes the page: the session is detached, alive. */
  const detachedSession = async (who: Client) => {
    const ui = await uiSocket(web, who);
    const opened = await openTerminal(ui, cred.hostId);
    assert.equal(opened.ok, true, JSON.stringify(opened));
    const id = opened.ok ? opened.result.sessionId : '';
    ui.close();
    await eventually(
      async () =>
        agent.calls.some((c) => c.method === 'terminal.detach' && c.params.sessionId === id),
      (x) => x,
    );
    return id;
  };
  const closedOnAgent = (id: string) =>
    eventually(
      async () =>
        agent.calls.some((c) => c.method === 'terminal.close' && c.params.sessionId === id),
      (x) => x,
    );

  const op = await readyUser(admin, 'della', 'della-password-123', 'operator');
  const loggedOut = await detachedSession(op);
  assert.equal(
    agent.calls.some((c) => c.method === 'terminal.close' && c.params.sessionId === loggedOut),
    false,
  );
  assert.equal((await op.request('POST', '/api/auth/logout')).status, 204);
  assert.equal(await closedOnAgent(loggedOut), true);
  assert.equal(
    (await auditDetail('terminal.close', (d) => d.sessionId === loggedOut))?.reason,
    'session ended: logged out',
  );

  const again = new Client(web.baseUrl);
  await again.login('della', 'della-password-123');
  const demoted = await detachedSession(again);
  const id = await userId('della');
  assert.equal((await admin.request('PATCH', `/api/users/${id}`, { role: 'viewer' })).status, 200);
  assert.equal(await closedOnAgent(demoted), true);
  assert.equal(
    (await auditDetail('terminal.close', (d) => d.sessionId === demoted))?.reason,
    'your role changed',
  );

  assert.equal(
    (await admin.request('PATCH', `/api/users/${id}`, { role: 'operator' })).status,
    200,
  );
  const third = new Client(web.baseUrl);
  await third.login('della', 'della-password-123');
  const disabled = await detachedSession(third);
  assert.equal((await admin.request('PATCH', `/api/users/${id}`, { disabled: true })).status, 200);
  assert.equal(await closedOnAgent(disabled), true);
  agent.socket.close();
});

test('disabling a user cuts their socket and stops their log follow on the agent', async () => {
  const op = await readyUser(admin, 'dino', 'dino-password-123', 'operator');
  const cred = await enrolledHost(web, admin, 'disable-host');
  const agent = await fakeAgent(web, cred, streamingAgent());
  const ui = await uiSocket(web, op);
  const follow = (await ui.timeout(5000).emitWithAck('logs.follow', {
    followId: 'f1',
    hostId: cred.hostId,
    containerId: 'web',
  })) as Ack;
  assert.equal(follow.ok, true, JSON.stringify(follow));
  const agentFollowId = agent.calls.find((c) => c.method === 'logs.follow')?.params.followId;
  const end = endOf(ui);

  const res = await admin.request('PATCH', `/api/users/${await userId('dino')}`, {
    disabled: true,
  });
  assert.equal(res.status, 200);
  assert.equal((await end).ended?.reason, 'disabled');
  const unfollow = await eventually(
    async () => agent.calls.find((c) => c.method === 'logs.unfollow'),
    (c) => c !== undefined,
  );
  assert.deepEqual(unfollow?.params, { followId: agentFollowId });
  assert.equal((await op.request('GET', '/api/auth/me')).status, 401);
  agent.socket.close();
});

test('an admin resetting the password and deleting a user cut their sockets too', async () => {
  const v = await readyUser(admin, 'rosa', 'rosa-password-123', 'viewer');
  const id = await userId('rosa');
  const ui = await uiSocket(web, v);
  const end = endOf(ui);
  const reset = await admin.request('POST', `/api/users/${id}/password`, {
    password: 'rosa-password-new-1',
  });
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.equal((await end).ended?.reason, 'password-reset');

  const w = await readyUser(admin, 'walt', 'walt-password-123', 'viewer');
  const ui2 = await uiSocket(web, w);
  const end2 = endOf(ui2);
  assert.equal((await admin.request('DELETE', `/api/users/${await userId('walt')}`)).status, 204);
  assert.equal((await end2).ended?.reason, 'deleted');
});

test('acting messages re-read the session: a change made behind the hub’s back still ends it', async () => {
  // Another web replica (or a direct database edit) changes the role and deletes a session
  // without telling this hub: the next acting message finds out and ends the socket.
  const op = await readyUser(admin, 'ivan', 'ivan-password-123', 'operator');
  const cred = await enrolledHost(web, admin, 'recheck-host');
  const agent = await fakeAgent(web, cred, streamingAgent());
  const ui = await uiSocket(web, op);
  const end = endOf(ui);
  const db = await openDatabase(web.databaseUrl);
  try {
    await db.prisma.user.update({ where: { username: 'ivan' }, data: { role: 'viewer' } });
  } finally {
    await db.close();
  }
  // The socket is cut before the ack: the request fails either way, it never succeeds.
  const opened = await openTerminal(ui, cred.hostId).catch(() => null);
  assert.equal(opened?.ok ?? false, false, 'the stale role is not trusted');
  assert.equal((await end).ended?.reason, 'role-changed');
  assert.equal(agent.calls.filter((c) => c.method === 'terminal.open').length, 0);

  const v = await readyUser(admin, 'gone', 'gone-password-123', 'viewer');
  const ui2 = await uiSocket(web, v);
  const end2 = endOf(ui2);
  const db2 = await openDatabase(web.databaseUrl);
  try {
    await db2.prisma.session.deleteMany({ where: { user: { username: 'gone' } } });
  } finally {
    await db2.close();
  }
  const sub = (await ui2
    .timeout(5000)
    .emitWithAck('stats.subscribe', { hostId: cred.hostId, containerId: 'a'.repeat(64) })
    .catch(() => null)) as Ack | null;
  assert.equal(sub?.ok ?? false, false);
  assert.equal((await end2).ended?.reason, 'ended');
  agent.socket.close();
});

test('until the first password change only change-password, me and logout work (HTTP and socket)', async () => {
  const created = await admin.request('POST', '/api/users', {
    username: 'newbie',
    password: 'given-password-123',
    role: 'operator',
  });
  assert.equal(created.status, 201);
  const u = new Client(web.baseUrl);
  await u.login('newbie', 'given-password-123');

  for (const [method, path] of [
    ['GET', '/api/hosts'],
    ['GET', '/api/containers'],
    ['POST', '/api/hosts'],
    ['GET', '/api/events'],
  ] as const) {
    const res = await u.request(method, path, method === 'POST' ? { name: 'x' } : undefined);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(res.body.code, 'PERMISSION_DENIED');
    assert.deepEqual(res.body.details, { reason: 'PASSWORD_CHANGE_REQUIRED' });
  }
  const me = await u.request('GET', '/api/auth/me');
  assert.equal(me.status, 200);
  assert.equal((me.body.user as { mustChangePassword: boolean }).mustChangePassword, true);
  const page = await fetch(`${web.baseUrl}/containers`, {
    headers: { cookie: u.cookie! },
    redirect: 'manual',
  });
  assert.ok([303, 307, 308].includes(page.status), `page status ${page.status}`);
  assert.match(page.headers.get('location') ?? '', /\/account$/);

  const refused = await new Promise<string>((resolve) => {
    const s = io(`${web.baseUrl}/ui`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: web.baseUrl, cookie: u.cookie! },
    });
    openSockets.push(s);
    s.once('connect', () => resolve('connected'));
    s.once('connect_error', (err) => resolve(err.message));
  });
  assert.match(refused, /^PERMISSION_DENIED: PASSWORD_CHANGE_REQUIRED/);

  const changed = await u.request('POST', '/api/auth/password', {
    currentPassword: 'given-password-123',
    newPassword: 'own-password-123',
  });
  assert.equal(changed.status, 200);
  assert.equal((await u.request('GET', '/api/hosts')).status, 200);
  const s = await uiSocket(web, u);
  assert.equal(await pingOk(s), true);
  // Logout works before the change as well.
  await admin.request('POST', '/api/users', {
    username: 'newbie2',
    password: 'given-password-123',
    role: 'viewer',
  });
  const u2 = new Client(web.baseUrl);
  await u2.login('newbie2', 'given-password-123');
  assert.equal((await u2.request('POST', '/api/auth/logout')).status, 204);
});

test('an expiring session cuts its sockets when it expires', async () => {
  // 0.0008 h ≈ 2.9 s sessions on a web of their own.
  const short = await startWeb({
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SESSION_TTL_HOURS: '0.0008',
  });
  try {
    const c = new Client(short.baseUrl);
    await c.login('admin', ADMIN_PASSWORD);
    const ui = await uiSocket(short, c);
    const end = await endOf(ui);
    assert.deepEqual(end.ended, { reason: 'expired', message: 'session ended: expired' });
    assert.equal(end.disconnect, 'io server disconnect');
    assert.equal((await c.request('GET', '/api/auth/me')).status, 401);
  } finally {
    await short.stop();
  }
});
