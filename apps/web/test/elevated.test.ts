import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { buildBusyboxImage, pushTestImage, startRegistry, type TestRegistry } from '@berth/testkit';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import { eventually, openSockets, uiSocket, userClient } from './support/fake-agent.js';
import { startRealAgent, type RealAgent } from './support/real-agent.js';

// Elevated options through the web API against real agents (runc, conmon): operators are
// refused by the web, admins get what each host's owner allowed and nothing more.

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let registry: TestRegistry;
let admin: Client;
let operator: Client;
let ref: string;
/** `--allow-elevated all --allow-bind /etc`. */
let open: { id: string; agent: RealAgent };
/** No policy flags: the default, nothing elevated. */
let closed: { id: string; agent: RealAgent };
const SECRET = 'hunter2-do-not-log';

async function hostWithAgent(name: string, flags: string[]) {
  const created = await admin.request('POST', '/api/hosts', { name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = (created.body.host as { id: string }).id;
  const agent = await startRealAgent([
    '--server',
    web.baseUrl,
    '--join-token',
    String(created.body.joinToken),
    ...flags,
  ]);
  const host = await eventually(
    async () => (await admin.request('GET', `/api/hosts/${id}`)).body.host as { status: string },
    (h) => h.status === 'online',
  );
  assert.equal(host.status, 'online', await agent.log());
  const pulled = await admin.request('POST', `/api/hosts/${id}/images/pull`, {
    ref,
    pullId: `p-${name}`,
  });
  assert.equal(pulled.status, 200, JSON.stringify(pulled.body));
  return { id, agent };
}

before(async () => {
  registry = await startRegistry();
  ref = `${registry.host}/elevated/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage({ applets: 'all' }));
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  operator = await userClient(web, admin, 'olga', 'operator');
  open = await hostWithAgent('open-host', ['--allow-elevated', 'all', '--allow-bind', '/etc']);
  closed = await hostWithAgent('closed-host', []);
});

after(async () => {
  for (const s of openSockets) s.close();
  await open?.agent.stop();
  await closed?.agent.stop();
  await web?.stop();
  await registry?.stop();
});

interface AuditRow {
  action: string;
  actorName: string;
  outcome: string;
  target: string | null;
  detail: string | null;
}
async function auditRows(action: string): Promise<AuditRow[]> {
  const res = await admin.request('GET', `/api/audit?action=${action}&pageSize=100`);
  return res.body.events as AuditRow[];
}

/** What the agent itself has (its own CLI over its socket), not the web's mirror. */
async function agentContainers(agent: RealAgent): Promise<string[]> {
  return (await agent.cli(['ps', '-a', '-q'])).split('\n').filter(Boolean);
}

const elevatedRequests: [string, Record<string, unknown>, RegExp][] = [
  ['privileged', { privileged: true }, /: privileged — ask an admin/],
  ['bind of /', { volumes: ['/:/host'] }, /bind mount \/:\/host/],
  ['bind of /etc', { volumes: ['/etc:/hostetc:ro'] }, /bind mount \/etc:\/hostetc:ro/],
  ['host network', { network: 'host' }, /host network/],
  ['capAdd SYS_ADMIN', { capAdd: ['SYS_ADMIN'] }, /capability SYS_ADMIN/],
  ['pid host', { pid: 'host' }, /host PID namespace/],
  ['seccomp unconfined', { securityOpt: ['seccomp=unconfined'] }, /seccomp unconfined/],
  ['a device', { devices: ['/dev/fuse'] }, /device \/dev\/fuse/],
  ['a host sysctl', { sysctls: { 'kernel.core_pattern': '|/x' } }, /sysctl kernel\.core_pattern/],
];

test('an operator is refused every elevated option (403, named), audited as denied; nothing reaches the agent', async () => {
  const before = await agentContainers(open.agent);
  for (const [name, fields, message] of elevatedRequests) {
    const res = await operator.request('POST', `/api/hosts/${open.id}/containers?start=true`, {
      image: ref,
      env: [`TOKEN=${SECRET}`, 'PLAIN=1'],
      ...fields,
    });
    assert.equal(res.status, 403, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 'PERMISSION_DENIED');
    assert.match(res.body.message ?? '', /^operators cannot use elevated options: /, name);
    assert.match(res.body.message ?? '', message, name);
  }
  assert.deepEqual(await agentContainers(open.agent), before, 'no container was created');

  const denied = (await auditRows('container.create')).filter(
    (r) => r.actorName === 'olga' && r.outcome === 'denied',
  );
  assert.equal(denied.length, elevatedRequests.length);
  for (const row of denied) {
    assert.equal(row.target, `host:${open.id}`);
    assert.ok(!row.detail?.includes(SECRET), 'environment values never reach the audit log');
    const detail = JSON.parse(row.detail ?? '{}') as {
      request: { image: string; env: string[] };
      elevated: string[];
      start: boolean;
    };
    assert.equal(detail.request.image, ref);
    assert.deepEqual(detail.request.env, ['TOKEN=***', 'PLAIN=***']);
    assert.equal(detail.start, true);
    assert.ok(detail.elevated.length > 0);
  }
  const privileged = denied.find((r) => r.detail?.includes('"privileged":true'));
  assert.deepEqual(JSON.parse(privileged?.detail ?? '{}').elevated, ['privileged']);
});

test('an operator still creates ordinary containers (named volumes, env), audited with the request', async () => {
  const res = await operator.request('POST', `/api/hosts/${open.id}/containers`, {
    image: ref,
    name: 'plain-one',
    cmd: ['true'],
    network: 'none',
    env: [`TOKEN=${SECRET}`],
    volumes: ['plaindata:/data'],
    capAdd: ['NET_BIND_SERVICE'],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const row = (await auditRows('container.create')).find(
    (r) => r.actorName === 'olga' && r.outcome === 'success',
  );
  assert.ok(row && !row.detail?.includes(SECRET));
  const detail = JSON.parse(row.detail ?? '{}') as { request: Record<string, unknown> };
  assert.deepEqual(detail.request.volumes, ['plaindata:/data']);
  assert.deepEqual(detail.request.env, ['TOKEN=***']);
  const container = res.body.container as { engineId: string; elevated: string[] };
  assert.deepEqual(container.elevated, []);

  const patched = await operator.request(
    'PATCH',
    `/api/hosts/${open.id}/containers/${container.engineId}`,
    { memory: 64 << 20 },
  );
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const update = (await auditRows('container.update')).find((r) => r.actorName === 'olga');
  assert.deepEqual(JSON.parse(update?.detail ?? '{}'), {
    request: { memory: 64 << 20 },
    elevated: [],
  });
});

/** Creates and starts as admin, waits for the exit, returns the container's output. */
async function runAsAdmin(hostId: string, fields: Record<string, unknown>, script: string) {
  const res = await admin.request('POST', `/api/hosts/${hostId}/containers?start=true`, {
    image: ref,
    network: 'none',
    cmd: ['sh', '-c', script],
    ...fields,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const c = res.body.container as { engineId: string; elevated: string[] };
  const base = `/api/hosts/${hostId}/containers/${c.engineId}`;
  await eventually(
    async () => ((await admin.request('GET', base)).body.inspect as { state: string }).state,
    (s) => s === 'exited',
  );
  const logs = await admin.request('GET', `${base}/logs?tail=20`);
  const text = (logs.body.entries as { text: string }[]).map((e) => e.text).join('\n');
  return { text, elevated: c.elevated };
}

test('an admin on a host whose policy allows it gets each elevated option, for real', async () => {
  const hostNs = async (ns: string) => readlink(`/proc/self/ns/${ns}`);
  const capEffHas = (text: string, bit: bigint) =>
    (BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(text)?.[1] ?? '0'}`) >> bit) & 1n;

  const priv = await runAsAdmin(open.id, { privileged: true }, 'grep CapEff /proc/self/status');
  assert.deepEqual(priv.elevated, ['privileged']);
  assert.equal(capEffHas(priv.text, 21n), 1n, 'CAP_SYS_ADMIN');

  const cap = await runAsAdmin(open.id, { capAdd: ['SYS_ADMIN'] }, 'grep CapEff /proc/self/status');
  assert.equal(capEffHas(cap.text, 21n), 1n);

  const etc = await runAsAdmin(open.id, { volumes: ['/etc:/hostetc:ro'] }, 'cat /hostetc/hostname');
  assert.equal(etc.text.trim(), (await readFile('/etc/hostname', 'utf8')).trim());
  assert.deepEqual(etc.elevated, ['bind:/etc']);

  const net = await runAsAdmin(open.id, { network: 'host' }, 'readlink /proc/self/ns/net');
  assert.equal(net.text.trim(), await hostNs('net'));
  const pid = await runAsAdmin(open.id, { pid: 'host' }, 'readlink /proc/self/ns/pid');
  assert.equal(pid.text.trim(), await hostNs('pid'));
  const dev = await runAsAdmin(open.id, { devices: ['/dev/fuse'] }, 'stat -c %t:%T /dev/fuse');
  assert.equal(dev.text.trim(), 'a:e5');
  const sec = await runAsAdmin(
    open.id,
    { securityOpt: ['seccomp=unconfined'] },
    'grep Seccomp: /proc/self/status',
  );
  assert.match(sec.text, /Seccomp:\s+0/);

  // The badge's data: the mirrored list carries the elevated options.
  const list = await admin.request('GET', `/api/containers?host=${open.id}`);
  const rows = list.body.containers as { elevated: string[] }[];
  assert.ok(rows.some((r) => r.elevated.includes('privileged')));
  assert.ok(rows.some((r) => r.elevated.includes('pid-host')));
});

test('even with --allow-elevated all, the agent never lets the web bind / or its own roots', async () => {
  const before = await agentContainers(open.agent);
  for (const volume of ['/:/host', `${open.agent.dataRoot}:/x`, '/etc/../:/y']) {
    const res = await admin.request('POST', `/api/hosts/${open.id}/containers`, {
      image: ref,
      volumes: [volume],
    });
    assert.equal(res.status, 403, volume);
    assert.equal(res.body.code, 'POLICY_DENIED');
    assert.match(res.body.message ?? '', /never allowed from the web/);
  }
  assert.deepEqual(await agentContainers(open.agent), before);
});

test('on a host whose policy refuses it, even an admin is refused with POLICY_DENIED', async () => {
  const before = await agentContainers(closed.agent);
  for (const [name, fields] of elevatedRequests) {
    const res = await admin.request('POST', `/api/hosts/${closed.id}/containers?start=true`, {
      image: ref,
      env: [`TOKEN=${SECRET}`],
      ...fields,
    });
    assert.equal(res.status, 403, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 'POLICY_DENIED', name);
    assert.match(res.body.message ?? '', /this host's policy does not allow: |never allowed/);
  }
  const privileged = await admin.request('POST', `/api/hosts/${closed.id}/containers`, {
    image: ref,
    privileged: true,
  });
  assert.equal(
    privileged.body.message,
    "this host's policy does not allow: privileged. The host's owner can allow it with " +
      '`berth-agent --allow-elevated privileged`',
  );
  assert.deepEqual(await agentContainers(closed.agent), before, 'nothing was created');

  const rows = (await auditRows('container.create')).filter(
    (r) => r.actorName === 'admin' && r.target === `host:${closed.id}`,
  );
  assert.equal(rows.length, elevatedRequests.length + 1);
  for (const r of rows) {
    assert.equal(r.outcome, 'denied');
    assert.ok(!r.detail?.includes(SECRET));
    assert.equal(JSON.parse(r.detail ?? '{}').code, 'POLICY_DENIED');
  }
});

test('each host reports its policy; the web shows it as the agent said', async () => {
  const policyOf = async (id: string) =>
    ((await operator.request('GET', `/api/hosts/${id}`)).body.host as { policy: unknown }).policy;
  assert.deepEqual(await policyOf(open.id), {
    allowElevated: ['all'],
    allowBind: ['/etc'],
    remoteUpgrade: true,
  });
  assert.deepEqual(await policyOf(closed.id), {
    allowElevated: [],
    allowBind: [],
    remoteUpgrade: true,
  });
});

test('the browser terminal cannot ask for a privileged exec', async () => {
  const ui = await uiSocket(web, admin);
  const ack = (await ui.timeout(5000).emitWithAck('terminal.open', {
    hostId: open.id,
    containerId: 'plain-one',
    cols: 80,
    rows: 24,
    privileged: true,
  })) as { ok: boolean; error?: { code: string } };
  assert.equal(ack.ok, false);
  assert.equal(ack.error?.code, 'INVALID_ARGUMENT');
});

interface InspectView {
  id: string;
  name: string;
  state: string;
  ports: { hostPort: number }[];
  config: { env: string[] };
}
const inspectOn = async (hostId: string, ref: string) =>
  (await operator.request('GET', `/api/hosts/${hostId}/containers/${ref}`)).body
    .inspect as InspectView;

test('Duplicate/Edit: an operator replaces a container under its name; a failed replace puts the old one back; viewers and elevated copies are refused', async () => {
  const viewer = await userClient(web, admin, 'vince', 'viewer');
  const created = await operator.request('POST', `/api/hosts/${open.id}/containers?start=true`, {
    image: ref,
    name: 'edit-me',
    cmd: ['sleep', '3600'],
    env: ['GREETING=hello', `TOKEN=${SECRET}`],
    ports: ['127.0.0.1:18391:80'],
    labels: { team: 'a' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const oldId = String(created.body.id);
  const base = `/api/hosts/${open.id}/containers`;

  // the prefill: the settings as given, the image's own left to the image
  const spec = await operator.request('GET', `${base}/${oldId}/spec`);
  assert.equal(spec.status, 200, JSON.stringify(spec.body));
  const request = spec.body.request as Record<string, unknown>;
  assert.deepEqual(request.env, ['GREETING=hello', `TOKEN=${SECRET}`]);
  assert.deepEqual(request.ports, ['127.0.0.1:18391:80']);
  assert.deepEqual(request.cmd, ['sleep', '3600']);
  assert.deepEqual(request.labels, { team: 'a' });
  assert.equal(request.name, 'edit-me');

  // viewers may neither read the settings (variables) nor replace
  assert.equal((await viewer.request('GET', `${base}/${oldId}/spec`)).status, 403);
  const byViewer = await viewer.request('PUT', `${base}/${oldId}?start=true`, request);
  assert.equal(byViewer.status, 403);
  // an operator may not slip an elevated option into a copy; nothing changes
  const elevated = await operator.request('PUT', `${base}/${oldId}?start=true`, {
    ...request,
    privileged: true,
  });
  assert.equal(elevated.status, 403, JSON.stringify(elevated.body));
  // a replacement keeps the name (a new name is a copy: create it)
  const renamed = await operator.request('PUT', `${base}/${oldId}`, { ...request, name: 'other' });
  assert.equal(renamed.status, 400, JSON.stringify(renamed.body));
  assert.equal((await inspectOn(open.id, 'edit-me')).id, oldId, 'untouched so far');

  // Replace: same name and host port, the new variable, running
  const edited = { ...request, env: ['GREETING=bye', `TOKEN=${SECRET}`] };
  const replaced = await operator.request('PUT', `${base}/${oldId}?start=true`, edited);
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal(replaced.body.replaced, oldId);
  assert.equal(replaced.body.name, 'edit-me');
  const now = await inspectOn(open.id, 'edit-me');
  assert.notEqual(now.id, oldId);
  assert.equal(now.id, replaced.body.id);
  assert.equal(now.state, 'running');
  assert.ok(now.config.env.includes('GREETING=bye'), JSON.stringify(now.config.env));
  assert.deepEqual(
    now.ports.map((p) => p.hostPort),
    [18391],
  );
  assert.ok(!(await agentContainers(open.agent)).some((id) => oldId.startsWith(id)), 'old gone');
  const row = (await auditRows('container.replace')).find((r) => r.outcome === 'success');
  assert.equal(row?.actorName, 'olga');
  assert.ok(row && !row.detail?.includes(SECRET), 'variable values are not audited');
  const detail = JSON.parse(row?.detail ?? '{}') as {
    changed: string[];
    request: { env: string[] };
  };
  assert.deepEqual(detail.changed, ['Environment GREETING']);
  assert.deepEqual(detail.request.env, ['GREETING=***', 'TOKEN=***']);

  // a port another container holds is refused before anything changes: the same container runs
  const holder = await operator.request('POST', `${base}?start=true`, {
    image: ref,
    name: 'port-holder',
    cmd: ['sleep', '3600'],
    ports: ['127.0.0.1:18392:80'],
  });
  assert.equal(holder.status, 201, JSON.stringify(holder.body));
  const clash = await operator.request('PUT', `${base}/edit-me?start=true`, {
    ...edited,
    ports: ['127.0.0.1:18392:80'],
  });
  assert.equal(clash.status, 409, JSON.stringify(clash.body));
  assert.match(String(clash.body.message), /18392/);
  assert.equal((await inspectOn(open.id, 'edit-me')).id, now.id, 'untouched');

  // a port a host process holds is found only by the create, after the old one is gone: it is
  // put back from its record (a new ID), running with its settings as before
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(18393, '127.0.0.1', resolve));
  try {
    const taken = await operator.request('PUT', `${base}/edit-me?start=true`, {
      ...edited,
      env: ['GREETING=never'],
      ports: ['127.0.0.1:18393:80'],
    });
    assert.equal(taken.status, 409, JSON.stringify(taken.body));
    assert.match(String(taken.body.message), /18393/);
    assert.equal((taken.body.details as { restored?: boolean } | undefined)?.restored, true);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
  const back = await inspectOn(open.id, 'edit-me');
  assert.equal(back.state, 'running');
  assert.ok(back.config.env.includes('GREETING=bye'));
  assert.deepEqual(
    back.ports.map((p) => p.hostPort),
    [18391],
  );
  const failed = (await auditRows('container.replace')).find((r) => r.outcome === 'failure');
  assert.equal(JSON.parse(failed?.detail ?? '{}').restored, true);
});
