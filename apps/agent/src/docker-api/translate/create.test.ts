import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateContainerRequestSchema } from '@berth/protocol';
import { ContainerCreateBodySchema } from '../types/container-create.js';
import { containerNameOf, toBerthCreate } from './create.js';
import {
  bindToVolumeSpec,
  cpusOf,
  portBindingsToSpecs,
  restartPolicyToSpec,
} from './create-hostconfig.js';

let n = 0;
const name = () => `anon${++n}`;
const body = (b: unknown) => ContainerCreateBodySchema.parse(b);

test('what the docker CLI sends for `run --rm busybox echo hi` becomes a plain request', () => {
  const t = toBerthCreate(
    body({
      Hostname: '',
      Domainname: '',
      User: '',
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: null,
      Cmd: ['echo', 'hi'],
      Image: 'busybox',
      Volumes: {},
      WorkingDir: '',
      Entrypoint: null,
      OnBuild: null,
      Labels: {},
      HostConfig: {
        Binds: null,
        ContainerIDFile: '',
        LogConfig: { Type: '', Config: {} },
        NetworkMode: 'default',
        PortBindings: {},
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        AutoRemove: true,
        VolumeDriver: '',
        VolumesFrom: null,
        CapAdd: null,
        CapDrop: null,
        CgroupnsMode: '',
        Dns: [],
        DnsOptions: [],
        DnsSearch: [],
        ExtraHosts: null,
        GroupAdd: null,
        IpcMode: '',
        Cgroup: '',
        Links: null,
        OomScoreAdj: 0,
        PidMode: '',
        Privileged: false,
        PublishAllPorts: false,
        ReadonlyRootfs: false,
        SecurityOpt: null,
        UTSMode: '',
        UsernsMode: '',
        ShmSize: 0,
        ConsoleSize: [0, 0],
        Isolation: '',
        CpuShares: 0,
        Memory: 0,
        NanoCpus: 0,
        CgroupParent: '',
        BlkioWeight: 0,
        BlkioWeightDevice: [],
        CpuPeriod: 0,
        CpuQuota: 0,
        CpusetCpus: '',
        CpusetMems: '',
        Devices: [],
        DeviceCgroupRules: null,
        DeviceRequests: null,
        KernelMemory: 0,
        MemoryReservation: 0,
        MemorySwap: 0,
        MemorySwappiness: null,
        OomKillDisable: false,
        PidsLimit: null,
        Ulimits: null,
        MaskedPaths: null,
        ReadonlyPaths: null,
      },
      NetworkingConfig: { EndpointsConfig: {} },
    }),
    undefined,
    name,
  );
  assert.deepEqual(t.request, {
    image: 'busybox',
    cmd: ['echo', 'hi'],
    env: [],
    ports: [],
    volumes: [],
    network: 'bridge',
    init: false,
    labels: {},
    readOnly: false,
    tmpfs: [],
    capAdd: [],
    capDrop: [],
    privileged: false,
    autoRemove: true,
    tty: false,
    openStdin: false,
  });
  assert.doesNotThrow(() => CreateContainerRequestSchema.parse(t.request));
  assert.deepEqual(t.runtime, {});
  assert.equal(t.docker.networkMode, 'default');
  assert.deepEqual(t.anonymousVolumes, []);
});

test('resources, ports, binds, mounts, tmpfs, restart and the rest map onto Berth fields', () => {
  const t = toBerthCreate(
    body({
      Image: '127.0.0.1:5000/app:1',
      Entrypoint: [''],
      Env: ['A=1', 'UNSET'],
      WorkingDir: '/srv',
      User: '1000:1000',
      Hostname: 'web',
      Tty: true,
      OpenStdin: true,
      StdinOnce: true,
      Labels: { tier: 'web' },
      StopSignal: 'SIGINT',
      StopTimeout: 3,
      ExposedPorts: { '80/tcp': {} },
      Volumes: { '/cache': {}, '/data': {} },
      Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 1e9, Retries: 2 },
      HostConfig: {
        Binds: ['/host/dir:/data:ro,z', 'named:/named'],
        Mounts: [
          { Type: 'volume', Target: '/anon' },
          { Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 } },
        ],
        PortBindings: {
          '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
          '53/udp': [{ HostPort: '5353' }],
        },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        Memory: 64 << 20,
        MemorySwap: -1,
        MemoryReservation: 32 << 20,
        NanoCpus: 1_500_000_000,
        CpuShares: 512,
        PidsLimit: 50,
        CapAdd: ['NET_ADMIN'],
        CapDrop: ['MKNOD'],
        Privileged: false,
        ReadonlyRootfs: true,
        Tmpfs: { '/run': 'size=1m' },
        ExtraHosts: ['db:10.0.0.5'],
        Dns: ['10.0.0.53'],
        Init: true,
        NetworkMode: 'none',
        Ulimits: [{ Name: 'nofile', Soft: 100, Hard: 200 }],
        ShmSize: 1 << 20,
      },
    }),
    containerNameOf('/web1'),
    name,
  );
  const r = t.request;
  assert.equal(r.name, 'web1');
  assert.deepEqual(r.entrypoint, []);
  assert.deepEqual(r.env, ['A=1']);
  assert.equal(r.workdir, '/srv');
  assert.equal(r.user, '1000:1000');
  assert.equal(r.hostname, 'web');
  assert.deepEqual(r.ports, ['127.0.0.1:8080:80/tcp', '5353:53/udp']);
  assert.deepEqual(r.volumes, [
    '/host/dir:/data:ro',
    'named:/named',
    `${t.anonymousVolumes[0]}:/anon`,
    `${t.anonymousVolumes[1]}:/cache`,
  ]);
  assert.equal(t.anonymousVolumes.length, 2, '/data is already a bind, so only /anon and /cache');
  assert.deepEqual(r.tmpfs, ['/run:size=1m', '/scratch:size=1048576,mode=1777']);
  assert.equal(r.restart, 'on-failure:3');
  assert.equal(r.memory, 64 << 20);
  assert.equal(r.memorySwap, -1);
  assert.equal(r.cpus, 1.5);
  assert.equal(r.cpuShares, 512);
  assert.equal(r.pidsLimit, 50);
  assert.equal(r.network, 'none');
  assert.equal(r.readOnly, true);
  assert.equal(r.init, true);
  assert.equal(r.tty, true);
  assert.equal(r.openStdin, true);
  assert.equal(r.stopSignal, 'SIGINT');
  assert.equal(r.stopTimeout, 3);
  assert.deepEqual(r.labels, { tier: 'web' });
  assert.doesNotThrow(() => CreateContainerRequestSchema.parse(r));
  assert.deepEqual(t.runtime, {
    dns: ['10.0.0.53'],
    extraHosts: ['db:10.0.0.5'],
    shmSize: 1 << 20,
    ulimits: [{ name: 'nofile', soft: 100, hard: 200 }],
    memoryReservation: 32 << 20,
    stdinOnce: true,
  });
  assert.deepEqual(t.docker.healthcheck, {
    Test: ['CMD-SHELL', 'true'],
    Interval: 1e9,
    Retries: 2,
  });
  assert.equal(t.docker.stdinOnce, true);
  assert.deepEqual(t.docker.exposedPorts, ['80/tcp']);
  assert.deepEqual(t.docker.binds, ['/host/dir:/data:ro,z', 'named:/named']);
});

test('fields Berth cannot honour are refused by name, defaults pass', () => {
  const refuse = (hc: unknown, re: RegExp) =>
    assert.throws(() => toBerthCreate(body({ Image: 'x', HostConfig: hc }), undefined, name), re);
  refuse(
    { Devices: [{ PathOnHost: '/dev/fuse' }] },
    /HostConfig.Devices .* is not supported by Berth/,
  );
  refuse({ Sysctls: { 'net.ipv4.ip_forward': '1' } }, /HostConfig.Sysctls/);
  refuse({ PidMode: 'host' }, /HostConfig.PidMode/);
  refuse({ NetworkMode: 'container:abc' }, /HostConfig.NetworkMode/);
  refuse({ LogConfig: { Type: 'syslog' } }, /LogConfig.Type/);
  refuse({ PortBindings: { '80/tcp': [{ HostPort: '' }] } }, /random host port/);
  refuse({ NanoCpus: 1e9, CpuQuota: 50000 }, /Conflicting options/);
  assert.throws(
    () =>
      toBerthCreate(
        body({ Image: 'x', NetworkingConfig: { EndpointsConfig: { bridge: { Aliases: ['a'] } } } }),
        undefined,
        name,
      ),
    /network-scoped alias is supported only for containers in user defined networks/,
  );
  assert.doesNotThrow(() =>
    toBerthCreate(
      body({
        Image: 'x',
        HostConfig: { IpcMode: 'private', MemorySwappiness: -1, Runtime: 'runc' },
      }),
      undefined,
      name,
    ),
  );
});

test('small pieces: names, binds, ports, restart, cpus', () => {
  assert.equal(containerNameOf('/web'), 'web');
  assert.equal(containerNameOf(''), undefined);
  assert.throws(() => containerNameOf('bad name'), /Invalid container name/);
  assert.equal(bindToVolumeSpec('/a:/b'), '/a:/b');
  assert.equal(bindToVolumeSpec('/a:/b:rw'), '/a:/b');
  assert.throws(() => bindToVolumeSpec('/a:/b:rshared'), /bind option "rshared"/);
  assert.throws(() => bindToVolumeSpec('/a'), /invalid volume specification/);
  assert.deepEqual(portBindingsToSpecs({ '80': [{ HostIp: '::1', HostPort: '81' }] }), [
    '[::1]:81:80/tcp',
  ]);
  assert.throws(() => portBindingsToSpecs({ 'x/tcp': [] }), /invalid port specification/);
  assert.equal(restartPolicyToSpec({ Name: 'always' }), 'always');
  assert.equal(restartPolicyToSpec({ Name: '' }), undefined);
  assert.throws(
    () => restartPolicyToSpec({ Name: 'always', MaximumRetryCount: 2 }),
    /maximum retry count/,
  );
  assert.equal(cpusOf({ CpuQuota: 50000, CpuPeriod: 100000 }), 0.5);
  assert.equal(cpusOf({ CpuQuota: 25000 }), 0.25);
  assert.equal(cpusOf({}), undefined);
});

test('networks: the mode, the endpoints with aliases and addresses, in Docker’s order', () => {
  const net = (hc: unknown, endpoints?: unknown) => {
    const r = toBerthCreate(
      body({
        Image: 'x',
        HostConfig: hc,
        ...(endpoints ? { NetworkingConfig: { EndpointsConfig: endpoints } } : {}),
      }),
      undefined,
      name,
    );
    assert.doesNotThrow(() => CreateContainerRequestSchema.parse(r.request));
    return [r.request.network, r.request.networks, r.docker.networkMode];
  };
  assert.deepEqual(net({}), ['bridge', undefined, 'default']);
  assert.deepEqual(net({ NetworkMode: 'bridge' }, { bridge: {} }), ['bridge', undefined, 'bridge']);
  assert.deepEqual(net({ NetworkMode: 'mynet' }), ['mynet', undefined, 'mynet']);
  // what `docker run --network n --network-alias db --ip …` and docker-compose send
  assert.deepEqual(
    net(
      { NetworkMode: 'proj_default' },
      {
        proj_default: {
          Aliases: ['web', 'web'],
          IPAMConfig: { IPv4Address: '10.9.0.5' },
          Links: null,
        },
      },
    ),
    [
      'proj_default',
      [{ network: 'proj_default', aliases: ['web'], ipv4Address: '10.9.0.5' }],
      'proj_default',
    ],
  );
  // dockerd: endpoints decide when the mode is the default; the mode's network comes first
  assert.deepEqual(net({}, { mynet: { Aliases: ['a'] } }), [
    'mynet',
    [{ network: 'mynet', aliases: ['a'] }],
    'default',
  ]);
  assert.deepEqual(net({ NetworkMode: 'front' }, { back: {}, front: { Aliases: ['f'] } }), [
    'front',
    [{ network: 'front', aliases: ['f'] }, { network: 'back' }],
    'front',
  ]);
  assert.deepEqual(net({ NetworkMode: 'front' }, { back: {} }), [
    'front',
    [{ network: 'front' }, { network: 'back' }],
    'front',
  ]);
  assert.deepEqual(net({ NetworkMode: 'host' }, { host: {} }), ['host', undefined, 'host']);
  assert.deepEqual(net({ NetworkMode: 'none' }), ['none', undefined, 'none']);

  const refuse = (hc: unknown, endpoints: unknown, re: RegExp) =>
    assert.throws(() => net(hc, endpoints), re);
  refuse({ NetworkMode: 'host' }, { mynet: {} }, /conflicting options/);
  refuse({}, { bridge: { IPAMConfig: { IPv4Address: '10.88.0.9' } } }, /user configured subnets/);
  refuse({ NetworkMode: 'n' }, { n: { Links: ['db:db'] } }, /Links is not supported/);
  refuse({ NetworkMode: 'n' }, { n: { IPAMConfig: { IPv6Address: '::5' } } }, /IPv6Address/);
  refuse({ NetworkMode: 'n' }, { n: null }, /no EndpointSettings for n/);
});

test('Healthcheck: nanoseconds through, zeros inherit, under 1ms refused', () => {
  const hc = (h: unknown) =>
    toBerthCreate(body({ Image: 'x', Healthcheck: h }), undefined, name).request.healthcheck;
  assert.deepEqual(
    hc({
      Test: ['CMD-SHELL', 'test -f /ok'],
      Interval: 2e9,
      Timeout: 0,
      Retries: 3,
      StartPeriod: 0,
    }),
    { test: ['CMD-SHELL', 'test -f /ok'], interval: 2e9, retries: 3 },
  );
  assert.deepEqual(hc({ Test: ['NONE'] }), { test: ['NONE'] });
  assert.deepEqual(hc({ Test: null, Interval: 5e9 }), { test: [], interval: 5e9 });
  assert.equal(hc(null), undefined);
  assert.throws(() => hc({ Test: ['CMD', 'true'], Interval: 1000 }), /at least 1ms/);
  assert.throws(() => hc({ Test: ['CMD', 'true'], Retries: -1 }), /negative/);
});
