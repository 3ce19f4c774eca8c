import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRuntimeError } from '../errors.js';
import { cidrsOverlap, formatCidr, isHostAddress, parseCidr, parseIPv4 } from './ipv4.js';
import { allocateSubnet, parseAddressPool } from './subnet-pool.js';
import { parseProcNetRoute } from './host-routes.js';
import { findNetwork, validateBridgeName, validateNetworkName } from './network-record.js';
import {
  planNetwork,
  validateAlias,
  validateStaticAddress,
  type PlanContext,
} from './network-plan.js';
import { attachmentPlugins, bridgeConfig, cniArgs, dnsnameConfig } from './cni-config.js';
import { upgradeLegacyCache } from './attachment-cache.js';
import { endpointOf, nextIfname, primaryDnsServer, type NetworkEndpoint } from './endpoint.js';
import { networkResolvConf } from './etc-files.js';
import { parsePortSpec } from './ports.js';
import { networkRequests } from '../container/create-options.js';
import { containerResolvConf } from '../container/resolv-conf.js';

const invalid = (e: unknown) => isRuntimeError(e, 'INVALID_ARGUMENT');

test('IPv4 and CIDR parsing', () => {
  assert.equal(parseIPv4('10.89.1.2'), 0x0a590102);
  for (const bad of ['10.89.1', '10.89.1.256', '01.2.3.4', 'a.b.c.d', '10.89.1.2.3'])
    assert.equal(parseIPv4(bad), null, bad);
  assert.deepEqual(parseCidr('10.89.0.0/24'), { base: 0x0a590000, prefix: 24 });
  assert.throws(
    () => parseCidr('10.89.0.1/24'),
    /host bits are set \(did you mean 10\.89\.0\.0\/24\?\)/,
  );
  assert.throws(() => parseCidr('10.89.0.0/33'), invalid);
  assert.throws(() => parseCidr('10.89.0.0'), invalid);
  assert.ok(cidrsOverlap(parseCidr('10.0.0.0/8'), parseCidr('10.89.3.0/24')));
  assert.ok(!cidrsOverlap(parseCidr('10.89.0.0/24'), parseCidr('10.89.1.0/24')));
  const s = parseCidr('10.89.0.0/24');
  assert.ok(isHostAddress(s, parseIPv4('10.89.0.254')!));
  assert.ok(!isHostAddress(s, parseIPv4('10.89.0.255')!), 'broadcast');
  assert.ok(!isHostAddress(s, parseIPv4('10.89.0.0')!), 'network address');
  assert.ok(!isHostAddress(s, parseIPv4('10.89.1.1')!), 'outside');
});

test('subnet allocation: first free /size of the pools, skipping networks and routes', () => {
  const pools = [parseAddressPool('base=10.89.0.0/16,size=24')];
  assert.equal(formatCidr(allocateSubnet(pools, [])!), '10.89.0.0/24');
  const taken = ['10.89.0.0/24', '10.89.1.0/25', '10.89.2.128/25'].map((c) => parseCidr(c));
  assert.equal(formatCidr(allocateSubnet(pools, taken)!), '10.89.3.0/24');
  // a wide route covering the whole pool leaves nothing; the next pool is used
  const two = [...pools, parseAddressPool('base=192.168.0.0/20,size=24')];
  assert.equal(formatCidr(allocateSubnet(two, [parseCidr('10.0.0.0/8')])!), '192.168.0.0/24');
  assert.equal(allocateSubnet(pools, [parseCidr('10.89.0.0/16')]), null);
  assert.throws(() => parseAddressPool('base=10.89.0.0/16'), invalid);
  assert.throws(() => parseAddressPool('base=10.89.0.0/16,size=8'), /size must be between/);
});

test('/proc/net/route: destinations without the default route', () => {
  const text = [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
    'br-1\t00D2ED0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    'junk',
  ].join('\n');
  assert.deepEqual(
    parseProcNetRoute(text).map((r) => `${r.iface} ${formatCidr(r)}`),
    ['br-1 10.237.210.0/24', 'eth0 192.0.2.0/24'],
  );
});

test('network names, bridge names and lookups', () => {
  assert.equal(validateNetworkName('app_net-1.x', 'berth'), 'app_net-1.x');
  for (const bad of ['', '-a', 'a b', 'a/b', 'x'.repeat(129)])
    assert.throws(() => validateNetworkName(bad, 'berth'), invalid, bad);
  for (const reserved of ['bridge', 'host', 'none', 'default', 'berth'])
    assert.throws(() => validateNetworkName(reserved, 'berth'), /reserved/);
  assert.equal(validateBridgeName('br-0123456789ab'), 'br-0123456789ab');
  assert.throws(() => validateBridgeName('br-0123456789abc'), invalid, '16 bytes');
  const nets = [
    { id: 'abc111', name: 'one' },
    { id: 'abc222', name: 'two' },
  ];
  assert.equal(findNetwork(nets, 'two'), nets[1]);
  assert.equal(findNetwork(nets, 'abc1'), nets[0]);
  assert.equal(findNetwork(nets, 'abc'), 'ambiguous');
  assert.equal(findNetwork(nets, 'ab'), null, 'an ID prefix needs 3 digits');
  assert.equal(findNetwork(nets, 'three'), null);
});

let ids = 0;
function context(over: Partial<PlanContext> = {}): PlanContext {
  return {
    existing: [],
    hostRoutes: [],
    pools: [{ base: '10.89.0.0/16', size: 24 }],
    defaultName: 'berth',
    interfaceExists: () => false,
    newId: () => `${String(++ids).padStart(2, '0')}${'a'.repeat(62)}`,
    now: () => '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

test('planNetwork: defaults, explicit subnet/gateway, and every refusal', () => {
  const a = planNetwork({ name: 'a' }, context());
  assert.equal(a.subnet, '10.89.0.0/24');
  assert.equal(a.gateway, '10.89.0.1');
  assert.equal(a.bridge, 'br-01aaaaaaaaaa');
  assert.equal(a.dns, true);
  assert.equal(a.internal, false);
  assert.equal(a.attachable, false);
  const withA = context({
    existing: [a],
    hostRoutes: [{ ...parseCidr('10.89.1.0/24'), iface: 'eth1' }],
  });
  assert.equal(planNetwork({ name: 'b' }, withA).subnet, '10.89.2.0/24', 'skips a and the route');
  const b = planNetwork(
    {
      name: 'b',
      subnet: '172.30.5.0/24',
      gateway: '172.30.5.254',
      internal: true,
      attachable: true,
      labels: { k: 'v' },
      options: { 'com.docker.network.bridge.name': 'mybr0' },
    },
    withA,
  );
  assert.deepEqual(
    [b.subnet, b.gateway, b.internal, b.attachable, b.bridge, b.labels],
    ['172.30.5.0/24', '172.30.5.254', true, true, 'mybr0', { k: 'v' }],
  );
  const refusals: Array<[Parameters<typeof planNetwork>[0], RegExp]> = [
    [{ name: 'a' }, /already exists/],
    [{ name: 'c', driver: 'macvlan' }, /not supported/],
    [{ name: 'c', gateway: '10.1.1.1' }, /needs a subnet/],
    [{ name: 'c', subnet: '10.89.0.128/25' }, /overlaps 10\.89\.0\.0\/24 \(network a\)/],
    [{ name: 'c', subnet: '10.89.0.0/20' }, /overlaps .*network a/],
    [{ name: 'c', subnet: '10.89.1.0/24' }, /overlaps 10\.89\.1\.0\/24 \(a host route on eth1\)/],
    [{ name: 'c', subnet: '10.90.0.0/24', gateway: '10.90.0.255' }, /not a host address/],
    [{ name: 'c', subnet: '10.90.0.0/24', gateway: '10.91.0.1' }, /not a host address/],
    [{ name: 'c', subnet: '10.90.0.0/31' }, /too small/],
    [{ name: 'c', options: { 'com.docker.network.bridge.name': 'a b' } }, /invalid bridge name/],
    [{ name: 'c', bogus: 1 } as never, /invalid network options/],
  ];
  for (const [input, why] of refusals) assert.throws(() => planNetwork(input, withA), why);
  assert.throws(
    () => planNetwork({ name: 'c' }, context({ interfaceExists: (n) => n.startsWith('br-') })),
    (e) => isRuntimeError(e, 'ALREADY_EXISTS'),
  );
  assert.throws(
    () =>
      planNetwork(
        { name: 'c' },
        context({ hostRoutes: [{ ...parseCidr('10.0.0.0/8'), iface: 'vpn' }] }),
      ),
    (e) => isRuntimeError(e, 'RESOURCE_EXHAUSTED'),
  );
});

test('static addresses and aliases', () => {
  const net = planNetwork({ name: 'n', subnet: '10.90.0.0/24' }, context());
  assert.equal(validateStaticAddress(net, '10.90.0.9'), '10.90.0.9');
  assert.throws(() => validateStaticAddress(net, '10.90.0.1'), /is the gateway/);
  assert.throws(() => validateStaticAddress(net, '10.90.1.9'), /not a host address/);
  assert.throws(() => validateStaticAddress(net, '10.90.0.255'), /not a host address/);
  assert.throws(() => validateStaticAddress(net, 'ten'), /invalid IPv4/);
  assert.equal(validateAlias('db.internal'), 'db.internal');
  assert.throws(() => validateAlias('-db'), invalid);
  assert.throws(() => validateAlias('d b'), invalid);
});

test('CNI configs per attachment: bridge/host-local, portmap, dnsname', () => {
  const net = {
    name: 'app',
    bridge: 'br-x',
    subnet: '10.90.0.0/24',
    gateway: '10.90.0.1',
    ipamDir: '/d/ipam',
    dns: true,
  };
  const [bridge, portmap, dnsname] = attachmentPlugins({
    net,
    attach: { defaultRoute: true, ip: '10.90.0.7' },
    ports: [parsePortSpec('127.0.0.1:8080:80')],
    aliases: ['db', 'abc123'],
  });
  assert.deepEqual([bridge?.type, portmap?.type, dnsname?.type], ['bridge', 'portmap', 'dnsname']);
  assert.deepEqual(bridge?.ipam, {
    type: 'host-local',
    dataDir: '/d/ipam',
    ranges: [[{ subnet: '10.90.0.0/24', gateway: '10.90.0.1' }]],
    routes: [{ dst: '0.0.0.0/0' }],
  });
  assert.deepEqual(bridge?.runtimeConfig, { ips: ['10.90.0.7'] });
  assert.equal(bridge?.ipMasq, true);
  assert.deepEqual(dnsname?.runtimeConfig, { aliases: { app: ['db', 'abc123'] } });
  assert.equal(dnsname?.domainName, 'dns.berth');

  // internal: no masquerade, no default route; no DNS → no dnsname; no ports → no portmap
  const internal = attachmentPlugins({
    net: { ...net, internal: true, dns: false },
    attach: {},
    ports: [],
    aliases: [],
  });
  assert.deepEqual(
    internal.map((p) => p.type),
    ['bridge'],
  );
  assert.equal(internal[0]?.ipMasq, false);
  assert.deepEqual((internal[0]?.ipam as { routes: unknown[] }).routes, []);
  assert.equal(internal[0]?.runtimeConfig, undefined);
  // a second network of a container does not take the default route
  const second = bridgeConfig(net, { defaultRoute: false });
  assert.deepEqual((second.ipam as { routes: unknown[] }).routes, []);
  assert.equal(second.ipMasq, true);
  assert.equal(dnsnameConfig({ name: 'n' }, []).type, 'dnsname');
  assert.equal(cniArgs('web'), 'IgnoreUnknown=1;K8S_POD_NAME=web');
});

test('a cache written before named networks upgrades to one built-in attachment', () => {
  const builtin = {
    id: 'b'.repeat(64),
    config: { name: 'berth', bridge: 'berth0', subnet: '10.88.0.0/16', ipamDir: '/d/ipam' },
  };
  const result = {
    cniVersion: '1.0.0',
    interfaces: [
      { name: 'berth0' },
      { name: 'veth1' },
      { name: 'eth0', mac: 'aa:bb', sandbox: '/x' },
    ],
    ips: [{ address: '10.88.0.5/16', gateway: '10.88.0.1', interface: 2 }],
  };
  const up = upgradeLegacyCache(
    {
      netns: 'berth-x',
      ports: [parsePortSpec('8080:80')],
      bridge: result,
      portmap: true,
      loopback: true,
    },
    builtin,
  );
  assert.ok(up);
  assert.deepEqual(
    up.attachments.map((a) => [a.network, a.ifname, a.started]),
    [['berth', 'eth0', 2]],
  );
  assert.deepEqual(
    up.attachments[0]?.plugins.map((p) => p.type),
    ['bridge', 'portmap'],
  );
  const ep = endpointOf(up.attachments[0]!);
  assert.deepEqual(
    [ep.ip, ep.prefixLen, ep.gateway, ep.mac],
    ['10.88.0.5', 16, '10.88.0.1', 'aa:bb'],
  );
  const none = upgradeLegacyCache(
    { netns: 'berth-y', ports: [], bridge: null, portmap: false, loopback: true },
    builtin,
  );
  assert.deepEqual(none?.attachments, []);
  assert.equal(upgradeLegacyCache({ what: 1 }, builtin), null);
});

test('interface names, DNS server and resolv.conf', () => {
  assert.equal(nextIfname([]), 'eth0');
  assert.equal(nextIfname(['eth0', 'eth2']), 'eth1');
  const ep = (network: string, dnsServer: string | null) =>
    ({ network, dnsServer }) as unknown as NetworkEndpoint;
  assert.equal(
    primaryDnsServer([ep('berth', null), ep('a', '10.90.0.1'), ep('b', '10.91.0.1')]),
    '10.90.0.1',
  );
  assert.equal(primaryDnsServer([ep('berth', null)]), null);
  const host = 'nameserver 127.0.0.53\nsearch lan corp\noptions edns0\n';
  assert.equal(
    networkResolvConf(host, '10.90.0.1', 'dns.berth'),
    'search dns.berth lan corp\nnameserver 10.90.0.1\noptions edns0\n',
  );
  assert.equal(
    containerResolvConf(host, [ep('a', '10.90.0.1')], undefined),
    'search dns.berth lan corp\nnameserver 10.90.0.1\noptions edns0\n',
  );
  assert.equal(
    containerResolvConf(host, [ep('a', '10.90.0.1')], ['1.1.1.1']),
    'search lan corp\noptions edns0\nnameserver 1.1.1.1\n',
    '--dns wins over the network DNS',
  );
  assert.match(containerResolvConf(host, [ep('berth', null)], undefined), /nameserver 8\.8\.8\.8/);
});

test('--network and networks → mode and interface order', () => {
  assert.deepEqual(networkRequests('bridge', []), { mode: 'bridge', requests: [] });
  assert.deepEqual(networkRequests('none', []), { mode: 'none', requests: [] });
  assert.throws(() => networkRequests('host', [{ network: 'a' }]), invalid);
  assert.deepEqual(
    networkRequests('b', [{ network: 'a' }, { network: 'b', aliases: ['x'] }]).requests,
    [{ network: 'b', aliases: ['x'] }, { network: 'a' }],
  );
  assert.deepEqual(networkRequests('c', []).requests, [{ network: 'c' }]);
});
