import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateContainerRequestSchema, type ContainerInspect } from '@berth/protocol';
import { portSpec, requestEnv, specFromInspect, type ImageDefaults } from './container-spec.js';
import { specChanges } from './container-spec-diff.js';

const image: ImageDefaults = {
  env: ['PATH=/usr/bin:/bin'],
  cmd: ['sh'],
  entrypoint: null,
  user: '',
  workingDir: '',
  stopSignal: null,
};

function inspect(patch: Partial<ContainerInspect> = {}, config: object = {}): ContainerInspect {
  return {
    id: 'a'.repeat(64),
    name: 'web',
    image: 'busybox:latest',
    imageId: `sha256:${'b'.repeat(64)}`,
    command: ['sh', '-c', 'httpd -f'],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: '2026-01-01T00:00:01Z',
    finishedAt: null,
    ports: [],
    limits: {
      memory: null,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: {},
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    restartCount: 0,
    network: 'bridge',
    elevated: [],
    pid: 1,
    ip: '10.88.0.2',
    gateway: '10.88.0.1',
    networks: [],
    mounts: [],
    logPath: '/x',
    rootfs: '/x',
    bundle: '/x',
    cgroupsPath: '/x',
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    autoRemove: false,
    config: {
      env: ['PATH=/usr/bin:/bin', 'GREETING=hello'],
      cmd: ['sh', '-c', 'httpd -f'],
      entrypoint: null,
      workingDir: null,
      user: null,
      tty: false,
      init: false,
      readOnly: false,
      privileged: false,
      capAdd: [],
      capDrop: [],
      tmpfs: {},
      hostname: null,
      securityOpt: [],
      cgroupns: 'private',
      healthcheck: null,
      pid: 'private',
      ipc: 'private',
      uts: 'private',
      devices: [],
      sysctls: {},
      dns: [],
      extraHosts: [],
      memoryReservation: null,
      openStdin: false,
      ...config,
    },
    ...patch,
  };
}

test('a plain container becomes the request that made it, image defaults left to the image', () => {
  const spec = specFromInspect(inspect(), image);
  assert.deepEqual(spec, {
    request: {
      image: 'busybox:latest',
      name: 'web',
      env: ['GREETING=hello'],
      ports: [],
      volumes: [],
      cmd: ['sh', '-c', 'httpd -f'],
    },
    notCopied: [],
  });
  assert.equal(CreateContainerRequestSchema.safeParse(spec.request).success, true);
});

test('every setting the inspect carries is copied', () => {
  const c = inspect(
    {
      ports: [
        { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 53, containerPort: 53, protocol: 'udp' },
      ],
      mounts: [
        { type: 'volume', source: 'data', destination: '/data', readOnly: false },
        { type: 'bind', source: '/srv', destination: '/srv', readOnly: true },
        { type: 'tmpfs', source: 'tmpfs', destination: '/run', readOnly: false },
      ],
      limits: {
        memory: 64 * 1024 * 1024,
        memorySwap: null,
        cpus: 0.5,
        pidsLimit: 100,
        cpuShares: null,
        cpusetCpus: '0',
      },
      labels: { team: 'a' },
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      stopSignal: 'SIGINT',
      stopTimeout: 30,
      networks: [
        {
          networkId: 'n1',
          network: 'backend',
          ifname: 'eth0',
          ip: '10.1.0.2',
          prefixLen: 24,
          gateway: '10.1.0.1',
          mac: null,
          aliases: ['db'],
          ipv4Address: null,
        },
      ],
    },
    {
      user: 'nobody',
      workingDir: '/app',
      tmpfs: { '/run': 'size=1m' },
      capAdd: ['NET_ADMIN'],
      pid: 'host',
      dns: ['1.1.1.1'],
      sysctls: { 'net.core.somaxconn': '1024' },
      securityOpt: ['no-new-privileges', 'seccomp=<custom profile>'],
      memoryReservation: 1024,
      init: true,
    },
  );
  const { request, notCopied } = specFromInspect(c, image);
  assert.deepEqual(request.ports, ['8080:80', '127.0.0.1:53:53/udp']);
  assert.deepEqual(request.volumes, ['data:/data', '/srv:/srv:ro']);
  assert.deepEqual(request.tmpfs, ['/run:size=1m']);
  assert.equal(request.memory, 64 * 1024 * 1024);
  assert.equal(request.cpus, 0.5);
  assert.equal(request.pidsLimit, 100);
  assert.equal(request.cpusetCpus, '0');
  assert.equal(request.memorySwap, undefined);
  assert.deepEqual(request.labels, { team: 'a' });
  assert.equal(request.restart, 'on-failure:3');
  assert.equal(request.stopSignal, 'SIGINT');
  assert.equal(request.stopTimeout, 30);
  assert.equal(request.network, 'backend');
  assert.deepEqual(request.networks, [{ network: 'backend', aliases: ['db'] }]);
  assert.equal(request.user, 'nobody');
  assert.equal(request.workdir, '/app');
  assert.deepEqual(request.capAdd, ['NET_ADMIN']);
  assert.equal(request.pid, 'host');
  assert.equal(request.ipc, undefined);
  assert.deepEqual(request.dns, ['1.1.1.1']);
  assert.deepEqual(request.sysctls, { 'net.core.somaxconn': '1024' });
  assert.deepEqual(request.securityOpt, ['no-new-privileges']);
  assert.equal(request.memoryReservation, 1024);
  assert.equal(request.init, true);
  assert.equal(request.privileged, undefined);
  assert.equal(notCopied.length, 1);
  assert.match(notCopied[0]!, /custom seccomp profile/);
  assert.equal(CreateContainerRequestSchema.safeParse(request).success, true);
});

test('a custom entrypoint keeps the command that followed it, and only that', () => {
  const c = inspect(
    { command: ['/entry.sh'] },
    { entrypoint: ['/entry.sh'], cmd: ['sh'] }, // inspect shows the image cmd the entrypoint reset
  );
  const { request } = specFromInspect(c, image);
  assert.deepEqual(request.entrypoint, ['/entry.sh']);
  assert.equal(request.cmd, undefined);
  const withArgs = inspect(
    { command: ['/entry.sh', '-v'] },
    { entrypoint: ['/entry.sh'], cmd: ['-v'] },
  );
  assert.deepEqual(specFromInspect(withArgs, image).request.cmd, ['-v']);
  // the image's own command is left to the image
  const plain = inspect({ command: ['sh'] }, { cmd: ['sh'] });
  assert.equal(specFromInspect(plain, image).request.cmd, undefined);
});

test('without the image every variable and the command are kept (the last of a name wins)', () => {
  assert.deepEqual(requestEnv(['A=1', 'B=2', 'A=3'], null), ['A=3', 'B=2']);
  assert.deepEqual(requestEnv(['PATH=/x', 'A=1'], ['PATH=/y']), ['PATH=/x', 'A=1']);
  const { request } = specFromInspect(inspect({}, { user: 'root' }), null);
  assert.deepEqual(request.env, ['PATH=/usr/bin:/bin', 'GREETING=hello']);
  assert.deepEqual(request.cmd, ['sh', '-c', 'httpd -f']);
  assert.equal(request.user, 'root');
});

test('an older agent that does not report namespaces and the rest says so', () => {
  const c = inspect();
  const { pid: _pid, ...older } = c.config;
  const { notCopied } = specFromInspect({ ...c, config: older }, image);
  assert.match(notCopied.join(' '), /does not report them/);
});

test('port specs in the form the create form takes', () => {
  const p = { hostPort: 8080, containerPort: 80, protocol: 'tcp' } as const;
  assert.equal(portSpec({ ...p, hostIp: '' }), '8080:80');
  assert.equal(portSpec({ ...p, hostIp: '::1' }), '[::1]:8080:80');
});

test('specChanges lists each changed setting, variables by name, unset equal to default', () => {
  const before = specFromInspect(inspect(), image).request;
  assert.deepEqual(specChanges(before, { ...before }), []);
  assert.deepEqual(specChanges(before, { ...before, restart: 'no', network: 'bridge' }), []);
  const after = {
    ...before,
    env: ['GREETING=bye', 'NEW=1'],
    ports: ['8080:80'],
    memory: 1024,
    cmd: ['sh', '-c', 'httpd -f -v'],
  };
  assert.deepEqual(specChanges(before, after), [
    { field: 'env', label: 'Environment GREETING', before: 'hello', after: 'bye' },
    { field: 'env', label: 'Environment NEW', before: null, after: '1' },
    { field: 'ports', label: 'Ports', before: null, after: '8080:80' },
    { field: 'cmd', label: 'Command', before: 'sh, -c, httpd -f', after: 'sh, -c, httpd -f -v' },
    { field: 'memory', label: 'Memory limit', before: null, after: '1024' },
  ]);
  // lists other than a command compare as sets; removals show as null after
  assert.deepEqual(
    specChanges({ ...before, volumes: ['a:/a', 'b:/b'] }, { ...before, volumes: ['b:/b', 'a:/a'] }),
    [],
  );
  assert.deepEqual(specChanges({ ...before, labels: { x: '1' } }, before), [
    { field: 'labels', label: 'Label x', before: '1', after: null },
  ]);
});
