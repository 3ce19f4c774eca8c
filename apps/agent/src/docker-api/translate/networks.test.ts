import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Network } from '@berth/protocol';
import { NetworkConnectBodySchema, NetworkCreateBodySchema } from '../types/network.js';
import { parseFilters } from './filters.js';
import {
  MODE_NETWORK_IDS,
  NETWORK_LIST_FILTERS,
  dockerNetworkMatches,
  endpointIdOf,
  modeNetworkOf,
  patternMatches,
  predefinedNetworkError,
  toConnectRequest,
  toCreateNetworkRequest,
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

test('create: what the docker CLI and docker-compose send; what a Berth bridge cannot be is refused', () => {
  const create = (b: unknown) => toCreateNetworkRequest(NetworkCreateBodySchema.parse(b));
  // docker network create --subnet … --gateway … --internal --label a=b n
  assert.deepEqual(
    create({
      Name: 'n',
      CheckDuplicate: true,
      Driver: 'bridge',
      Scope: '',
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: {},
        Config: [{ Subnet: '10.9.0.0/24', Gateway: '10.9.0.254' }],
      },
      Internal: true,
      Attachable: false,
      Ingress: false,
      ConfigOnly: false,
      ConfigFrom: null,
      Options: {},
      Labels: { a: 'b' },
    }),
    {
      name: 'n',
      driver: 'bridge',
      subnet: '10.9.0.0/24',
      gateway: '10.9.0.254',
      internal: true,
      attachable: false,
      labels: { a: 'b' },
      options: {},
    },
  );
  // docker-compose 1.29 (docker-py): nulls for what the file does not set
  assert.deepEqual(
    create({
      Name: 'proj_default',
      Driver: null,
      Options: null,
      IPAM: null,
      CheckDuplicate: true,
      Labels: { 'com.docker.compose.network': 'default' },
      Attachable: true,
    }),
    {
      name: 'proj_default',
      driver: 'bridge',
      internal: false,
      attachable: true,
      labels: { 'com.docker.compose.network': 'default' },
      options: {},
    },
  );
  const refuse = (b: object, re: RegExp) => assert.throws(() => create({ Name: 'n', ...b }), re);
  refuse({ EnableIPv6: true }, /EnableIPv6 is not supported by Berth: its networks are IPv4 only/);
  refuse({ Driver: 'overlay' }, /plugin "overlay" not found/);
  refuse({ IPAM: { Config: [{ Subnet: 'fd00::/64' }] } }, /IPv6 subnet fd00::\/64/);
  refuse(
    { IPAM: { Config: [{ Subnet: '10.1.0.0/24' }, { Subnet: '10.2.0.0/24' }] } },
    /more than one/,
  );
  refuse({ IPAM: { Config: [{ Subnet: '10.1.0.0/24', IPRange: '10.1.0.0/25' }] } }, /IPRange/);
  refuse({ IPAM: { Config: [{ Gateway: '10.1.0.1' }] } }, /needs a subnet/);
  refuse({ IPAM: { Driver: 'dhcp' } }, /IPAM.Driver/);
  refuse({ Ingress: true }, /Ingress/);
  refuse({ ConfigFrom: { Network: 'x' } }, /ConfigFrom/);
  refuse({ Scope: 'swarm' }, /Scope/);
  refuse(
    { Options: { 'com.docker.network.bridge.enable_icc': 'false' } },
    /network option com.docker.network.bridge.enable_icc=false is not supported/,
  );
  refuse({ Options: { 'com.docker.network.macvlan.mode': 'x' } }, /network option/);
  assert.deepEqual(
    create({
      Name: 'n',
      Options: {
        'com.docker.network.bridge.name': 'mybr0',
        'com.docker.network.driver.mtu': '1500',
      },
    }).options,
    { 'com.docker.network.bridge.name': 'mybr0', 'com.docker.network.driver.mtu': '1500' },
  );
  assert.throws(() => NetworkCreateBodySchema.parse({ Driver: 'bridge' }), /Name/);
  assert.match(predefinedNetworkError('bridge', 'create')!.message, /predefined bridge network/);
  assert.equal(predefinedNetworkError('host', 'remove')!.code, 'PERMISSION_DENIED');
  assert.equal(predefinedNetworkError('app', 'remove'), null);
});

test('connect: aliases (deduplicated) and a static IPv4 address; the rest is refused by name', () => {
  const connect = (b: unknown) => toConnectRequest(NetworkConnectBodySchema.parse(b));
  assert.deepEqual(
    connect({
      Container: 'web',
      EndpointConfig: { Aliases: ['a', 'a', 'b'], IPAMConfig: { IPv4Address: '10.9.0.9' } },
    }),
    { container: 'web', aliases: ['a', 'b'], ipv4Address: '10.9.0.9' },
  );
  assert.deepEqual(connect({ Container: 'web' }), { container: 'web' });
  assert.deepEqual(connect({ Container: 'web', EndpointConfig: { Aliases: null, Links: null } }), {
    container: 'web',
  });
  assert.throws(() => connect({ Container: 'web', EndpointConfig: { Links: ['db'] } }), /Links/);
  assert.throws(
    () => connect({ Container: 'web', EndpointConfig: { IPAMConfig: { IPv6Address: '::1' } } }),
    /IPv6Address/,
  );
  assert.throws(() => connect({ Container: '' }), /Container/);
});

test('host and none by name, ID, and ID prefix only when asked (real networks win a prefix)', () => {
  assert.equal(modeNetworkOf('host'), 'host');
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none), 'none');
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none.slice(0, 6)), null);
  assert.equal(modeNetworkOf(MODE_NETWORK_IDS.none.slice(0, 6), true), 'none');
  assert.equal(modeNetworkOf('ho', true), null);
  assert.equal(modeNetworkOf('bridge', true), null);
});
