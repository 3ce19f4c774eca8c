import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDatabase } from '@berth/db';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, readyUser } from './support/http.js';
import { enrolledHost, fakeAgent, openSockets } from './support/fake-agent.js';

/**
 * API tokens end to end against the real web and database: made with a session, used with
 * `Authorization: Bearer` by real curl (no cookie, no Origin), narrowed by scopes, hosts and the
 * owner's current role, revoked at once, audited. Abuse: revoked, expired, malformed, widened
 * and cross-host tokens.
 */
const run = promisify(execFile);
const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
let h1: string;
let h2: string;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const c1 = await enrolledHost(web, admin, 'tok-h1');
  const c2 = await enrolledHost(web, admin, 'tok-h2');
  h1 = c1.hostId;
  h2 = c2.hostId;
  await fakeAgent(web, c1, () => ({}));
  await fakeAgent(web, c2, () => ({}));
});
after(async () => {
  for (const s of openSockets) s.close();
  await web?.stop();
});

async function makeToken(client: Client, body: Record<string, unknown>) {
  const res = await client.request('POST', '/api/tokens', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; token: string };
}

/** A bearer-only client: no cookie, no Origin (as a script or curl). */
function bearer(token: string): Client {
  const c = new Client(web.baseUrl, null);
  return Object.assign(c, {
    request: (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      Client.prototype.request.call(c, method, path, body, {
        authorization: `Bearer ${token}`,
        ...headers,
      }),
  });
}

async function curl(
  token: string,
  path: string,
): Promise<{ status: number; body: string; headers: string }> {
  const { stdout } = await run('curl', [
    '-sS',
    '-D',
    '-',
    '-H',
    `Authorization: Bearer ${token}`,
    '-w',
    '\n%{http_code}',
    `${web.baseUrl}${path}`,
  ]);
  const lines = stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  const text = lines.join('\n');
  const split = text.indexOf('\r\n\r\n');
  return { status, headers: text.slice(0, split), body: text.slice(split + 4) };
}

test('curl with a bearer token and no cookie lists the hosts; once revoked it gets 401', async () => {
  const { id, token } = await makeToken(admin, { name: 'curl', scopes: ['read'] });
  assert.match(token, /^berth_[0-9A-Za-z]{40}$/);
  const ok = await curl(token, '/api/hosts');
  assert.equal(ok.status, 200, ok.body);
  const names = (JSON.parse(ok.body) as { hosts: { name: string }[] }).hosts.map((h) => h.name);
  assert.deepEqual(names.sort(), ['tok-h1', 'tok-h2']);

  const revoked = await admin.request('DELETE', `/api/tokens/${id}`);
  assert.equal(revoked.status, 200);
  assert.equal((revoked.body.apiToken as { status: string }).status, 'revoked');
  const denied = await curl(token, '/api/hosts');
  assert.equal(denied.status, 401);
  assert.equal((JSON.parse(denied.body) as { code: string }).code, 'UNAUTHENTICATED');
  assert.match(denied.headers, /www-authenticate: Bearer/i);
});

test('the token is shown once: lists carry a prefix, never the token or its hash', async () => {
  const { id, token } = await makeToken(admin, { name: 'listed', scopes: ['read', 'metrics'] });
  await bearer(token).request('GET', '/api/hosts');
  const list = await admin.request('GET', '/api/tokens');
  const text = JSON.stringify(list.body);
  assert.ok(!text.includes(token), 'the token itself is listed');
  assert.ok(!text.includes('tokenHash'));
  const row = (
    list.body.tokens as {
      id: string;
      prefix: string;
      lastUsedAt: string | null;
      scopes: string[];
    }[]
  ).find((t) => t.id === id);
  assert.ok(row);
  assert.ok(token.startsWith(row.prefix) && row.prefix.length < token.length / 2);
  assert.deepEqual(row.scopes, ['read', 'metrics']);
  assert.notEqual(row.lastUsedAt, null, 'last use recorded');
});

test('bearer requests skip the Origin check; cookie requests still need it', async () => {
  const { token } = await makeToken(admin, { name: 'writer', scopes: ['admin'] });
  const created = await bearer(token).request('POST', '/api/hosts', { name: 'tok-h3' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const noOrigin = new Client(web.baseUrl, null);
  noOrigin.cookie = admin.cookie;
  assert.equal((await noOrigin.request('POST', '/api/hosts', { name: 'tok-h4' })).status, 403);
  // the audit log tells the token's action apart from a browser's
  const audit = await admin.request('GET', '/api/audit?action=host.create');
  const row = (
    audit.body.events as { target: string; detail: string | null; outcome: string }[]
  ).find((e) => e.outcome === 'success' && e.detail?.includes('tok-h3'));
  assert.ok(row, JSON.stringify(audit.body.events));
  assert.equal(
    (JSON.parse(row.detail!) as { via: { token: { name: string } } }).via.token.name,
    'writer',
  );
});

test('scopes narrow: read cannot act (denied and audited), metrics only scrapes', async () => {
  const read = bearer((await makeToken(admin, { name: 'reader', scopes: ['read'] })).token);
  const refused = await read.request('POST', '/api/hosts', { name: 'nope' });
  assert.equal(refused.status, 403);
  assert.match(refused.body.message ?? '', /scopes \(read\) do not allow hosts\.create/);
  assert.equal((await read.request('GET', '/metrics')).status, 403);
  const audit = await admin.request('GET', '/api/audit?action=hosts.create&outcome=denied');
  assert.ok((audit.body.total as number) >= 1);

  const metrics = bearer((await makeToken(admin, { name: 'scraper', scopes: ['metrics'] })).token);
  assert.equal((await metrics.request('GET', '/api/hosts')).status, 403);
  const res = await fetch(`${web.baseUrl}/metrics`, {
    headers: {
      authorization: `Bearer ${(await makeToken(admin, { name: 'scraper2', scopes: ['metrics'] })).token}`,
    },
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /^# HELP berth_host_up /m);
});

test("a token never exceeds its owner's current role: demoted narrows, disabled dies", async () => {
  const op = await readyUser(admin, 'tokop', 'tokop-password-1', 'operator');
  const me = await op.request('GET', '/api/auth/me');
  const opId = (me.body.user as { id: string }).id;
  // a role's scopes only: an operator cannot ask for admin
  assert.equal(
    (await op.request('POST', '/api/tokens', { name: 'x', scopes: ['admin'] })).status,
    403,
  );
  const t = bearer((await makeToken(op, { name: 'ops', scopes: ['operate'] })).token);
  const perms = async () =>
    ((await t.request('GET', '/api/auth/me')).body.permissions as string[]) ?? [];
  assert.ok((await perms()).includes('containers.operate'));
  assert.ok(!(await perms()).includes('hosts.create'));

  assert.equal(
    (await admin.request('PATCH', `/api/users/${opId}`, { role: 'viewer' })).status,
    200,
  );
  assert.ok(
    !(await perms()).includes('containers.operate'),
    'demoted: the token no longer operates',
  );
  assert.equal((await t.request('GET', '/api/hosts')).status, 200);
  const act = await t.request('POST', `/api/hosts/${h1}/containers/web/stop`, {});
  assert.equal(act.status, 403);
  assert.match(act.body.message ?? '', /role \(viewer\)/);

  assert.equal(
    (await admin.request('PATCH', `/api/users/${opId}`, { disabled: true })).status,
    200,
  );
  assert.equal((await t.request('GET', '/api/hosts')).status, 401);
});

test('a host-limited token sees and touches its hosts only', async () => {
  const t = bearer(
    (await makeToken(admin, { name: 'one-host', scopes: ['admin'], hosts: [h1] })).token,
  );
  const hosts = await t.request('GET', '/api/hosts');
  assert.deepEqual(
    (hosts.body.hosts as { id: string }[]).map((h) => h.id),
    [h1],
  );
  assert.equal((await t.request('GET', `/api/hosts/${h1}`)).status, 200);
  const other = await t.request('GET', `/api/hosts/${h2}`);
  assert.equal(other.status, 403);
  assert.match(other.body.message ?? '', /limited to other hosts/);
  assert.equal((await t.request('GET', `/api/stats/hosts/${h2}`)).status, 403);
  assert.equal((await t.request('GET', `/api/containers?host=${h2}`)).status, 403);
  // routes about the whole fleet are refused, even with the admin scope
  assert.equal((await t.request('GET', '/api/users')).status, 403);
  assert.equal((await t.request('POST', '/api/hosts', { name: 'tok-h5' })).status, 403);
  // unknown hosts cannot be named
  assert.equal(
    (
      await admin.request('POST', '/api/tokens', {
        name: 'ghost',
        scopes: ['read'],
        hosts: ['nope'],
      })
    ).status,
    400,
  );
});

test('tokens make tokens only with the admin scope, never wider, longer-lived or on more hosts', async () => {
  const soon = new Date(Date.now() + 3_600_000).toISOString();
  const later = new Date(Date.now() + 7_200_000).toISOString();
  const plain = bearer((await makeToken(admin, { name: 'plain', scopes: ['operate'] })).token);
  assert.equal(
    (await plain.request('POST', '/api/tokens', { name: 'c', scopes: ['read'] })).status,
    403,
  );
  const boss = bearer(
    (await makeToken(admin, { name: 'boss', scopes: ['admin'], hosts: [h1], expiresAt: soon }))
      .token,
  );
  const ok = { name: 'child', scopes: ['read'], hosts: [h1], expiresAt: soon };
  assert.equal((await boss.request('POST', '/api/tokens', ok)).status, 201);
  assert.equal((await boss.request('POST', '/api/tokens', { ...ok, hosts: [h1, h2] })).status, 403);
  assert.equal(
    (await boss.request('POST', '/api/tokens', { ...ok, hosts: undefined })).status,
    403,
  );
  assert.equal(
    (await boss.request('POST', '/api/tokens', { ...ok, expiresAt: later })).status,
    403,
  );
  assert.equal(
    (await boss.request('POST', '/api/tokens', { ...ok, expiresAt: undefined })).status,
    403,
  );
  // a token cannot log out or change the password of a browser session
  assert.equal((await boss.request('POST', '/api/auth/logout')).status, 403);
});

test('expired, malformed and unknown tokens get 401; bad requests change nothing', async () => {
  const { id, token } = await makeToken(admin, {
    name: 'short',
    scopes: ['read'],
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  assert.equal((await bearer(token).request('GET', '/api/hosts')).status, 200);
  const db = await openDatabase(web.databaseUrl);
  try {
    await db.prisma.apiToken.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
  } finally {
    await db.close();
  }
  assert.equal((await bearer(token).request('GET', '/api/hosts')).status, 401);
  const listed = (await admin.request('GET', '/api/tokens')).body.tokens as {
    id: string;
    status: string;
  }[];
  assert.equal(listed.find((t) => t.id === id)?.status, 'expired');

  assert.equal((await bearer('berth_' + 'x'.repeat(40)).request('GET', '/api/hosts')).status, 401);
  const malformed = await fetch(`${web.baseUrl}/api/hosts`, {
    headers: { authorization: 'Bearer not-a-token' },
  });
  assert.equal(malformed.status, 401);
  const before = ((await admin.request('GET', '/api/tokens')).body.tokens as unknown[]).length;
  for (const bad of [
    { name: '', scopes: ['read'] },
    { name: 'x', scopes: [] },
    { name: 'x', scopes: ['root'] },
    { name: 'x', scopes: ['read', 'read'] },
    { name: 'x', scopes: ['read'], expiresAt: new Date(Date.now() - 60_000).toISOString() },
    {
      name: 'x',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    },
    { name: 'x', scopes: ['read'], extra: true },
  ]) {
    assert.equal(
      (await admin.request('POST', '/api/tokens', bad)).status,
      400,
      JSON.stringify(bad),
    );
  }
  assert.equal(
    ((await admin.request('GET', '/api/tokens')).body.tokens as unknown[]).length,
    before,
  );
});

test("others' tokens: invisible and unrevokable to users, revocable by admins", async () => {
  const v = await readyUser(admin, 'tokviewer', 'tokviewer-password-1', 'viewer');
  const mine = await makeToken(admin, { name: 'admins-own', scopes: ['read'] });
  assert.equal((await v.request('DELETE', `/api/tokens/${mine.id}`)).status, 404);
  assert.equal((await v.request('GET', '/api/tokens?all=true')).status, 403);
  const theirs = await makeToken(v, { name: 'viewers-own', scopes: ['read'] });
  const all = (await admin.request('GET', '/api/tokens?all=true')).body.tokens as {
    id: string;
    owner: { username: string };
  }[];
  assert.equal(all.find((t) => t.id === theirs.id)?.owner.username, 'tokviewer');
  assert.equal((await admin.request('DELETE', `/api/tokens/${theirs.id}`)).status, 200);
  assert.equal((await bearer(theirs.token).request('GET', '/api/hosts')).status, 401);
});
