import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import type { CreateOptionsInput } from '../../src/container/create-options.js';

/**
 * The confinement battery on real runc: what a default container may not do, and the same
 * attempts in a privileged container, which must succeed wherever the host itself can (so the
 * battery can fail). The attempts run through a static probe compiled here from probe.c.
 */

const PROBE_SOURCE = join(import.meta.dirname, '..', 'confinement', 'probe.c');
const gcc = spawnSync('gcc', ['--version']).status === 0;
const skip = gcc ? false : 'gcc (and libc6-dev) are needed to compile the probe';

let fx: Fixture;
/** The first disk in /proc/partitions (`major:minor`), the target of the block device attempt. */
let disk: string | undefined;

before(async () => {
  fx = await openFixture();
  if (skip) return;
  execFileSync('gcc', [
    '-static',
    '-O2',
    '-o',
    join(fx.roots.rootfsBase, 'bin/probe'),
    PROBE_SOURCE,
  ]);
  const parts = readFileSync('/proc/partitions', 'utf8').trim().split('\n').slice(2);
  const first = parts.map((l) => l.trim().split(/\s+/)).find((f) => f[0] !== '7');
  disk = first ? `${first[0]}:${first[1]}` : undefined;
});
after(() => fx.cleanup());

/** Attempts with no lasting effect on the host: run there too, for the privileged baseline. */
const HOST_SAFE = [
  'keyctl',
  'add_key',
  'bpf',
  'perf_event_open',
  'userfaultfd',
  'io_uring_setup',
  'clone3',
  'unshare_user',
  'raw_socket',
  'kcore',
];
/** Attempts that would change the host if run there; inside a privileged container they work. */
const CONTAINER_ONLY = ['mount_tmpfs', 'write_proc_sys', 'write_sys'];

function parseProbe(out: string): Record<string, string> {
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
}

function probeOnHost(attempts: string[]): Record<string, string> {
  return parseProbe(
    execFileSync(join(fx.roots.rootfsBase, 'bin/probe'), attempts, { encoding: 'utf8' }),
  );
}

/** Starts a container with `options`, runs each shell command in it, removes it. */
async function inContainer(options: CreateOptionsInput, commands: string[]): Promise<string[]> {
  const m = fx.manager;
  const c = await m.create({
    image: { config: { cmd: ['sleep', '1000'] } },
    options: { network: 'none', ...options },
  });
  try {
    await m.start(c.id);
    const out: string[] = [];
    for (const cmd of commands) out.push((await m.exec(c.id, { cmd: ['sh', '-c', cmd] })).stdout);
    return out;
  } finally {
    await m.remove(c.id, { force: true });
  }
}

function attempts(): string[] {
  return [
    ...HOST_SAFE,
    ...CONTAINER_ONLY,
    `ptrace_attach:${process.pid}`,
    ...(disk ? [`read_block:${disk}`] : []),
  ];
}

test(
  'default container: seccomp mode 2, no user namespace, private cgroup namespace',
  { skip },
  async () => {
    const [status, unshare, ns, cgroups] = await inContainer({}, [
      'grep ^Seccomp: /proc/self/status',
      'busybox unshare -U -r true && echo unshared || echo refused',
      'busybox readlink /proc/self/ns/cgroup',
      'cat /proc/self/cgroup',
    ]);
    assert.match(status!, /^Seccomp:\s+2$/m);
    assert.equal(unshare!.trim(), 'refused');
    assert.notEqual(ns!.trim(), readlinkSync('/proc/self/ns/cgroup'));
    for (const line of cgroups!.trim().split('\n')) assert.match(line, /:\/$/, line);
  },
);

test('default container: every attempt of the battery fails', { skip }, async () => {
  const [out] = await inContainer({}, [`probe ${attempts().join(' ')}`]);
  const got = parseProbe(out!);
  const expected: Record<string, string> = {
    keyctl: 'EPERM',
    add_key: 'EPERM',
    bpf: 'EPERM',
    perf_event_open: 'EPERM',
    userfaultfd: 'EPERM',
    io_uring_setup: 'EPERM',
    clone3: 'ENOSYS', // so libc falls back to clone, whose flags the filter can see
    unshare_user: 'EPERM',
    mount_tmpfs: 'EPERM',
    write_proc_sys: 'EROFS',
    write_sys: 'EROFS',
    ptrace_attach: 'ESRCH', // the agent's process is not in the container's pid namespace
    raw_socket: 'ok', // CAP_NET_RAW is in Docker's default set: raw sockets work, as under Docker
  };
  for (const [name, result] of Object.entries(expected)) assert.equal(got[name], result, name);
  assert.notEqual(got.kcore, 'ok', '/proc/kcore is masked');
  if (disk) assert.equal(got.read_block, 'EPERM', 'the device cgroup refuses the host disk');
});

test('without CAP_NET_RAW, raw sockets are refused', { skip }, async () => {
  const [out] = await inContainer({ capDrop: ['NET_RAW'] }, ['probe raw_socket']);
  assert.equal(parseProbe(out!).raw_socket, 'EPERM');
});

test(
  'privileged container: the same attempts succeed wherever the host can',
  { skip },
  async () => {
    const host = probeOnHost([...HOST_SAFE, ...(disk ? [`read_block:${disk}`] : [])]);
    const [out, status] = await inContainer({ privileged: true }, [
      `probe ${attempts().join(' ')}`,
      'grep ^Seccomp: /proc/self/status',
    ]);
    const got = parseProbe(out!);
    for (const name of [...HOST_SAFE, 'read_block'].filter((n) => host[n] !== undefined))
      assert.equal(got[name], host[name], `${name} as on the host`);
    for (const name of CONTAINER_ONLY) assert.equal(got[name], 'ok', name);
    assert.equal(got.ptrace_attach, 'ESRCH', 'still its own pid namespace');
    assert.match(status!, /^Seccomp:\s+0$/m);
    // the battery can fail: these succeed on this host, so a default container's EPERM is the filter
    for (const name of ['keyctl', 'bpf', 'unshare_user', 'clone3'])
      assert.equal(host[name], 'ok', `${name} works on this host`);
  },
);

test(
  'seccomp=unconfined drops only the filter; cgroupns host shares the host namespace',
  { skip },
  async () => {
    const [out, status] = await inContainer({ securityOpt: ['seccomp=unconfined'] }, [
      'probe keyctl clone3 mount_tmpfs',
      'grep ^Seccomp: /proc/self/status',
    ]);
    const got = parseProbe(out!);
    assert.equal(got.keyctl, 'ok');
    assert.equal(got.clone3, 'ok');
    assert.equal(got.mount_tmpfs, 'EPERM', 'still no CAP_SYS_ADMIN');
    assert.match(status!, /^Seccomp:\s+0$/m);
    const [ns] = await inContainer({ cgroupns: 'host' }, ['busybox readlink /proc/self/ns/cgroup']);
    assert.equal(ns!.trim(), readlinkSync('/proc/self/ns/cgroup'));
  },
);

test('a custom profile is enforced: mkdir answers EACCES', { skip }, async () => {
  const profile = JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
  });
  const [out] = await inContainer({ securityOpt: [`seccomp=${profile}`] }, [
    'mkdir /tmp/x 2>&1; echo rc=$?; grep ^Seccomp: /proc/self/status',
  ]);
  assert.match(out!, /Permission denied/);
  assert.match(out!, /rc=1/);
  assert.match(out!, /^Seccomp:\s+2$/m);
});

test('no-new-privileges is off by default (as Docker) and on when asked', { skip }, async () => {
  const [off] = await inContainer({}, ['grep ^NoNewPrivs: /proc/self/status']);
  const [on] = await inContainer({ securityOpt: ['no-new-privileges'] }, [
    'grep ^NoNewPrivs: /proc/self/status',
  ]);
  assert.match(off!, /^NoNewPrivs:\s+0$/m);
  assert.match(on!, /^NoNewPrivs:\s+1$/m);
});

test('read-only binds are recursively read-only (rro) where the host supports it', async () => {
  const dir = join(fx.roots.base, 'rro-src');
  const sub = join(dir, 'sub');
  mkdirSync(sub, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', sub]);
  try {
    const m = fx.manager;
    const c = await m.create({
      image: { config: { cmd: ['sleep', '1000'] } },
      options: { network: 'none', volumes: [`${dir}:/data:ro`] },
    });
    try {
      await m.start(c.id);
      const w = await m.exec(c.id, {
        cmd: ['sh', '-c', 'touch /data/sub/x 2>/dev/null && echo writable || echo read-only'],
      });
      const mode = m.get(c.id).confinement?.readOnlyBinds;
      assert.equal(mode, fx.manager.deps.confinement.recursiveReadOnly ? 'rro' : 'ro');
      // plain `ro` leaves a submount writable; `rro` covers it too
      assert.equal(w.stdout.trim(), mode === 'rro' ? 'read-only' : 'writable');
    } finally {
      await m.remove(c.id, { force: true });
    }
  } finally {
    execFileSync('umount', [sub]);
  }
});
