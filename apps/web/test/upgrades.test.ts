import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { EnrollResponse } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client, facts, readyUser } from './support/http.js';

/**
 * The web's side of versions and upgrades, with scripted agents on the real /agent namespace:
 * the version exchange in the welcome, an agent too old to drive (limited to an upgrade and
 * shown as "needs upgrade"), who may upgrade (admins; operators and viewers get 403, audited as
 * denied), what the agent is sent (the served bundle's path and sha256, nothing else), and how
 * the agent's report is filed and audited. test/agent-upgrade.test.ts runs a real upgrade.
 */
const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
const sockets: Socket[] = [];
const latest = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../agent/dist/bundle/latest.json'), 'utf8'),
) as { version: string; file: string; sha256: string; arch: string };

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
});
after(async () => {
  for (const s of sockets) s.close();
  await web?.stop();
});

interface Welcome {
  webVersion?: string;
  protocolVersion?: number;
  compatible?: boolean;
  reason?: string | null;
}

/** Creates, enrolls and connects a scripted agent speaking `protocolVersion`. */
async function agent(name: string, protocolVersion: number, agentVersion = '0.0.9') {
  const created = await admin.request('POST', '/api/hosts', { name });
  assert.equal(created.status, 201);
  const token = (created.body as { joinToken: string }).joinToken;
  const enrolled = await new Client(web.baseUrl, null).request('POST', '/api/agent/enroll', {
    joinToken: token,
    facts: { ...facts, agentVersion, protocolVersion },
  });
  const cred = enrolled.body as unknown as EnrollResponse;
  const s = io(`${web.baseUrl}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { hostId: cred.hostId, credential: cred.credential, agentVersion, protocolVersion },
  });
  sockets.push(s);
  const welcome = await new Promise<Welcome>((resolve, reject) => {
    s.once('server.welcome', resolve);
    s.once('connect_error', reject);
  });
  s.emit('agent.hello', { facts: { ...facts, agentVersion, protocolVersion } });
  await eventually(async () => (await host(cred.hostId)).status === 'online');
  return { s, id: cred.hostId, welcome };
}

async function host(id: string) {
  const res = await admin.request('GET', `/api/hosts/${id}`);
  return res.body.host as {
    status: string;
    facts: { agentVersion: string; protocolVersion: number | null };
    compatibility: { compatible: boolean; needsUpgrade: boolean; reason: string | null };
    upgrade: {
      state: string;
      toVersion: string;
      reason: string | null;
      requestedBy: string;
    } | null;
  };
}

async function eventually(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('condition not reached');
}

test('versions are exchanged on connect; an agent too old is told why and shown as needs upgrade', async () => {
  const current = await agent('current-agent', 2, '0.1.0');
  assert.equal(current.welcome.compatible, true);
  assert.equal(current.welcome.protocolVersion, 2);
  const previous = await agent('previous-agent', 1, '0.1.0');
  assert.equal(
    previous.welcome.compatible,
    true,
    'protocol 1 is still driven (MIN_AGENT_PROTOCOL)',
  );
  assert.equal(current.welcome.webVersion, '0.1.0');
  assert.equal((await host(current.id)).compatibility.needsUpgrade, false);

  const old = await agent('old-agent', 0);
  assert.equal(old.welcome.compatible, false);
  assert.match(
    old.welcome.reason ?? '',
    /agent 0\.0\.9 speaks protocol 0; this web 0\.1\.0 needs protocol 1/,
  );
  const h = await host(old.id);
  assert.equal(h.status, 'online', 'connected, for an upgrade');
  assert.deepEqual([h.compatibility.compatible, h.compatibility.needsUpgrade], [false, true]);
  assert.equal(h.facts.protocolVersion, 0);
  // nothing but hello, heartbeat and an upgrade's report is taken from it
  const refused = (await old.s.timeout(5000).emitWithAck('inventory.images', { images: [] })) as {
    ok: boolean;
    error?: { code: string };
  };
  assert.deepEqual([refused.ok, refused.error?.code], [false, 'FAILED_PRECONDITION']);
  // and the web asks nothing of it but an upgrade
  const ping = await admin.request('GET', `/api/hosts/${old.id}/ping`);
  assert.equal(ping.status, 409, JSON.stringify(ping.body));
  assert.match(ping.body.message ?? '', /needs an upgrade/);
});

test('only admins upgrade; the agent is sent the served bundle path and sha256; its report is filed and audited', async () => {
  const { s, id } = await agent('upgradable', 0);
  const operator = await readyUser(admin, 'opal', 'operator-pass-1', 'operator');
  const viewer = await readyUser(admin, 'vera', 'viewer-pass-1', 'viewer');
  for (const c of [operator, viewer]) {
    assert.equal((await c.request('POST', `/api/hosts/${id}/upgrade`)).status, 403);
    assert.equal((await c.request('POST', '/api/hosts/upgrade-all')).status, 403);
  }
  const denied = await admin.request('GET', '/api/audit?action=hosts.upgrade&outcome=denied');
  assert.ok(
    (denied.body.events as Array<{ actorName: string }>).some((e) => e.actorName === 'opal'),
    'the refusal is audited',
  );
  const bundle = await operator.request('GET', '/api/agent-bundle');
  assert.deepEqual(bundle.body.bundle, {
    version: latest.version,
    arch: latest.arch,
    sha256: latest.sha256,
  });

  let asked: unknown = null;
  s.on('rpc', (req: { method: string; params: unknown }, ack: (r: unknown) => void) => {
    asked = req;
    ack({ ok: true, result: { fromVersion: '0.0.9', toVersion: latest.version } });
  });
  const res = await admin.request('POST', `/api/hosts/${id}/upgrade`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(asked, {
    method: 'agent.upgrade',
    params: { version: latest.version, path: `/downloads/${latest.file}`, sha256: latest.sha256 },
  });
  const upgrading = await host(id);
  assert.deepEqual(
    [upgrading.upgrade?.state, upgrading.upgrade?.toVersion, upgrading.upgrade?.requestedBy],
    ['upgrading', latest.version, 'admin'],
  );
  const again = await admin.request('POST', `/api/hosts/${id}/upgrade`);
  assert.equal(again.status, 409, 'one upgrade at a time');

  const ack = (await s.timeout(5000).emitWithAck('agent.upgrade.result', {
    ok: false,
    fromVersion: '0.0.9',
    toVersion: latest.version,
    reason: 'did not connect to the web by the deadline',
  })) as { ok: boolean };
  assert.equal(ack.ok, true, 'even an agent too old for the rest may report');
  await eventually(async () => (await host(id)).upgrade?.state === 'failed');
  assert.equal((await host(id)).upgrade?.reason, 'did not connect to the web by the deadline');
  const audit = await admin.request('GET', '/api/audit?action=host.upgrade');
  const events = audit.body.events as Array<{
    action: string;
    actorName: string;
    outcome: string;
  }>;
  assert.ok(
    events.some(
      (e) => e.action === 'host.upgrade' && e.actorName === 'admin' && e.outcome === 'success',
    ),
  );
  assert.ok(
    events.some(
      (e) =>
        e.action === 'host.upgrade.result' &&
        e.actorName === 'agent:upgradable' &&
        e.outcome === 'failure',
    ),
  );
});

test('an agent that refuses (bad sha256) leaves the upgrade failed with its reason; offline hosts are not asked', async () => {
  const { s, id } = await agent('refusing', 1, '0.0.8');
  s.on('rpc', (_req: unknown, ack: (r: unknown) => void) =>
    ack({
      ok: false,
      error: {
        code: 'PERMISSION_DENIED',
        message: "the bundle's sha256 is x, the web said y: refused, nothing installed",
      },
    }),
  );
  const res = await admin.request('POST', `/api/hosts/${id}/upgrade`);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  const h = await host(id);
  assert.equal(h.upgrade?.state, 'failed');
  assert.match(h.upgrade?.reason ?? '', /refused, nothing installed/);
  s.close();
  await eventually(async () => (await host(id)).status === 'offline');
  assert.equal((await admin.request('POST', `/api/hosts/${id}/upgrade`)).status, 503);
  // the earlier tests' scripted agents are still online: they answer at once (a silent one
  // would hold upgrade-all for the upgrade's whole deadline)
  for (const other of sockets)
    other.on('rpc', (_req: unknown, ack: (r: unknown) => void) =>
      ack({ ok: false, error: { code: 'UNAVAILABLE', message: 'a scripted agent' } }),
    );
  const all = await admin.request('POST', '/api/hosts/upgrade-all');
  assert.equal(all.status, 200);
  const mine = (
    all.body.results as Array<{ name: string; ok: boolean; error: string | null }>
  ).find((r) => r.name === 'refusing');
  assert.deepEqual([mine?.ok, mine?.error], [false, 'refusing is offline']);
});
