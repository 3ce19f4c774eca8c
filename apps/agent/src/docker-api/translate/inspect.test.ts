import { test } from 'node:test';
import assert from 'node:assert/strict';
import { record } from './fixtures.js';
import { toDockerInspect, ZERO_TIME } from './inspect.js';

const ctx = {
  volumeMountpoint: (n: string) => `/d/volumes/${n}/_data`,
  bridgePrefixLen: 16,
  execIds: [],
  naming: { builtinNetworkId: 'f'.repeat(64) },
};

test('inspect: identity, state and the fields scripts read', () => {
  const i = toDockerInspect(record(), ctx);
  assert.equal(i.Id, 'a'.repeat(64));
  assert.equal(i.Name, '/web');
  assert.equal(i.Created, '2026-01-01T00:00:00.000Z');
  assert.equal(i.Image, 'sha256:' + 'b'.repeat(64));
  assert.equal(i.Path, 'sleep');
  assert.deepEqual(i.Args, ['10']);
  assert.equal(i.RestartCount, 2);
  assert.deepEqual(i.State, {
    Status: 'running',
    Running: true,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 4242,
    ExitCode: 0,
    Error: '',
    StartedAt: '2026-01-01T00:00:01.000Z',
    FinishedAt: ZERO_TIME,
  });
  assert.equal(i.ExecIDs, null);
  assert.equal(i.HostsPath, '/d/containers/a/hosts');
});

test('inspect: a paused container is Running and Paused; an exited one has its code and no pid', () => {
  assert.deepEqual(
    [toDockerInspect(record({ state: 'paused' }), ctx).State].map((s) => [
      s.Status,
      s.Running,
      s.Paused,
    ]),
    [['paused', true, true]],
  );
  const exited = toDockerInspect(
    record({
      state: 'exited',
      exitCode: 137,
      oomKilled: true,
      finishedAt: '2026-01-01T00:01:00.000Z',
    }),
    ctx,
  );
  assert.equal(exited.State.Running, false);
  assert.equal(exited.State.ExitCode, 137);
  assert.equal(exited.State.OOMKilled, true);
  assert.equal(exited.State.Pid, 0);
  assert.deepEqual(exited.NetworkSettings.Ports, {}, 'no live ports once exited');
});

test('inspect: Config merges env by key, keeps the user command, image name, labels, healthcheck', () => {
  const c = toDockerInspect(record(), ctx).Config;
  assert.deepEqual(
    c.Env,
    ['A=own', 'PATH=/bin'],
    "the container's own first, as dockerd orders them",
  );
  assert.deepEqual(c.Cmd, ['sleep', '10']);
  assert.equal(c.Entrypoint, null);
  assert.equal(c.Image, 'busybox:1');
  assert.equal(c.Hostname, 'a'.repeat(12));
  assert.equal(c.Tty, true);
  assert.equal(c.OpenStdin, true);
  assert.equal(c.AttachStdout, true);
  assert.deepEqual(c.Labels, { tier: 'web' });
  assert.deepEqual(c.ExposedPorts, { '80/tcp': {}, '53/udp': {} });
  assert.deepEqual(c.Healthcheck, { Test: ['CMD', 'true'], Interval: 1e9 });
  assert.equal(c.WorkingDir, '/');
});

test('inspect: HostConfig, Mounts and NetworkSettings', () => {
  const i = toDockerInspect(record(), ctx);
  assert.equal(i.HostConfig.NetworkMode, 'default');
  assert.equal(i.HostConfig.Memory, 64 << 20);
  assert.equal(i.HostConfig.NanoCpus, 1_500_000_000);
  assert.deepEqual(i.HostConfig.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
  assert.deepEqual(i.HostConfig.PortBindings, {
    '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
  });
  assert.deepEqual(i.HostConfig.Tmpfs, { '/run': 'size=1m' });
  assert.deepEqual(
    i.Mounts.map((m) => [m.Type, m.Source, m.Destination, m.RW]),
    [
      ['bind', '/host', '/data', false],
      ['volume', '/d/volumes/vol1/_data', '/v', true],
      ['tmpfs', '', '/run', true],
    ],
  );
  const n = i.NetworkSettings;
  assert.equal(n.IPAddress, '10.88.0.5');
  assert.equal(n.Gateway, '10.88.0.1');
  assert.equal(n.IPPrefixLen, 16);
  assert.deepEqual(n.Ports, {
    '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
    '53/udp': null,
  });
  assert.equal(n.Networks.bridge?.IPAddress, '10.88.0.5');
});

test('inspect: --entrypoint overrides drop the image CMD; none network has no address', () => {
  const rec = record({
    options: { entrypoint: ['/bin/echo'], image: 'x' },
    network: { mode: 'none', netnsPath: null, ip: null, gateway: null, ports: [], endpoints: [] },
  });
  const i = toDockerInspect(rec, ctx);
  assert.equal(i.Path, '/bin/echo');
  assert.deepEqual(i.Args, []);
  assert.equal(i.Config.Cmd, null);
  assert.deepEqual(i.Config.Entrypoint, ['/bin/echo']);
  assert.equal(i.NetworkSettings.IPAddress, '');
  assert.deepEqual(Object.keys(i.NetworkSettings.Networks), ['none']);
});

test('inspect: one entry per network; user networks carry aliases and the short ID', () => {
  const ep = (over: object) => ({
    networkId: 'f'.repeat(64),
    network: 'berth',
    ifname: 'eth0',
    ip: '10.88.0.5',
    prefixLen: 16,
    gateway: '10.88.0.1',
    mac: '02:00:00:00:00:05',
    aliases: [],
    ipv4Address: null,
    defaultRoute: true,
    dnsServer: null,
    ...over,
  });
  const onUser = record({
    options: { image: 'x', docker: { networkMode: 'app' } },
    network: {
      mode: 'bridge',
      netnsPath: '/n',
      ip: '10.89.0.2',
      gateway: '10.89.0.1',
      ports: [],
      endpoints: [
        ep({
          networkId: 'c'.repeat(64),
          network: 'app',
          ip: '10.89.0.2',
          prefixLen: 24,
          gateway: '10.89.0.1',
          aliases: ['db'],
          ipv4Address: '10.89.0.2',
        }),
        ep({ ifname: 'eth1', defaultRoute: false }),
      ],
    },
  });
  const i = toDockerInspect(onUser, ctx);
  assert.deepEqual(Object.keys(i.NetworkSettings.Networks), ['app', 'bridge']);
  const app = i.NetworkSettings.Networks.app!;
  assert.deepEqual(app.Aliases, ['db', 'a'.repeat(12)]);
  assert.deepEqual(
    [app.NetworkID, app.IPAddress, app.IPPrefixLen, app.Gateway, app.MacAddress, app.IPAMConfig],
    [
      'c'.repeat(64),
      '10.89.0.2',
      24,
      '10.89.0.1',
      '02:00:00:00:00:05',
      { IPv4Address: '10.89.0.2' },
    ],
  );
  assert.match(app.EndpointID, /^[0-9a-f]{64}$/);
  assert.equal(
    i.NetworkSettings.Networks.bridge?.Aliases,
    null,
    'no aliases on the default bridge',
  );
  // the legacy top-level fields describe the default bridge, as in Docker
  assert.equal(i.NetworkSettings.IPAddress, '10.88.0.5');
  assert.equal(i.HostConfig.NetworkMode, 'app');

  const userOnly = record({
    options: { image: 'x' },
    network: { ...onUser.network, endpoints: [onUser.network.endpoints[0]!] },
  });
  const u = toDockerInspect(userOnly, ctx);
  assert.equal(u.NetworkSettings.IPAddress, '', 'no default bridge: empty, as in Docker');
  assert.equal(u.HostConfig.NetworkMode, 'app', 'named from the first network when not given');
});

test('inspect: State.Health from the running check', () => {
  const i = toDockerInspect(record(), {
    ...ctx,
    health: {
      status: 'healthy',
      failingStreak: 0,
      log: [{ start: 's', end: 'e', exitCode: 0, output: 'ok' }],
    },
  });
  assert.deepEqual(i.State.Health, {
    Status: 'healthy',
    FailingStreak: 0,
    Log: [{ Start: 's', End: 'e', ExitCode: 0, Output: 'ok' }],
  });
  assert.equal(toDockerInspect(record(), ctx).State.Health, undefined);
});
