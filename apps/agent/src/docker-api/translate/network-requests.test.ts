import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkConnectBodySchema, NetworkCreateBodySchema } from '../types/network.js';
import {
  predefinedNetworkError,
  toConnectRequest,
  toCreateNetworkRequest,
} from './network-requests.js';

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
