import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Network } from '@berth/protocol';
import { parseFilters } from './filters.js';
import {
  MODE_NETWORK_IDS,
  NETWORK_LIST_FILTERS,
  dockerNetworkMatches,
  endpointIdOf,
  modeNetworkOf,
  patternMatches,
  toDockerNetwork,
  toModeNetwork,
} from './networks.js';

const net = (over: Partial<Network> = {}): Network => ({
  id: 'c'.repeat(64),
  name: 'app',
  driver: 'bridge',
  scope: 'local',
  bridge: 'br-cccccccccccc',
  subnet: '10.89.3.0/24',
  gateway: '10.89.3.1',
  internal: false,
  attachable: false,
  dns: true,
  builtin: false,
  labels: { 'com.docker.compose.project': 'p' },
  options: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  containers: [],
  ...over,
});

const web = {
  id: 'a'.repeat(64),
  name: 'web',
  ifname: 'eth0',
  ip: '10.89.3.2',
  prefixLen: 24,
  mac: '52:54:00:12:34:56',
  aliases: ['w'],
};

test('a user network in Docker’s shape: IPAM, options as given, containers by ID', () => {
  const d = toDockerNetwork(net({ containers: [web], internal: true, attachable: true }));
  assert.deepEqual(d, {
    Name: 'app',
    Id: 'c'.repeat(64),
    Created: '2026-01-01T00:00:00.000Z',
    Scope: 'local',
    Driver: 'bridge',
    EnableIPv6: false,
    IPAM: {
      Driver: 'default',
      Options: {},
      Config: [{ Subnet: '10.89.3.0/24', Gateway: '10.89.3.1' }],
    },
    Internal: true,
    Attachable: true,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {
      ['a'.repeat(64)]: {
        Name: 'web',
        EndpointID: endpointIdOf('a'.repeat(64), 'c'.repeat(64)),
        MacAddress: '52:54:00:12:34:56',
        IPv4Address: '10.89.3.2/24',
        IPv6Address: '',
      },
    },
    Options: {},
    Labels: { 'com.docker.compose.project': 'p' },
  });
  assert.match(d.Containers['a'.repeat(64)]!.EndpointID, /^[0-9a-f]{64}$/);
  assert.notEqual(
    endpointIdOf('a'.repeat(64), 'c'.repeat(64)),
    endpointIdOf('a'.repeat(64), 'd'.repeat(64)),
  );
});

test('the built-in network is Docker’s bridge; host and none are listed as Docker lists them', () => {
  const b = toDockerNetwork(net({ name: 'berth', builtin: true, bridge: 'berth0', labels: {} }));
  assert.equal(b.Name, 'bridge');
  assert.equal(b.Options['com.docker.network.bridge.default_bridge'], 'true');
  assert.equal(b.Options['com.docker.network.bridge.name'], 'berth0');
  assert.equal(b.IPAM.Options, null);
  const host = toModeNetwork('host', [{ id: 'a'.repeat(64), name: 'h' }], '2026-01-01T00:00:00Z');
  assert.deepEqual(
    [host.Name, host.Driver, host.Id, host.IPAM.Config],
    ['host', 'host', MODE_NETWORK_IDS.host, []],
  );
  assert.deepEqual(host.Containers['a'.repeat(64)]?.IPv4Address, '');
  const none = toModeNetwork('none', [], '2026-01-01T00:00:00Z');
  assert.deepEqual([none.Name, none.Driver], ['none', 'null']);
  assert.match(MODE_NETWORK_IDS.none, /^[0-9a-f]{64}$/);
  assert.notEqual(MODE_NETWORK_IDS.none, MODE_NETWORK_IDS.host);
});

test('list filters: name and id as (anchored) patterns, driver, type, label, dangling', () => {
  const app = toDockerNetwork(net());
  const used = toDockerNetwork(net({ name: 'used', containers: [web] }));
  const bridge = toDockerNetwork(net({ name: 'berth', builtin: true }));
  const host = toModeNetwork('host', [], 'x');
  const m = (n: typeof app, json: string) =>
    dockerNetworkMatches(n, parseFilters(json, NETWORK_LIST_FILTERS));
  assert.equal(m(app, '{"name":{"ap":true}}'), true);
  assert.equal(m(app, '{"name":{"^app$":true}}'), true);
  assert.equal(m(app, '{"name":{"^ap$":true}}'), false);
  assert.equal(m(app, '{"id":{"ccc":true}}'), true);
  assert.equal(m(app, '{"driver":{"bridge":true}}'), true);
  assert.equal(m(host, '{"driver":{"bridge":true}}'), false);
  assert.equal(m(app, '{"type":{"custom":true}}'), true);
  assert.equal(m(bridge, '{"type":{"builtin":true}}'), true);
  assert.equal(m(host, '{"type":{"custom":true}}'), false);
  assert.equal(m(app, '{"label":{"com.docker.compose.project=p":true}}'), true);
  assert.equal(m(app, '{"label":{"com.docker.compose.project=q":true}}'), false);
  assert.equal(m(app, '{"dangling":{"true":true}}'), true);
  assert.equal(m(used, '{"dangling":{"true":true}}'), false);
  assert.equal(m(bridge, '{"dangling":{"true":true}}'), false, 'predefined ones never dangle');
  assert.equal(m(used, '{"dangling":{"false":true}}'), true);
  assert.throws(() => m(app, '{"type":{"other":true}}'), /invalid filter/);
  assert.throws(() => m(app, '{"dangling":{"maybe":true}}'), /invalid filter/);
  assert.throws(
    () => parseFilters('{"subnet":{"x":true}}', NETWORK_LIST_FILTERS),
    /invalid filter/,
  );
  assert.equal(patternMatches('(a+)+$', 'aaaa'), false, 'no regexp engine: literal');
});

test('host and none by name, ID, and ID prefix only when asked (real networks win a prefix)', () => {
  assert.equal(modeNetworkOf('host'), 'host');
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none), 'none');
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none.slice(0, 6)), null);
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none.slice(0, 6), true), 'none');
  assert.equal(modeNetworkOf('ho', true), null);
  assert.equal(modeNetworkOf('bridge', true), null);
});
