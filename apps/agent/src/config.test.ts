import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgentArgs } from './config.js';
import type { AgentConfig } from './config.js';

const token = `bjt1.abcdefgh12.${'s'.repeat(43)}`;

function run(argv: string[], env = {}): AgentConfig {
  const r = parseAgentArgs(argv, env);
  assert.equal(r.kind, 'run', r.kind === 'exit' ? r.stderr : '');
  return (r as { config: AgentConfig }).config;
}

function exit(argv: string[], env = {}) {
  const r = parseAgentArgs(argv, env);
  assert.equal(r.kind, 'exit');
  return r as { code: number; stdout: string; stderr: string };
}

test('defaults: local-only agent under /var/lib/berth and /run/berth', () => {
  assert.deepEqual(run([]), {
    server: null,
    joinToken: null,
    dataRoot: '/var/lib/berth',
    execRoot: '/run/berth',
    socketPath: '/run/berth/agent.sock',
    insecure: false,
    name: null,
    logLevel: 'info',
    insecureRegistries: [],
    bridgeName: 'berth0',
    bridgeSubnet: '10.88.0.0/16',
    addressPools: [{ base: '10.89.0.0/16', size: 24 }],
  });
});

test('--default-address-pool: repeatable, validated, beats BERTH_DEFAULT_ADDRESS_POOL', () => {
  assert.deepEqual(
    run([
      '--default-address-pool',
      'base=10.10.0.0/16,size=24',
      '--default-address-pool',
      'base=192.168.0.0/20,size=26',
    ]).addressPools,
    [
      { base: '10.10.0.0/16', size: 24 },
      { base: '192.168.0.0/20', size: 26 },
    ],
  );
  assert.deepEqual(
    run([], { BERTH_DEFAULT_ADDRESS_POOL: 'base=10.1.0.0/16,size=24;base=10.2.0.0/16,size=28' })
      .addressPools,
    [
      { base: '10.1.0.0/16', size: 24 },
      { base: '10.2.0.0/16', size: 28 },
    ],
  );
  const bad = exit(['--default-address-pool', 'base=10.1.0.0/16,size=8']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /size must be between/);
  assert.match(exit(['--default-address-pool', 'base=10.1.2.3/16,size=24']).stderr, /host bits/);
});

test('--bridge-subnet is validated and beats BERTH_BRIDGE_SUBNET', () => {
  assert.equal(run([], { BERTH_BRIDGE_SUBNET: '10.99.0.0/16' }).bridgeSubnet, '10.99.0.0/16');
  assert.equal(run(['--bridge-subnet', '172.30.0.0/24']).bridgeSubnet, '172.30.0.0/24');
  assert.equal(run(['--bridge', 'bt1']).bridgeName, 'bt1');
  assert.match(
    exit(['--bridge', 'much-too-long-name']).stderr,
    /--bridge must be an interface name/,
  );
  const bad = exit(['--bridge-subnet', '10.88.0.0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--bridge-subnet must be an IPv4 CIDR/);
});

test('--insecure-registry is repeatable and beats BERTH_INSECURE_REGISTRIES', () => {
  const env = { BERTH_INSECURE_REGISTRIES: 'a.example:5000, b.example' };
  assert.deepEqual(run([], env).insecureRegistries, ['a.example:5000', 'b.example']);
  assert.deepEqual(
    run(['--insecure-registry', 'r1:5000', '--insecure-registry', 'r2'], env).insecureRegistries,
    ['r1:5000', 'r2'],
  );
  const bad = exit(['--insecure-registry', 'http://r1/x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--insecure-registry must be HOST\[:PORT\]/);
});

test('the socket defaults under the exec root; flags beat env', () => {
  const c = run(['--exec-root', '/tmp/x', '--data-root', '/d'], {
    BERTH_EXEC_ROOT: '/e',
    BERTH_DATA_ROOT: '/f',
  });
  assert.equal(c.socketPath, '/tmp/x/agent.sock');
  assert.equal(c.dataRoot, '/d');
  const e = run([], { BERTH_EXEC_ROOT: '/e', BERTH_SOCKET: '/s/a.sock', BERTH_LOG_LEVEL: 'debug' });
  assert.equal(e.execRoot, '/e');
  assert.equal(e.socketPath, '/s/a.sock');
  assert.equal(e.logLevel, 'debug');
});

test('server and join token from env', () => {
  const c = run([], {
    BERTH_SERVER: 'https://web.example.com',
    BERTH_JOIN_TOKEN: token,
    BERTH_NAME: 'h-1',
  });
  assert.equal(c.server?.origin, 'https://web.example.com');
  assert.equal(c.joinToken, token);
  assert.equal(c.name, 'h-1');
});

test('plaintext to a non-loopback server needs --insecure', () => {
  const r = exit(['--server', 'http://192.0.2.1:3000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refusing plaintext.*--insecure/);
  assert.equal(run(['--server', 'http://192.0.2.1:3000', '--insecure']).server?.secure, false);
  assert.equal(run(['--server', 'http://192.0.2.1:3000'], { BERTH_INSECURE: '1' }).insecure, true);
});

test('bad input is a usage error that does not echo the token', () => {
  const bad = 'bjt1.tooshort.SECRETSECRET';
  const r = exit(['--server', 'https://w', '--join-token', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--join-token: malformed join token/);
  assert.doesNotMatch(r.stderr, /SECRET/);
  assert.match(exit(['--data-root', 'relative']).stderr, /--data-root must be an absolute path/);
  assert.match(exit(['--log-level', 'loud']).stderr, /--log-level/);
  assert.match(exit(['--join-token', token]).stderr, /needs --server/);
  assert.equal(exit(['--bogus']).code, 2);
  assert.equal(exit(['extra']).code, 2);
});

test('help and version exit 0 with output', () => {
  const h = exit(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--join-token/);
  assert.match(exit(['--version']).stdout, /^\d+\.\d+\.\d+/);
});
