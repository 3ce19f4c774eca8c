import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Network } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';
import {
  enrolledHost,
  eventually,
  fakeAgent,
  next,
  openSockets,
  uiSocket,
  userClient,
} from './support/fake-agent.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let admin: Client;
let operator: Client;
let viewer: Client;

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  operator = await userClient(web, admin, 'nora', 'operator');
  viewer = await userClient(web, admin, 'val', 'viewer');
});
after(async () => {
  for (const s of openSockets) s.close();
  await web?.stop();
});

function network(name: string, over: Partial<Network> = {}): Network {
  return {
    id: name.padEnd(64, 'a').replace(/[^0-9a-f]/g, 'b'),
    name,
    driver: 'bridge',
    scope: 'local',
    bridge: `br-${name}`,
    subnet: '10.89.0.0/24',
    gateway: '10.89.0.1',
    internal: false,
    dns: true,
    builtin: false,
    labels: {},
    options: {},
    createdAt: '2026-12-01T10:00:00.000Z',
    containers: [],
    ...over,
  };
}

test('networks: mirrored from inventory.networks with their containers, created and removed through the agent, audited', async () => {
  const cred = await enrolledHost(web, admin, 'net-host');
  const builtin = network('berth', { builtin: true, dns: false, subnet: '10.88.0.0/16' });
  const app = network('app', {
    containers: [
      {
        id: 'c'.repeat(64),
        name: 'web',
        ifname: 'eth0',
        ip: '10.89.0.2',
        prefixLen: 24,
        mac: null,
        aliases: ['www'],
      },
    ],
  });
  const agent = await fakeAgent(web, cred, async (method, params) => {
    if (method === 'network.create')
      return network(String(params.name), { subnet: String(params.subnet) });
    if (method === 'network.remove') {
      if (params.ref === app.id)
        throw Object.assign(new Error('network app has active endpoints: web'), {
          code: 'FAILED_PRECONDITION',
        });
      return { removed: [String(params.ref)] };
    }
    return {};
  });
  const ui = await uiSocket(web, viewer);
  const changed = next<{ hostId: string }>(ui, 'networks.changed');
  agent.socket.emit('inventory.networks', { networks: [app, builtin] });
  assert.equal((await changed).hostId, cred.hostId);

  const list = await viewer.request('GET', `/api/hosts/${cred.hostId}/networks`);
  assert.equal(list.status, 200);
  const nets = list.body.networks as Network[];
  assert.deepEqual(
    nets.map((n) => n.name),
    ['berth', 'app'],
    'the built-in one first',
  );
  assert.deepEqual(
    nets[1]?.containers.map((c) => [c.name, c.ip, c.aliases]),
    [['web', '10.89.0.2', ['www']]],
  );

  // a later list replaces the mirror (a removed network disappears)
  const again = next(ui, 'networks.changed');
  agent.socket.emit('inventory.networks', { networks: [builtin] });
  await again;
  await eventually(
    async () =>
      (
        (await viewer.request('GET', `/api/hosts/${cred.hostId}/networks`)).body
          .networks as Network[]
      ).length,
    (n) => n === 1,
  );

  const created = await operator.request('POST', `/api/hosts/${cred.hostId}/networks`, {
    name: 'db',
    subnet: '10.90.0.0/24',
    internal: true,
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(agent.calls.find((c) => c.method === 'network.create')?.params, {
    name: 'db',
    subnet: '10.90.0.0/24',
    internal: true,
  });
  const bad = await operator.request('POST', `/api/hosts/${cred.hostId}/networks`, { name: 'a b' });
  assert.equal(bad.status, 400);

  const refused = await operator.request('DELETE', `/api/hosts/${cred.hostId}/networks/${app.id}`);
  assert.equal(refused.status, 409);
  assert.match(refused.body.message ?? '', /active endpoints: web/);
  const removed = await operator.request(
    'DELETE',
    `/api/hosts/${cred.hostId}/networks/${'d'.repeat(64)}`,
  );
  assert.equal(removed.status, 200);
  const audit = await admin.request('GET', '/api/audit?action=network.remove');
  assert.deepEqual((audit.body.events as { outcome: string }[]).map((e) => e.outcome).sort(), [
    'failure',
    'success',
  ]);

  assert.equal(
    (await viewer.request('POST', `/api/hosts/${cred.hostId}/networks`, { name: 'x' })).status,
    403,
  );
  assert.equal(
    (await viewer.request('DELETE', `/api/hosts/${cred.hostId}/networks/${app.id}`)).status,
    403,
  );
  ui.close();
  agent.socket.close();
});
