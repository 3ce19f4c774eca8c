import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpec, type BuildSpecInput } from './builder.js';
import { parseSpecOptions, type SpecOptionsInput } from './options.js';
import { DEFAULT_CAPABILITIES } from '@berth/protocol';
import { MASKED_PATHS } from './defaults.js';
import { isRuntimeError } from '../errors.js';

const passwd = 'root:x:0:0:root:/root:/bin/sh\nwww:x:33:33:www:/var/www:/bin/sh\n';
const group = 'root:x:0:\nwww:x:33:\naudio:x:29:www\n';

function input(opts: SpecOptionsInput, over: Partial<BuildSpecInput> = {}): BuildSpecInput {
  return {
    id: 'abcdef0123456789',
    image: {
      env: ['PATH=/img/bin', 'A=1'],
      cmd: ['sh'],
      entrypoint: ['/entry'],
      workingDir: '/app',
    },
    options: parseSpecOptions(opts),
    rootfsPath: '/tmp/rootfs',
    etcPasswd: passwd,
    etcGroup: group,
    hostRlimits: { RLIMIT_NOFILE: { soft: 1024, hard: 20000 } },
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

test('defaults: args, env, cwd, hostname, caps, masked paths, cgroup path', () => {
  const s = buildSpec(input({}));
  assert.deepEqual(s.process.args, ['/entry', 'sh']);
  assert.equal(s.process.cwd, '/app');
  assert.equal(s.hostname, 'abcdef012345');
  assert.ok(s.process.env.includes('PATH=/img/bin'));
  assert.ok(s.process.env.includes('A=1'));
  assert.ok(s.process.env.includes('HOSTNAME=abcdef012345'));
  assert.ok(s.process.env.includes('HOME=/root'));
  assert.deepEqual([...s.process.capabilities.bounding].sort(), [...DEFAULT_CAPABILITIES].sort());
  assert.deepEqual(s.linux.maskedPaths, MASKED_PATHS);
  assert.equal(s.linux.cgroupsPath, '/berth/abcdef0123456789');
  assert.equal(s.process.noNewPrivileges, false, "Docker's default: off");
  assert.deepEqual(
    s.linux.namespaces.find((n) => n.type === 'network'),
    { type: 'network', path: '/var/run/netns/x' },
  );
  const shm = s.mounts.find((m) => m.destination === '/dev/shm');
  assert.ok(shm?.options?.includes('size=67108864'));
  const sys = s.mounts.find((m) => m.destination === '/sys');
  assert.ok(sys?.options?.includes('ro'));
  for (const d of ['/proc', '/dev', '/dev/pts', '/dev/mqueue'])
    assert.ok(
      s.mounts.some((m) => m.destination === d),
      d,
    );
});

test('entrypoint override drops image cmd; cmd override keeps entrypoint', () => {
  assert.deepEqual(buildSpec(input({ entrypoint: ['/bin/echo'] })).process.args, ['/bin/echo']);
  assert.deepEqual(buildSpec(input({ cmd: ['x', 'y'] })).process.args, ['/entry', 'x', 'y']);
  assert.deepEqual(buildSpec(input({ entrypoint: [''], cmd: ['ls'] })).process.args, ['ls']);
  assert.throws(
    () => buildSpec(input({ entrypoint: [] })),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('env override wins, rlimits clamp to the host hard limit', () => {
  const s = buildSpec(
    input({ env: ['A=2', 'B=3'], ulimits: [{ name: 'nproc', soft: 10, hard: 20 }] }),
  );
  assert.ok(s.process.env.includes('A=2') && !s.process.env.includes('A=1'));
  assert.deepEqual(
    s.process.rlimits.find((r) => r.type === 'RLIMIT_NOFILE'),
    {
      type: 'RLIMIT_NOFILE',
      soft: 20000,
      hard: 20000,
    },
  );
  assert.deepEqual(
    s.process.rlimits.find((r) => r.type === 'RLIMIT_NPROC'),
    { type: 'RLIMIT_NPROC', soft: 10, hard: 20 },
  );
});

test('users resolve by name, uid, and group; unknown name is INVALID_ARGUMENT', () => {
  assert.deepEqual(buildSpec(input({ user: 'www' })).process.user, {
    uid: 33,
    gid: 33,
    additionalGids: [33, 29],
  });
  assert.deepEqual(buildSpec(input({ user: '1000:www' })).process.user, {
    uid: 1000,
    gid: 33,
    additionalGids: [33],
  });
  assert.ok(buildSpec(input({ user: 'www' })).process.env.includes('HOME=/var/www'));
  assert.throws(
    () => buildSpec(input({ user: 'nobody' })),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
  assert.throws(
    () => buildSpec(input({ user: 'www:nogroup' })),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});

test('resources: memory+swap, cpus → quota, pids, shares, cpuset, blkio', () => {
  const s = buildSpec(
    input({
      memory: 64 << 20,
      cpus: 0.5,
      pidsLimit: 20,
      cpuShares: 512,
      cpusetCpus: '0',
      blkioWeight: 300,
    }),
  );
  assert.deepEqual(s.linux.resources.memory, { limit: 64 << 20, swap: 128 << 20 });
  assert.deepEqual(s.linux.resources.cpu, { quota: 50000, period: 100000, shares: 512, cpus: '0' });
  assert.deepEqual(s.linux.resources.pids, { limit: 20 });
  assert.deepEqual(s.linux.resources.blockIO, { weight: 300 });
  assert.deepEqual(s.linux.resources.devices, [{ allow: false, access: 'rwm' }]);
  assert.deepEqual(buildSpec(input({ memory: 64 << 20, memorySwap: -1 })).linux.resources.memory, {
    limit: 64 << 20,
    swap: -1,
  });
});

test('bad inputs: memory < 6 MiB, cpus <= 0 or > host, unknown capability', () => {
  const invalid = (e: unknown) => isRuntimeError(e, 'INVALID_ARGUMENT');
  assert.throws(() => parseSpecOptions({ memory: 1024 }), invalid);
  assert.throws(() => parseSpecOptions({ cpus: 0 }), invalid);
  assert.throws(() => parseSpecOptions({ cpus: Number.NaN }), invalid);
  assert.throws(() => buildSpec(input({ cpus: 3 })), invalid);
  assert.throws(() => buildSpec(input({ capAdd: ['FOO_BAR'] })), invalid);
  assert.throws(() => parseSpecOptions({ memory: 8 << 20, memorySwap: 1 << 20 }), invalid);
  assert.throws(() => parseSpecOptions({ workdir: 'rel' }), invalid);
});

test('capAdd/capDrop, privileged, readOnly, tmpfs, init, host network', () => {
  const caps = buildSpec(input({ capAdd: ['net_admin'], capDrop: ['CAP_CHOWN'] })).process
    .capabilities.bounding;
  assert.ok(caps.includes('CAP_NET_ADMIN') && !caps.includes('CAP_CHOWN'));
  assert.deepEqual(
    buildSpec(input({ capDrop: ['ALL'], capAdd: ['KILL'] })).process.capabilities.bounding,
    ['CAP_KILL'],
  );
  const p = buildSpec(input({ privileged: true }));
  assert.ok(p.process.capabilities.bounding.includes('CAP_SYS_ADMIN'));
  assert.deepEqual(p.linux.maskedPaths, []);
  assert.equal(p.process.noNewPrivileges, false);
  assert.equal(buildSpec(input({ readOnly: true })).root.readonly, true);
  const t = buildSpec(input({ tmpfs: { '/run': 'size=1m' } })).mounts.find(
    (m) => m.destination === '/run',
  );
  assert.deepEqual(t?.options, ['nosuid', 'nodev', 'noexec', 'size=1m']);
  const i = buildSpec(input({ init: true }, { initBinary: '/usr/bin/catatonit' }));
  assert.deepEqual(i.process.args, ['/dev/init', '--', '/entry', 'sh']);
  assert.ok(
    i.mounts.some((m) => m.destination === '/dev/init' && m.source === '/usr/bin/catatonit'),
  );
  assert.throws(
    () => buildSpec(input({ init: true })),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  const h = buildSpec(input({}, { network: { mode: 'host' } }));
  assert.equal(
    h.linux.namespaces.some((n) => n.type === 'network'),
    false,
  );
});

test('a later mount replaces a default one at the same destination', () => {
  const s = buildSpec(
    input(
      {},
      { mounts: [{ destination: '/dev/shm/', type: 'bind', source: '/x', options: ['rbind'] }] },
    ),
  );
  const shm = s.mounts.filter((m) => m.destination === '/dev/shm');
  assert.equal(shm.length, 1);
  assert.equal(shm[0]?.source, '/x');
});

test('runConfigFromImage maps OCI image config keys', async () => {
  const { runConfigFromImage } = await import('./options.js');
  assert.deepEqual(
    runConfigFromImage({
      Env: ['A=1'],
      Cmd: ['sh'],
      Entrypoint: null,
      WorkingDir: '/w',
      User: 'app',
      StopSignal: 'SIGQUIT',
    }),
    {
      env: ['A=1'],
      cmd: ['sh'],
      workingDir: '/w',
      user: 'app',
      stopSignal: 'SIGQUIT',
    },
  );
  assert.deepEqual(runConfigFromImage(undefined), {});
});

test('capabilities are limited to the host bounding set (no CAP_SYS_RESOURCE here)', async () => {
  const { parseBoundingSet } = await import('./capabilities.js');
  const host = parseBoundingSet('Name:\tx\nCapBnd:\t000001fffeffffff\n');
  assert.ok(host && !host.includes('CAP_SYS_RESOURCE') && host.includes('CAP_CHECKPOINT_RESTORE'));
  const p = buildSpec(input({ privileged: true }, { hostCapabilities: host ?? [] }));
  assert.ok(!p.process.capabilities.bounding.includes('CAP_SYS_RESOURCE'));
  assert.ok(p.process.capabilities.bounding.includes('CAP_SYS_ADMIN'));
  assert.equal(parseBoundingSet('nothing'), null);
});
