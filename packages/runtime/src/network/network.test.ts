import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePortSpec, findPortConflict } from './ports.js';
import { hostsFile, resolvConf, hostnameFile, readdressHosts } from './etc-files.js';
import {
  attachmentPlugins,
  bridgeConfig,
  portmapConfig,
  withPrevResult,
  withRequestedAddress,
} from './cni-config.js';
import { isRuntimeError } from '../errors.js';
import { bridgeMac } from './bridge-link.js';

test('parsePortSpec', () => {
  assert.deepEqual(parsePortSpec('8080:80'), {
    hostIp: '0.0.0.0',
    hostPort: 8080,
    containerPort: 80,
    protocol: 'tcp',
  });
  assert.deepEqual(parsePortSpec('127.0.0.1:53:53/udp'), {
    hostIp: '127.0.0.1',
    hostPort: 53,
    containerPort: 53,
    protocol: 'udp',
  });
  assert.deepEqual(parsePortSpec('[::1]:8080:80'), {
    hostIp: '::1',
    hostPort: 8080,
    containerPort: 80,
    protocol: 'tcp',
  });
  for (const bad of [
    '80',
    '0:80',
    '70000:80',
    'a:80',
    '1.2.3:80:80',
    '80:80/sctp',
    '80:80/tcp/x',
    'x:y:z:w',
  ]) {
    assert.throws(
      () => parsePortSpec(bad),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
      bad,
    );
  }
});

test('port conflicts: same proto/port with overlapping IPs', () => {
  const p = parsePortSpec;
  assert.equal(findPortConflict([p('8080:80')], [p('127.0.0.1:8080:81')]) !== null, true);
  assert.equal(findPortConflict([p('127.0.0.1:8080:80')], [p('127.0.0.2:8080:80')]), null);
  assert.equal(findPortConflict([p('8080:80/udp')], [p('8080:80')]), null);
  assert.notEqual(findPortConflict([p('8080:80'), p('8080:81')], []), null);
});

test('etc files', () => {
  assert.equal(hostnameFile('web'), 'web\n');
  assert.match(hostsFile('web', '10.0.0.2'), /^127\.0\.0\.1\tlocalhost$/m);
  assert.match(hostsFile('web', '10.0.0.2'), /^10\.0\.0\.2\tweb$/m);
  assert.doesNotMatch(hostsFile('web', null), /web/);
  assert.equal(
    resolvConf('nameserver 127.0.0.53\nsearch lan\n'),
    'search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n',
  );
  assert.equal(resolvConf('nameserver 10.0.0.1\n'), 'nameserver 10.0.0.1\n');
  assert.equal(resolvConf('nameserver 10.0.0.1\n', { dns: ['1.1.1.1'] }), 'nameserver 1.1.1.1\n');
});

test('CNI configs', () => {
  const n = { name: 'berth', bridge: 'berth0', subnet: '10.88.0.0/16', ipamDir: '/d/ipam' };
  const b = bridgeConfig(n);
  assert.equal(b.type, 'bridge');
  assert.deepEqual((b.ipam as { dataDir: string }).dataDir, '/d/ipam');
  const pm = portmapConfig(n, [parsePortSpec('127.0.0.1:8080:80')]);
  assert.deepEqual(pm.runtimeConfig, {
    portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: '127.0.0.1' }],
  });
  assert.deepEqual(withPrevResult(pm, { x: 1 }).prevResult, { x: 1 });
});

test('after a reboot: the bridge asks for the old address; the hosts file follows a new one', () => {
  const net = { name: 'n', bridge: 'br-n', subnet: '10.9.0.0/24', ipamDir: '/i', dns: true };
  const ports = [
    { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' as const },
  ];
  const chain = attachmentPlugins({ net, attach: {}, ports, aliases: ['web'] });
  const again = withRequestedAddress(chain, '10.9.0.7');
  assert.deepEqual(
    again.map((p) => p.type),
    ['bridge', 'portmap', 'dnsname'],
  );
  assert.deepEqual(again[0]?.runtimeConfig, { ips: ['10.9.0.7'] });
  assert.deepEqual(again.slice(1), chain.slice(1), 'only the bridge changes');
  assert.equal(chain[0]?.runtimeConfig, undefined, 'the cached chain is not touched');

  const hosts = hostsFile('c1', '10.9.0.7', [{ host: 'db', ip: '10.9.0.70' }]) + '10.9.0.7 extra\n';
  const moved = readdressHosts(hosts, '10.9.0.7', '10.9.0.9');
  assert.match(moved, /^10\.9\.0\.9\tc1$/m);
  assert.match(moved, /^10\.9\.0\.9 extra$/m);
  assert.match(moved, /^10\.9\.0\.70\tdb$/m, 'another address that starts alike is left');
  assert.doesNotMatch(moved, /^10\.9\.0\.7\s/m);
  assert.equal(readdressHosts(hosts, '10.9.0.7', '10.9.0.7'), hosts);
  assert.equal(readdressHosts(hosts, null, '10.9.0.9'), hosts);
});

test('bridgeMac: unicast, locally administered, from the given bytes', () => {
  assert.equal(bridgeMac(Uint8Array.from([0xff, 1, 2, 3, 0xab, 0xcd])), 'fe:01:02:03:ab:cd');
  assert.equal(bridgeMac(Uint8Array.from([0, 0, 0, 0, 0, 0])), '02:00:00:00:00:00');
  assert.match(bridgeMac(), /^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/);
});
