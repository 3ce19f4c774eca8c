import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerRecord, NetworkRecord } from '@berth/runtime';
import type { Network } from '@berth/protocol';
import { networkDto, networkFilter } from './dto.js';
import { networksOf } from '../containers/request.js';
import { filtersQuery } from '../cli/format-networks.js';

const net: NetworkRecord = {
  id: 'a'.repeat(64),
  name: 'app',
  driver: 'bridge',
  bridge: 'br-aaaaaaaaaaaa',
  subnet: '10.89.0.0/24',
  gateway: '10.89.0.1',
  internal: false,
  attachable: false,
  dns: true,
  labels: { team: 'x' },
  options: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  builtin: false,
};

const container = (name: string, endpoints: ContainerRecord['network']['endpoints']) =>
  ({
    id: name.padEnd(64, '0'),
    name,
    network: { mode: 'bridge', netnsPath: '/n', ip: null, gateway: null, ports: [], endpoints },
  }) as unknown as ContainerRecord;

const endpoint = (networkId: string, ip: string) => ({
  networkId,
  network: 'app',
  ifname: 'eth1',
  ip,
  prefixLen: 24,
  gateway: '10.89.0.1',
  mac: 'aa',
  aliases: ['web'],
  ipv4Address: null,
  defaultRoute: false,
  dnsServer: '10.89.0.1',
});

test('network DTO lists the containers on it (sorted by name) with their endpoint', () => {
  const dto = networkDto(net, [
    container('web', [endpoint(net.id, '10.89.0.3')]),
    container('api', [endpoint(net.id, '10.89.0.2')]),
    container('other', [endpoint('b'.repeat(64), '10.90.0.2')]),
  ]);
  assert.equal(dto.scope, 'local');
  assert.deepEqual(
    dto.containers.map((c) => [c.name, c.ip, c.ifname, c.aliases]),
    [
      ['api', '10.89.0.2', 'eth1', ['web']],
      ['web', '10.89.0.3', 'eth1', ['web']],
    ],
  );
});

test('network filters: same key ORs, different keys AND; unknown keys are refused', () => {
  const n = (name: string, over: Partial<Network> = {}): Network => ({
    ...networkDto({ ...net, name, id: name.padEnd(64, 'f') }, []),
    ...over,
  });
  const all = [
    n('front', { labels: { tier: 'web' } }),
    n('back', {
      containers: [
        { id: 'c', name: 'c', ifname: 'eth0', ip: null, prefixLen: null, mac: null, aliases: [] },
      ],
    }),
    n('berth', { builtin: true }),
  ];
  const names = (filters: string[]) => all.filter(networkFilter(filters)).map((x) => x.name);
  assert.deepEqual(names([]), ['front', 'back', 'berth']);
  assert.deepEqual(names(['name=ro']), ['front']);
  assert.deepEqual(names(['name=front', 'name=back']), ['front', 'back']);
  assert.deepEqual(names(['label=tier=web']), ['front']);
  assert.deepEqual(names(['label=tier']), ['front']);
  assert.deepEqual(names(['type=custom']), ['front', 'back']);
  assert.deepEqual(names(['type=builtin']), ['berth']);
  assert.deepEqual(names(['dangling=true']), ['front']);
  assert.deepEqual(names(['id=back', 'type=custom']), ['back']);
  assert.throws(() => networkFilter(['colour=red']), /invalid filter/);
  assert.equal(filtersQuery([]), '');
  assert.equal(
    decodeURIComponent(filtersQuery(['name=a', 'name=b', 'label=k=v'])),
    '?filters={"name":["a","b"],"label":["k=v"]}',
  );
});

test('create request networks: --network-alias/--ip go to --network, listed networks follow', () => {
  assert.deepEqual(networksOf({ image: 'x', network: 'app' }), []);
  assert.deepEqual(
    networksOf({ image: 'x', network: 'app', networkAliases: ['db'], ip: '10.89.0.9' }),
    [{ network: 'app', aliases: ['db'], ipv4Address: '10.89.0.9' }],
  );
  assert.deepEqual(
    networksOf({
      image: 'x',
      network: 'app',
      networkAliases: ['db'],
      networks: [{ network: 'other' }, { network: 'app', ipv4Address: '10.89.0.9' }],
    }),
    [{ network: 'app', aliases: ['db'], ipv4Address: '10.89.0.9' }, { network: 'other' }],
  );
  assert.throws(() => networksOf({ image: 'x', network: 'host', ip: '1.2.3.4' }), /user-defined/);
});
