import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, readyUser } from './support/http.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
});
after(async () => {
  await web?.stop();
});

test('the first start creates admin with the configured password (and prints no generated one)', async () => {
  assert.equal(
    web.output.some((l) => l.startsWith('Admin password:')),
    false,
  );
  const c = new Client(web.baseUrl);
  const res = await c.login('admin', ADMIN_PASSWORD);
  assert.equal((res.body.user as { role: string }).role, 'admin');
  assert.match(c.cookie ?? '', /^berth_session=[A-Za-z0-9_-]{43}$/);
  const me = await c.request('GET', '/api/auth/me');
  assert.equal(me.status, 200);
  assert.equal((me.body.user as { username: string }).username, 'admin');
});

test('the session cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
  const res = await fetch(`${web.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: web.baseUrl },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag');
});

test('a wrong password is 401 and audited; logout ends the session', async () => {
  const bad = await new Client(web.baseUrl).request('POST', '/api/auth/login', {
    username: 'admin',
    password: 'wrong-password',
  });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.code, 'UNAUTHENTICATED');

  const c = new Client(web.baseUrl);
  await c.login('admin', ADMIN_PASSWORD);
  const cookie = c.cookie;
  assert.equal((await c.request('POST', '/api/auth/logout')).status, 204);
  c.cookie = cookie;
  assert.equal((await c.request('GET', '/api/auth/me')).status, 401, 'the old cookie is dead');

  await c.login('admin', ADMIN_PASSWORD);
  const audit = await c.request('GET', '/api/audit?action=user.login&outcome=failure');
  const events = audit.body.events as { actorName: string; ip: string; detail: string }[];
  // Nobody proved who they were: the actor is anonymous, the typed name a claim.
  assert.ok(
    events.some(
      (e) =>
        e.actorName === 'anonymous' &&
        e.ip === '127.0.0.1' &&
        JSON.parse(e.detail).claimedUsername === 'admin',
    ),
  );
});

test('five failed logins for one user and IP, then 429 even with the right password', async () => {
  const c = new Client(web.baseUrl);
  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  await admin.request('POST', '/api/users', {
    username: 'limited',
    password: 'limited-password-1',
    role: 'viewer',
  });
  for (let i = 0; i < 5; i++) {
    const r = await c.request('POST', '/api/auth/login', { username: 'limited', password: 'nope' });
    assert.equal(r.status, 401, `attempt ${i + 1}`);
  }
  const blocked = await c.request('POST', '/api/auth/login', {
    username: 'limited',
    password: 'limited-password-1',
  });
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.code, 'RESOURCE_EXHAUSTED');
  // Another username from the same IP is not affected.
  assert.equal(
    (await c.request('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }))
      .status,
    200,
  );
});

test('state-changing requests need a session (401) and our own Origin (403)', async () => {
  const anon = new Client(web.baseUrl);
  assert.equal((await anon.request('POST', '/api/hosts', { name: 'x' })).status, 401);
  assert.equal((await anon.request('POST', '/api/users', {})).status, 401);
  assert.equal((await anon.request('GET', '/api/hosts')).status, 401);

  const foreign = new Client(web.baseUrl, 'http://evil.example');
  assert.equal(
    (
      await foreign.request('POST', '/api/auth/login', {
        username: 'admin',
        password: ADMIN_PASSWORD,
      })
    ).status,
    403,
  );

  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const cookie = admin.cookie!;
  const noOrigin = new Client(web.baseUrl, null);
  noOrigin.cookie = cookie;
  const r1 = await noOrigin.request('POST', '/api/hosts', { name: 'no-origin' });
  assert.equal(r1.status, 403);
  const evil = new Client(web.baseUrl, 'http://evil.example');
  evil.cookie = cookie;
  assert.equal((await evil.request('POST', '/api/hosts', { name: 'evil' })).status, 403);
  assert.equal((await evil.request('DELETE', '/api/users/whatever')).status, 403);
  // A same-origin Referer stands in for a missing Origin.
  const viaReferer = await noOrigin.request(
    'POST',
    '/api/hosts',
    { name: 'via-referer' },
    { referer: `${web.baseUrl}/hosts` },
  );
  assert.equal(viaReferer.status, 201);
  const list = await admin.request('GET', '/api/hosts');
  const names = (list.body.hosts as { name: string }[]).map((h) => h.name);
  assert.ok(!names.includes('no-origin') && !names.includes('evil'), 'nothing was created');
});

test('a viewer reads hosts but cannot create them (403, audited as denied)', async () => {
  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const viewer = await readyUser(admin, 'vera', 'viewer-password-123', 'viewer');
  assert.equal((await viewer.request('GET', '/api/hosts')).status, 200);
  const denied = await viewer.request('POST', '/api/hosts', { name: 'nope' });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.code, 'PERMISSION_DENIED');
  assert.equal((await viewer.request('GET', '/api/users')).status, 403);
  assert.equal((await viewer.request('GET', '/api/audit')).status, 403);
  const audit = await admin.request('GET', '/api/audit?actor=vera&outcome=denied');
  assert.ok((audit.body.events as { action: string }[]).some((e) => e.action === 'hosts.create'));
});

test('user management: bad input is 400, self-delete refused, disable cuts sessions', async () => {
  const admin = new Client(web.baseUrl);
  const me = await admin.login('admin', ADMIN_PASSWORD);
  const selfId = (me.body.user as { id: string }).id;
  assert.equal(
    (await admin.request('POST', '/api/users', { username: 'x', password: 'short', role: 'root' }))
      .status,
    400,
  );
  assert.equal((await admin.request('DELETE', `/api/users/${selfId}`)).status, 409);
  const op = await admin.request('POST', '/api/users', {
    username: 'oscar',
    password: 'operator-pass-1',
    role: 'operator',
  });
  const opId = (op.body.user as { id: string }).id;
  assert.equal(
    (
      await admin.request('POST', '/api/users', {
        username: 'oscar',
        password: 'operator-pass-1',
        role: 'operator',
      })
    ).status,
    409,
  );
  const oscar = new Client(web.baseUrl);
  await oscar.login('oscar', 'operator-pass-1');
  assert.equal(
    (await admin.request('PATCH', `/api/users/${opId}`, { disabled: true })).status,
    200,
  );
  assert.equal((await oscar.request('GET', '/api/auth/me')).status, 401);
  assert.equal(
    (
      await oscar.request('POST', '/api/auth/login', {
        username: 'oscar',
        password: 'operator-pass-1',
      })
    ).status,
    401,
  );
  assert.equal((await admin.request('DELETE', `/api/users/${opId}`)).status, 204);
});

test('changing the password needs the current one and keeps only this session', async () => {
  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  await admin.request('POST', '/api/users', {
    username: 'pat',
    password: 'first-password-1',
    role: 'viewer',
  });
  const a = new Client(web.baseUrl);
  const b = new Client(web.baseUrl);
  await a.login('pat', 'first-password-1');
  await b.login('pat', 'first-password-1');
  assert.equal(
    (
      await a.request('POST', '/api/auth/password', {
        currentPassword: 'wrong',
        newPassword: 'second-password-2',
      })
    ).status,
    403,
  );
  assert.equal(
    (
      await a.request('POST', '/api/auth/password', {
        currentPassword: 'first-password-1',
        newPassword: 'second-password-2',
      })
    ).status,
    200,
  );
  assert.equal((await a.request('GET', '/api/auth/me')).status, 200);
  assert.equal((await b.request('GET', '/api/auth/me')).status, 401);
  await new Client(web.baseUrl).login('pat', 'second-password-2');
});

test('/ui refuses sockets without a session or from a foreign Origin; malformed messages get an error', async () => {
  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const connect = (headers: Record<string, string>) =>
    new Promise<{ ok: true; socket: ReturnType<typeof io> } | { ok: false; message: string }>(
      (resolve) => {
        const s = io(`${web.baseUrl}/ui`, {
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: headers,
        });
        s.once('connect', () => resolve({ ok: true, socket: s }));
        s.once('connect_error', (err) => {
          s.close();
          resolve({ ok: false, message: err.message });
        });
      },
    );

  const noSession = await connect({ origin: web.baseUrl });
  assert.equal(noSession.ok, false);
  assert.match(noSession.ok ? '' : noSession.message, /^UNAUTHENTICATED/);
  const foreign = await connect({ origin: 'http://evil.example', cookie: admin.cookie! });
  assert.match(foreign.ok ? '' : foreign.message, /^PERMISSION_DENIED/);
  const noOrigin = await connect({ cookie: admin.cookie! });
  assert.equal(noOrigin.ok, false);

  const good = await connect({ origin: web.baseUrl, cookie: admin.cookie! });
  assert.ok(good.ok);
  const s = good.socket;
  try {
    const errorEvent = new Promise<{ code: string }>((resolve) => s.once('error', resolve));
    s.emit('drop.tables', { x: 1 });
    assert.equal((await errorEvent).code, 'INVALID_ARGUMENT');
    const badPing = (await s.timeout(5000).emitWithAck('ping', { extra: true })) as { ok: boolean };
    assert.equal(badPing.ok, false);
    const ping = (await s.timeout(5000).emitWithAck('ping', {})) as { ok: boolean };
    assert.equal(ping.ok, true, 'the socket still works after bad messages');

    const pushed = new Promise<{ host: { name: string; status: string } }>((resolve) =>
      s.once('hosts.changed', resolve),
    );
    assert.equal((await admin.request('POST', '/api/hosts', { name: 'pushed-host' })).status, 201);
    const push = await pushed;
    assert.equal(push.host.name, 'pushed-host');
    assert.equal(push.host.status, 'pending');
  } finally {
    s.close();
  }
});

test('pages: signed-out visitors are sent to /login; a viewer sees "Not allowed" on admin pages', async () => {
  const res = await fetch(`${web.baseUrl}/hosts`, { redirect: 'manual' });
  assert.ok([303, 307, 308].includes(res.status), `status ${res.status}`);
  assert.match(res.headers.get('location') ?? '', /\/login$/);
  assert.equal((await fetch(`${web.baseUrl}/login`)).status, 200);

  const viewer = new Client(web.baseUrl);
  await viewer.login('vera', 'viewer-password-123');
  const page = await fetch(`${web.baseUrl}/users`, { headers: { cookie: viewer.cookie! } });
  assert.match(await page.text(), /Not allowed/);
});
