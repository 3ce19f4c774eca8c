import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkChoices, networkRow, toNetworkRequest, emptyNetworkForm } from './network-form.js';
import type { NetworkDto } from '../../lib/dto/network.js';

const net = (over: Partial<NetworkDto>): NetworkDto => ({
  id: 'a'.repeat(64),
  name: 'app',
  driver: 'bridge',
  bridge: 'br-aaaaaaaaaaaa',
  subnet: '10.89.0.0/24',
  gateway: '10.89.0.1',
  internal: false,
  dns: true,
  builtin: false,
  labels: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  containers: [],
  ...over,
});

test('network form → create body; bad input gets a message per field', () => {
  assert.deepEqual(toNetworkRequest({ name: ' app ', subnet: '', internal: false }), {
    ok: true,
    request: { name: 'app' },
  });
  assert.deepEqual(toNetworkRequest({ name: 'db', subnet: '10.90.0.0/24', internal: true }), {
    ok: true,
    request: { name: 'db', subnet: '10.90.0.0/24', internal: true },
  });
  const empty = toNetworkRequest(emptyNetworkForm);
  assert.equal(empty.ok, false);
  assert.equal(!empty.ok && empty.errors.name, 'a name is required');
  const bad = toNetworkRequest({ name: 'a b', subnet: 'ten', internal: false });
  assert.ok(!bad.ok && bad.errors.name && bad.errors.subnet);
});

test('rows and the create form choices', () => {
  assert.deepEqual(networkRow(net({ builtin: true, name: 'berth', dns: false })), {
    id: 'aaaaaaaaaaaa',
    kind: 'built-in',
    dns: 'no',
    containers: 0,
    removable: false,
  });
  const used = net({
    internal: true,
    containers: [
      {
        id: 'c',
        name: 'web',
        ifname: 'eth0',
        ip: '10.89.0.2',
        prefixLen: 24,
        mac: null,
        aliases: [],
      },
    ],
  });
  assert.deepEqual([networkRow(used).kind, networkRow(used).removable], ['internal', false]);
  assert.equal(networkRow(net({})).removable, true);
  assert.deepEqual(
    networkChoices([
      net({ builtin: true, name: 'berth' }),
      net({ name: 'app' }),
      net({ name: 'db', internal: true }),
    ]).map((c) => c.value),
    ['bridge', 'app', 'db', 'none', 'host'],
  );
});
