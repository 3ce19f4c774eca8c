import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { buildBusyboxImage, pushTestImage, startRegistry, type TestRegistry } from '@berth/testkit';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import { eventually, openSockets, userClient } from './support/fake-agent.js';
import { startRealAgent, type RealAgent } from './support/real-agent.js';

// Stacks through the web API against real agents (runc, conmon, CNI): the role and each host's
// policy are applied to the compose file before anything is created; deploys, edits, the volume
// browser and removal with volumes, for real.

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let registry: TestRegistry;
let admin: Client;
let operator: Client;
let viewer: Client;
let ref: string;
/** `--allow-elevated all --allow-bind /etc`. */
let open: { id: string; agent: RealAgent; bridge: string };
/** No policy flags: nothing elevated. */
let closed: { id: string; agent: RealAgent; bridge: string };
const suffix = randomBytes(3).toString('hex');

async function hostWithAgent(name: string, flags: string[]) {
  const created = await admin.request('POST', '/api/hosts', { name });
  assert.equal(
    created.status,
    201,
    `${JSON.stringify(created.body)}\n${web.output.slice(-20).join('\n')}`,
  );
  const id = (created.body.host as { id: string }).id;
  const bridge = `bs${randomBytes(3).toString('hex')}`;
  const agent = await startRealAgent([
    '--server',
    web.baseUrl,
    '--join-token',
    String(created.body.joinToken),
    '--bridge',
    bridge,
    '--bridge-subnet',
    `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
    '--default-address-pool',
    `base=10.${150 + randomInt(50)}.${randomInt(64) * 4}.0/22,size=24`,
    ...flags,
  ]);
  const host = await eventually(
    async () => (await admin.request('GET', `/api/hosts/${id}`)).body.host as { status: string },
    (h) => h.status === 'online',
  );
  assert.equal(host.status, 'online', await agent.log());
  return { id, agent, bridge };
}

before(async () => {
  registry = await startRegistry();
  ref = `${registry.host}/stacks/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage({ applets: 'all' }));
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  operator = await userClient(web, admin, 'stella', 'operator');
  viewer = await userClient(web, admin, 'vic', 'viewer');
  open = await hostWithAgent(`stk-open-${suffix}`, [
    '--allow-elevated',
    'all',
    '--allow-bind',
    '/etc',
  ]);
  closed = await hostWithAgent(`stk-closed-${suffix}`, []);
});

after(async () => {
  for (const s of openSockets) s.close();
  for (const h of [open, closed]) {
    await h?.agent.stop();
    try {
      execFileSync('ip', ['link', 'del', h.bridge], { stdio: 'ignore' });
    } catch {
      /* never created */
    }
  }
  await web?.stop();
  await registry?.stop();
});

/** What the agent itself has (its own CLI), not the web's mirror. */
async function onAgent(agent: RealAgent) {
  const lines = async (args: string[]) => (await agent.cli(args)).split('\n').filter(Boolean);
  return {
    containers: await lines(['ps', '-a', '-q']),
    networks: (await lines(['network', 'ls', '--format', 'json'])).filter((l) =>
      l.includes('com.docker.compose.project'),
    ),
    volumes: await lines(['volume', 'ls', '-q']),
  };
}

const elevatedFiles: [string, string, RegExp][] = [
  ['privileged', `    privileged: true\n`, /privileged/],
  ['a bind of /', `    volumes: ["/:/host"]\n`, /bind mount \/:\/host/],
  ['host network', `    network_mode: host\n`, /host network/],
  ['a capability', `    cap_add: [SYS_ADMIN]\n`, /capability SYS_ADMIN/],
  ['a secret from a host file', `    secrets: [s]\n`, /bind mount \/etc\/hostname/],
];

const withService = (name: string, extra: string) =>
  `services:\n  app:\n    image: ${ref}\n    command: sleep 300\n${extra}` +
  (name === 'a secret from a host file' ? 'secrets:\n  s:\n    file: /etc/hostname\n' : '');

test('an operator is refused every elevated compose option (403, named), audited; nothing is created anywhere', async () => {
  const before = await onAgent(open.agent);
  for (const [name, extra, message] of elevatedFiles) {
    const res = await operator.request('POST', '/api/stacks', {
      name: `evil${suffix}`,
      compose: withService(name, extra),
      hostIds: [open.id],
    });
    assert.equal(res.status, 403, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 'PERMISSION_DENIED');
    assert.match(res.body.message ?? '', /^operators cannot use elevated options: /, name);
    assert.match(res.body.message ?? '', message, name);
  }
  assert.deepEqual(await onAgent(open.agent), before, 'no container, network or volume');
  const stacks = (await admin.request('GET', '/api/stacks')).body.stacks as { name: string }[];
  assert.equal(
    stacks.some((s) => s.name === `evil${suffix}`),
    false,
    'no stack was stored',
  );
  const audit = await admin.request('GET', '/api/audit?action=stack.deploy&pageSize=100');
  const denied = (audit.body.events as { actorName: string; outcome: string }[]).filter(
    (e) => e.actorName === 'stella' && e.outcome === 'denied',
  );
  assert.equal(denied.length, elevatedFiles.length);
});

test('an admin is refused what a host policy does not allow, naming it and the flag; nothing created', async () => {
  const before = await onAgent(closed.agent);
  const res = await admin.request('POST', '/api/stacks', {
    name: `priv${suffix}`,
    compose: withService('privileged', '    privileged: true\n'),
    hostIds: [closed.id],
  });
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.code, 'POLICY_DENIED');
  assert.match(res.body.message ?? '', /--allow-elevated privileged/);
  assert.deepEqual(await onAgent(closed.agent), before);
});

test('a stack from the web reads no host file but its .env; compose errors are 400 with their paths', async () => {
  const leak = await operator.request('POST', '/api/stacks', {
    name: `leak${suffix}`,
    compose: `services:\n  app:\n    image: ${ref}\n    env_file: /etc/shadow\n`,
    hostIds: [open.id],
  });
  assert.equal(leak.status, 400, JSON.stringify(leak.body));
  assert.match(leak.body.message ?? '', /reads only its compose file and its \.env/);
  const bad = await operator.request('POST', '/api/stacks', {
    name: `bad${suffix}`,
    compose: `services:\n  app:\n    image: ${ref}\n    build: .\n`,
    hostIds: [open.id],
  });
  assert.equal(bad.status, 501, JSON.stringify(bad.body));
  assert.match(bad.body.message ?? '', /services\.app\.build: not supported by Berth/);
  const text = `services:\n  app:\n    imgae: ${ref}\n`;
  const lint = await operator.request('POST', '/api/stacks/lint', { compose: text });
  assert.equal(lint.status, 200, JSON.stringify(lint.body));
  const [d, ...more] = lint.body.diagnostics as { from: number; to: number; message: string }[];
  assert.deepEqual(more, []);
  assert.equal(text.slice(d!.from, d!.to), 'imgae');
  assert.equal(d!.message, 'services.app.imgae: unknown key "imgae"');
  const viewerTry = await viewer.request('POST', '/api/stacks', {
    name: `view${suffix}`,
    compose: `services:\n  app:\n    image: ${ref}\n`,
    hostIds: [open.id],
  });
  assert.equal(viewerTry.status, 403);
});

interface StackDetail {
  name: string;
  latestVersion: number;
  hosts: {
    hostId: string;
    deployment: { status: string; versionNumber: number; error: string | null } | null;
    services: {
      name: string;
      containers: { engineId: string; state: string; health: string | null }[];
    }[];
    drift: string[];
    outdated: boolean;
  }[];
}

const project = `shop${suffix}`;
const shopFile = (greeting: string) => `services:
  db:
    image: ${ref}
    command: ["sh", "-c", "mkdir -p /data/sub && echo rows > /data/sub/table.txt && ln -sf /etc/hostname /data/escape && touch /tmp/ready && exec sleep 300"]
    volumes: [dbdata:/data]
    healthcheck:
      test: ["CMD-SHELL", "test -e /tmp/ready"]
      interval: 200ms
      retries: 50
  app:
    image: ${ref}
    command: ["sh", "-c", "echo $$GREETING from app; exec sleep 300"]
    environment: { GREETING: "${greeting}" }
    depends_on:
      db: { condition: service_healthy }
volumes:
  dbdata: {}
`;

async function deployed(version: number): Promise<StackDetail> {
  const d = await eventually(
    async () =>
      (await operator.request('GET', `/api/stacks/${project}`)).body as unknown as StackDetail,
    (s) =>
      s.hosts?.[0]?.deployment?.status === 'running' &&
      s.hosts[0].deployment.versionNumber === version &&
      s.hosts[0].drift.length === 0 &&
      // the mirror follows the agent's inventory a moment later
      s.hosts[0].services.every((x) => x.containers.every((c) => c.state === 'running')),
  );
  assert.equal(d.hosts[0]?.deployment?.status, 'running', JSON.stringify(d.hosts[0]));
  return d;
}

const idsOf = (d: StackDetail) =>
  Object.fromEntries(d.hosts[0]!.services.map((s) => [s.name, s.containers[0]?.engineId]));

test('an operator deploys, edits (only the changed service is recreated), browses a volume, removes with volumes', async () => {
  const created = await operator.request('POST', '/api/stacks', {
    name: project,
    compose: shopFile('hello'),
    env: '',
    hostIds: [open.id],
  });
  assert.equal(
    created.status,
    201,
    `${JSON.stringify(created.body)}\n${web.output.slice(-20).join('\n')}`,
  );
  const v1 = await deployed(1);
  assert.deepEqual(
    v1.hosts[0]!.services.map((s) => [s.name, s.containers.map((c) => c.state)]),
    [
      ['app', ['running']],
      ['db', ['running']],
    ],
  );
  const before = idsOf(v1);

  const preview = await operator.request('POST', `/api/stacks/${project}/preview`, {
    hostId: open.id,
    compose: shopFile('bonjour'),
  });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const actions = preview.body.actions as { kind: string; service: string }[];
  assert.deepEqual(actions.map((a) => `${a.service}:${a.kind}`).sort(), [
    'app:recreate',
    'db:keep',
  ]);

  const edited = await operator.request('PUT', `/api/stacks/${project}`, {
    compose: shopFile('bonjour'),
    message: 'french',
  });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  const v2 = await deployed(2);
  const after = idsOf(v2);
  assert.equal(after.db, before.db, 'db kept');
  assert.notEqual(after.app, before.app, 'app recreated');
  const logs = await operator.request('GET', `/api/stacks/${project}/hosts/${open.id}/logs`);
  const lines = (logs.body.entries as { service: string; text: string }[]).map(
    (e) => `${e.service}|${e.text}`,
  );
  assert.ok(lines.includes('app|bonjour from app'), lines.join('\n'));

  const vols = await operator.request('GET', `/api/hosts/${open.id}/volumes`);
  const vol = (
    vols.body.volumes as { name: string; project: string; usedBy: { name: string }[] }[]
  ).find((v) => v.name === `${project}_dbdata`);
  assert.deepEqual(
    vol?.usedBy.map((u) => u.name),
    [`${project}-db-1`],
  );
  assert.equal(vol?.project, project);
  const base = `/api/hosts/${open.id}/volumes/${project}_dbdata`;
  const top = await operator.request('GET', `${base}/files?path=/`);
  assert.deepEqual(
    (top.body.entries as { name: string; type: string }[]).map((e) => [e.name, e.type]),
    [
      ['sub', 'directory'],
      ['escape', 'symlink'],
    ],
  );
  const climbed = await operator.request(
    'GET',
    `${base}/files?path=${encodeURIComponent('/../../..')}`,
  );
  assert.equal(climbed.status, 200);
  assert.equal(climbed.body.path, '/');
  const file = await fetch(`${web.baseUrl}${base}/download?path=/sub/table.txt`, {
    headers: { cookie: operator.cookie ?? '' },
  });
  assert.equal(file.status, 200);
  assert.equal(await file.text(), 'rows\n');
  assert.match(file.headers.get('content-disposition') ?? '', /filename="table\.txt"/);
  const escape = await operator.request('GET', `${base}/download?path=/escape`);
  assert.equal(escape.status, 403, JSON.stringify(escape.body));
  const viewerBrowse = await viewer.request('GET', `${base}/files?path=/`);
  assert.equal(viewerBrowse.status, 403);

  const removed = await operator.request('DELETE', `/api/stacks/${project}?volumes=true`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  const left = await onAgent(open.agent);
  assert.deepEqual(left.networks, []);
  assert.equal(left.volumes.includes(`${project}_dbdata`), false);
  assert.equal((await open.agent.cli(['ps', '-a'])).includes(project), false);
  assert.equal((await operator.request('GET', `/api/stacks/${project}`)).status, 404);
});

test('the same stack on two hosts: each deploys its copy; the matrix shows versions and drift', async () => {
  const name = `multi${suffix}`;
  const file = (tag: string) =>
    `services:\n  app:\n    image: ${ref}\n    command: ["sh", "-c", "echo ${tag}; exec sleep 300"]\n    stop_grace_period: 1s\n`;
  const created = await operator.request('POST', '/api/stacks', {
    name,
    compose: file('one'),
    hostIds: [open.id, closed.id],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((created.body.operations as unknown[]).length, 2);
  type Host = StackDetail['hosts'][number];
  const hostOf = (d: StackDetail, id: string) => d.hosts.find((h) => h.hostId === id) as Host;
  const read = async () =>
    (await operator.request('GET', `/api/stacks/${name}`)).body as unknown as StackDetail;
  const settled = (d: StackDetail, versions: Record<string, number>) =>
    Object.entries(versions).every(([id, v]) => {
      const h = hostOf(d, id);
      return (
        h?.deployment?.status === 'running' &&
        h.deployment.versionNumber === v &&
        // the deployment's status can arrive before the inventory mirrors its containers
        h.services.every(
          (s) => s.containers.length > 0 && s.containers.every((c) => c.state === 'running'),
        )
      );
    });
  let d = await eventually(read, (x) => settled(x, { [open.id]: 1, [closed.id]: 1 }));
  assert.ok(settled(d, { [open.id]: 1, [closed.id]: 1 }), JSON.stringify(d.hosts));
  assert.deepEqual(
    d.hosts.map((h) => [h.drift, h.outdated]),
    [
      [[], false],
      [[], false],
    ],
  );

  // version 2 to one host only: the other runs an older version
  const updated = await operator.request('PUT', `/api/stacks/${name}`, {
    compose: file('two'),
    hostIds: [open.id],
  });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  d = await eventually(read, (x) => settled(x, { [open.id]: 2, [closed.id]: 1 }));
  assert.equal(hostOf(d, open.id).outdated, false);
  assert.equal(hostOf(d, closed.id).outdated, true);
  assert.equal(d.latestVersion, 2);

  // someone removes the container by hand on a host: drift
  await closed.agent.cli(['rm', '-f', `${name}-app-1`]);
  d = await eventually(read, (x) => hostOf(x, closed.id).drift.length > 0);
  assert.deepEqual(hostOf(d, closed.id).drift, ['app: no container']);

  // deploying the latest there again clears both
  const again = await operator.request('POST', `/api/stacks/${name}/deploy`, {
    hostIds: [closed.id],
  });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  d = await eventually(read, (x) => settled(x, { [open.id]: 2, [closed.id]: 2 }));
  assert.deepEqual(
    d.hosts.map((h) => [h.drift, h.outdated]),
    [
      [[], false],
      [[], false],
    ],
  );
  const removed = await operator.request('DELETE', `/api/stacks/${name}`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
});
