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
    dockerSocketPath: '/run/berth/docker.sock',
    insecure: false,
    name: null,
    logLevel: 'info',
    insecureRegistries: [],
    bridgeName: 'berth0',
    bridgeSubnet: '10.88.0.0/16',
    addressPools: [{ base: '10.89.0.0/16', size: 24 }],
    allowElevated: [],
    allowBind: [],
    terminalGraceSec: 300,
    remoteUpgrade: true,
  });
});

test('--terminal-grace: seconds, beats BERTH_TERMINAL_GRACE; 0 allowed; nonsense refused', () => {
  assert.equal(run(['--terminal-grace', '30']).terminalGraceSec, 30);
  assert.equal(run([], { BERTH_TERMINAL_GRACE: '0' }).terminalGraceSec, 0);
  assert.equal(run(['--terminal-grace', '5'], { BERTH_TERMINAL_GRACE: '9' }).terminalGraceSec, 5);
  for (const bad of ['-1', 'soon', '1.5', '999999']) {
    const r = exit(['--terminal-grace', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--terminal-grace/);
  }
});

test('--no-remote-upgrade (or BERTH_REMOTE_UPGRADE=off) refuses upgrades from the web', () => {
  assert.equal(run(['--no-remote-upgrade']).remoteUpgrade, false);
  assert.equal(run([], { BERTH_REMOTE_UPGRADE: 'off' }).remoteUpgrade, false);
  assert.equal(run([], { BERTH_REMOTE_UPGRADE: 'on' }).remoteUpgrade, true);
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

test('--allow-elevated and --allow-bind are repeatable, validated, and beat their env lists', () => {
  const env = {
    BERTH_ALLOW_ELEVATED: 'privileged, capabilities:NET_ADMIN',
    BERTH_ALLOW_BIND: '/srv/a,/srv/b',
  };
  assert.deepEqual(run([], env).allowElevated, ['privileged', 'capabilities:NET_ADMIN']);
  assert.deepEqual(run([], env).allowBind, ['/srv/a', '/srv/b']);
  const c = run(
    [
      '--allow-elevated',
      'network-host',
      '--allow-elevated',
      'all',
      '--allow-bind',
      '/srv/x/../data/',
    ],
    env,
  );
  assert.deepEqual(c.allowElevated, ['network-host', 'all']);
  assert.deepEqual(c.allowBind, ['/srv/data']);
  for (const bad of ['bind', 'root', 'bind:/srv']) {
    const r = exit(['--allow-elevated', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--allow-elevated: expected all, privileged/);
  }
  assert.match(exit(['--allow-bind', 'srv']).stderr, /--allow-bind must be an absolute path/);
});

test('--allow-bind refuses the agent’s own roots, its socket, and every parent of them', () => {
  const roots = [
    '--data-root',
    '/var/lib/berth',
    '--exec-root',
    '/run/berth',
    '--socket',
    '/sock/a.sock',
  ];
  for (const [path, what] of [
    ['/', 'data root'],
    ['/var', 'data root'],
    ['/var/lib/berth', 'data root'],
    ['/var/lib/berth/volumes/x', 'data root'],
    ['/run', 'exec root'],
    ['/run/berth/runc', 'exec root'],
    ['/sock', 'API socket'],
    ['/sock/a.sock', 'API socket'],
    ['/var/lib/../lib', 'data root'],
  ] as const) {
    const r = exit([...roots, '--allow-bind', '/srv', '--allow-bind', path]);
    assert.equal(r.code, 2, path);
    assert.match(
      r.stderr,
      new RegExp(`--allow-bind .*refused, binds there would expose the agent's ${what}`),
      path,
    );
  }
  assert.deepEqual(
    run([...roots, '--allow-bind', '/var/lib/other', '--allow-bind', '/runx']).allowBind,
    ['/var/lib/other', '/runx'],
  );
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

test('the Docker socket: under the exec root, --docker-socket, env, and off', () => {
  assert.equal(run(['--exec-root', '/tmp/x']).dockerSocketPath, '/tmp/x/docker.sock');
  assert.equal(run(['--docker-socket', '/d/docker.sock']).dockerSocketPath, '/d/docker.sock');
  assert.equal(run([], { BERTH_DOCKER_SOCKET: '/e/d.sock' }).dockerSocketPath, '/e/d.sock');
  assert.equal(
    run(['--docker-socket', '/f.sock'], { BERTH_DOCKER_SOCKET: '/e/d.sock' }).dockerSocketPath,
    '/f.sock',
  );
  assert.equal(run(['--no-docker-socket']).dockerSocketPath, null);
  assert.equal(run([], { BERTH_DOCKER_SOCKET: 'off' }).dockerSocketPath, null);
  assert.equal(
    run(['--docker-socket', '/f.sock'], { BERTH_DOCKER_SOCKET: 'off' }).dockerSocketPath,
    '/f.sock',
  );
  assert.match(
    exit(['--docker-socket', 'rel.sock']).stderr,
    /--docker-socket must be an absolute path/,
  );
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
