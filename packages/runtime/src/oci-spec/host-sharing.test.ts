import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpec, type BuildSpecInput } from './builder.js';
import { parseSpecOptions, type SpecOptionsInput } from './options.js';
import { deviceEntries, parseDeviceSpec, splitDeviceNumber } from './devices.js';
import { isRuntimeError } from '../errors.js';

function input(opts: SpecOptionsInput, over: Partial<BuildSpecInput> = {}): BuildSpecInput {
  return {
    id: 'abcdef0123456789',
    image: { cmd: ['sh'] },
    options: parseSpecOptions(opts),
    rootfsPath: '/tmp/rootfs',
    etcPasswd: '',
    etcGroup: '',
    hostRlimits: {},
    hostCpus: 2,
    network: { mode: 'netns', path: '/var/run/netns/x' },
    mounts: [],
    confinement: {
      arch: 'x64',
      kernel: { major: 6, minor: 1 },
      seccomp: true,
      apparmor: null,
      recursiveReadOnly: false,
    },
    ...over,
  };
}

const types = (s: ReturnType<typeof buildSpec>) => s.linux.namespaces.map((n) => n.type).sort();
const invalid = (e: unknown) => isRuntimeError(e, 'INVALID_ARGUMENT');

test('namespaces: own pid/ipc/uts/cgroup by default; host modes leave them out', () => {
  const all = ['cgroup', 'ipc', 'mount', 'network', 'pid', 'uts'];
  assert.deepEqual(types(buildSpec(input({}))), all);
  assert.deepEqual(
    types(buildSpec(input({ pid: 'host' }))),
    all.filter((n) => n !== 'pid'),
  );
  assert.deepEqual(types(buildSpec(input({ ipc: 'host', uts: 'host', cgroupns: 'host' }))), [
    'mount',
    'network',
    'pid',
  ]);
});

test('uts host: no hostname in the spec, HOSTNAME is the host’s; a hostname option is refused', () => {
  const s = buildSpec(input({ uts: 'host' }, { hostHostname: 'the-host' }));
  assert.equal(s.hostname, undefined);
  assert.ok(s.process.env.includes('HOSTNAME=the-host'));
  assert.throws(() => buildSpec(input({ uts: 'host', hostname: 'x' })), invalid);
});

test('ipc host binds the host’s /dev/shm', () => {
  const shm = buildSpec(input({ ipc: 'host' })).mounts.filter((m) => m.destination === '/dev/shm');
  assert.deepEqual(
    shm.map((m) => [m.type, m.source]),
    [['bind', '/dev/shm']],
  );
});

test('sysctls go to linux.sysctl; names with slashes or values with newlines are refused', () => {
  const s = buildSpec(input({ sysctls: { 'net.ipv4.ip_forward': '1' } }));
  assert.deepEqual(s.linux.sysctl, { 'net.ipv4.ip_forward': '1' });
  assert.equal(buildSpec(input({})).linux.sysctl, undefined);
  assert.throws(() => parseSpecOptions({ sysctls: { 'net/ipv4/../../kernel/x': '1' } }), invalid);
  assert.throws(() => parseSpecOptions({ sysctls: { 'net.core.x': '1\n2' } }), invalid);
});

test('devices: Docker’s spec forms, the rdev split, the node and its cgroup rule', () => {
  assert.deepEqual(parseDeviceSpec('/dev/fuse'), {
    hostPath: '/dev/fuse',
    containerPath: '/dev/fuse',
    access: 'rwm',
  });
  assert.deepEqual(parseDeviceSpec('/dev/sda:r'), {
    hostPath: '/dev/sda',
    containerPath: '/dev/sda',
    access: 'r',
  });
  assert.deepEqual(parseDeviceSpec('/dev/sda:/dev/xvda:rw'), {
    hostPath: '/dev/sda',
    containerPath: '/dev/xvda',
    access: 'rw',
  });
  for (const bad of ['dev/x', '/dev/x:rel', '/dev/x:/y:rwx', '/dev/../etc/shadow', '/a:/b:r:w'])
    assert.throws(() => parseDeviceSpec(bad), invalid, bad);
  // glibc's makedev, written out: the split must invert it for small and large numbers
  const makedev = (major: bigint, minor: bigint) =>
    ((major & 0xfffn) << 8n) |
    ((major & 0xfffff000n) << 32n) |
    (minor & 0xffn) |
    ((minor & 0xffffff00n) << 12n);
  assert.equal(makedev(10n, 229n), 0xae5n);
  for (const [major, minor] of [
    [10, 229],
    [259, 65536],
    [0x1234, 0x56789],
  ] as const) {
    assert.deepEqual(splitDeviceNumber(makedev(BigInt(major), BigInt(minor))), { major, minor });
  }

  const entry = deviceEntries(parseDeviceSpec('/dev/fuse:/dev/f:rw'), {
    type: 'c',
    major: 10,
    minor: 229,
    fileMode: 0o600,
    uid: 0,
    gid: 0,
  });
  const s = buildSpec(input({}, { devices: [entry] }));
  assert.deepEqual(s.linux.devices, [
    { path: '/dev/f', type: 'c', major: 10, minor: 229, fileMode: 0o600, uid: 0, gid: 0 },
  ]);
  assert.deepEqual(s.linux.resources.devices, [
    { allow: false, access: 'rwm' },
    { allow: true, type: 'c', major: 10, minor: 229, access: 'rw' },
  ]);
});
