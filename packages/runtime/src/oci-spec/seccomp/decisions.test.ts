import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SECCOMP_PROFILE } from './default-profile.js';
import { resolveSeccomp, parseKernelVersion, type KernelVersion } from './resolve.js';
import { DEFAULT_CAPABILITIES } from '@berth/protocol';
import type { OciSeccomp, OciSeccompArg } from '../types.js';

/**
 * What the kernel decides for one call under a resolved filter, read the way libseccomp builds
 * it: the first rule for the name whose argument conditions all hold, else the default action.
 */
function decide(f: OciSeccomp, name: string, args: number[] = []): string {
  const holds = (a: OciSeccompArg) => {
    const v = args[a.index] ?? 0;
    switch (a.op) {
      case 'SCMP_CMP_EQ':
        return v === a.value;
      case 'SCMP_CMP_NE':
        return v !== a.value;
      case 'SCMP_CMP_LT':
        return v < a.value;
      case 'SCMP_CMP_LE':
        return v <= a.value;
      case 'SCMP_CMP_GT':
        return v > a.value;
      case 'SCMP_CMP_GE':
        return v >= a.value;
      case 'SCMP_CMP_MASKED_EQ':
        return Number(BigInt(v) & BigInt(a.value)) === (a.valueTwo ?? 0);
      default:
        throw new Error(`unknown op ${a.op}`);
    }
  };
  const rule = (f.syscalls ?? []).find(
    (r) => r.names.includes(name) && (r.args ?? []).every(holds),
  );
  const action = rule?.action ?? f.defaultAction;
  const errno = rule ? rule.errnoRet : f.defaultErrnoRet;
  if (action !== 'SCMP_ACT_ERRNO') return action === 'SCMP_ACT_ALLOW' ? 'allow' : action;
  return errno === 38 ? 'ENOSYS' : errno === 1 ? 'EPERM' : `errno ${errno}`;
}

const KERNEL_6: KernelVersion = { major: 6, minor: 1 };
const ARCHES = ['x64', 'arm64'] as const;

function filter(arch: string, extraCaps: string[] = [], kernel = KERNEL_6): OciSeccomp {
  return resolveSeccomp(DEFAULT_SECCOMP_PROFILE, {
    arch,
    kernel,
    capabilities: [...DEFAULT_CAPABILITIES, ...extraCaps],
  });
}

/** Refused under the default capability set, allowed once the capability is added. */
const BY_CAPABILITY: ReadonlyArray<readonly [string, string]> = [
  ['mount', 'CAP_SYS_ADMIN'],
  ['umount2', 'CAP_SYS_ADMIN'],
  ['unshare', 'CAP_SYS_ADMIN'],
  ['setns', 'CAP_SYS_ADMIN'],
  ['fsopen', 'CAP_SYS_ADMIN'],
  ['fsmount', 'CAP_SYS_ADMIN'],
  ['move_mount', 'CAP_SYS_ADMIN'],
  ['open_tree', 'CAP_SYS_ADMIN'],
  ['mount_setattr', 'CAP_SYS_ADMIN'],
  ['sethostname', 'CAP_SYS_ADMIN'],
  ['setdomainname', 'CAP_SYS_ADMIN'],
  ['quotactl', 'CAP_SYS_ADMIN'],
  ['fanotify_init', 'CAP_SYS_ADMIN'],
  ['lookup_dcookie', 'CAP_SYS_ADMIN'],
  ['bpf', 'CAP_SYS_ADMIN'],
  ['bpf', 'CAP_BPF'],
  ['perf_event_open', 'CAP_SYS_ADMIN'],
  ['perf_event_open', 'CAP_PERFMON'],
  ['syslog', 'CAP_SYS_ADMIN'],
  ['syslog', 'CAP_SYSLOG'],
  ['open_by_handle_at', 'CAP_DAC_READ_SEARCH'],
  ['reboot', 'CAP_SYS_BOOT'],
  ['init_module', 'CAP_SYS_MODULE'],
  ['finit_module', 'CAP_SYS_MODULE'],
  ['delete_module', 'CAP_SYS_MODULE'],
  ['acct', 'CAP_SYS_PACCT'],
  ['kcmp', 'CAP_SYS_PTRACE'],
  ['pidfd_getfd', 'CAP_SYS_PTRACE'],
  ['process_madvise', 'CAP_SYS_PTRACE'],
  ['iopl', 'CAP_SYS_RAWIO'],
  ['ioperm', 'CAP_SYS_RAWIO'],
  ['settimeofday', 'CAP_SYS_TIME'],
  ['clock_settime', 'CAP_SYS_TIME'],
  ['stime', 'CAP_SYS_TIME'],
  ['vhangup', 'CAP_SYS_TTY_CONFIG'],
  ['mbind', 'CAP_SYS_NICE'],
  ['set_mempolicy', 'CAP_SYS_NICE'],
  ['get_mempolicy', 'CAP_SYS_NICE'],
];

/** Refused whatever the capabilities (only `seccomp=unconfined` or a custom profile opens them). */
const ALWAYS_REFUSED = [
  'keyctl',
  'add_key',
  'request_key',
  'userfaultfd',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'kexec_load',
  'kexec_file_load',
  'swapon',
  'swapoff',
  'pivot_root',
  'nfsservctl',
  'uselib',
  '_sysctl',
  'personality_unknown_name',
];

/** Allowed under the default capability set. */
const ALLOWED = [
  'read',
  'write',
  'openat',
  'execve',
  'getrandom',
  'mknod',
  'chroot',
  'adjtimex',
  'io_setup',
  'setuid',
  'capset',
  'seccomp',
  'memfd_create',
  'ptrace',
  'process_vm_readv',
];

const ALL_CAPS_PLUS = [
  'CAP_SYS_ADMIN',
  'CAP_SYS_MODULE',
  'CAP_SYS_BOOT',
  'CAP_SYS_TIME',
  'CAP_SYS_PTRACE',
  'CAP_BPF',
  'CAP_PERFMON',
];

for (const arch of ARCHES) {
  test(`${arch}: EPERM by default, the native architecture and its sub-architectures`, () => {
    const f = filter(arch);
    assert.equal(f.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(f.defaultErrnoRet, 1);
    assert.deepEqual(
      f.architectures,
      arch === 'x64'
        ? ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']
        : ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
    );
  });

  test(`${arch}: each capability-gated syscall is refused without its capability, allowed with it`, () => {
    const without = filter(arch);
    for (const [name, cap] of BY_CAPABILITY) {
      assert.equal(decide(without, name), 'EPERM', `${name} without ${cap}`);
      assert.equal(decide(filter(arch, [cap]), name), 'allow', `${name} with ${cap}`);
    }
  });

  test(`${arch}: always-refused syscalls stay refused with every capability`, () => {
    for (const f of [filter(arch), filter(arch, ALL_CAPS_PLUS)])
      for (const name of ALWAYS_REFUSED) assert.equal(decide(f, name), 'EPERM', name);
  });

  test(`${arch}: ordinary syscalls are allowed`, () => {
    const f = filter(arch);
    for (const name of ALLOWED) assert.equal(decide(f, name), 'allow', name);
  });

  test(`${arch}: clone may not create namespaces; clone3 answers ENOSYS so libc falls back`, () => {
    const CLONE_NEWUSER = 0x10000000;
    const CLONE_NEWNS = 0x00020000;
    const CLONE_NEWNET = 0x40000000;
    const THREAD = 0x003d0f00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
    const FORK = 0x01200011; // CLONE_CHILD_SETTID|CHILD_CLEARTID|SIGCHLD
    const f = filter(arch);
    assert.equal(decide(f, 'clone', [THREAD]), 'allow');
    assert.equal(decide(f, 'clone', [FORK]), 'allow');
    for (const flag of [CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET, FORK | CLONE_NEWUSER])
      assert.equal(decide(f, 'clone', [flag]), 'EPERM', `clone 0x${flag.toString(16)}`);
    assert.equal(decide(f, 'clone3'), 'ENOSYS');
    const admin = filter(arch, ['CAP_SYS_ADMIN']);
    assert.equal(decide(admin, 'clone', [CLONE_NEWUSER]), 'allow');
    assert.equal(decide(admin, 'clone3'), 'allow');
  });

  test(`${arch}: socket for every family but AF_ALG and AF_VSOCK`, () => {
    const f = filter(arch);
    for (const family of [1, 2, 10, 16, 17, 39, 41, 44])
      assert.equal(decide(f, 'socket', [family]), 'allow', `family ${family}`);
    assert.equal(decide(f, 'socket', [38]), 'EPERM', 'AF_ALG');
    assert.equal(decide(f, 'socket', [40]), 'EPERM', 'AF_VSOCK');
  });

  test(`${arch}: personality only for the harmless personas`, () => {
    const f = filter(arch);
    for (const p of [0, 8, 0x20000, 0x20008, 0xffffffff])
      assert.equal(decide(f, 'personality', [p]), 'allow', `0x${p.toString(16)}`);
    assert.equal(decide(f, 'personality', [0x0040000]), 'EPERM', 'ADDR_NO_RANDOMIZE');
  });

  test(`${arch}: ptrace needs CAP_SYS_PTRACE before Linux 4.8`, () => {
    const old = { major: 4, minor: 4 };
    assert.equal(decide(filter(arch, [], old), 'ptrace'), 'EPERM');
    assert.equal(decide(filter(arch, ['CAP_SYS_PTRACE'], old), 'ptrace'), 'allow');
    assert.equal(decide(filter(arch, [], null as unknown as KernelVersion), 'ptrace'), 'EPERM');
  });

  test(`${arch}: chroot is refused once CAP_SYS_CHROOT is dropped`, () => {
    const f = resolveSeccomp(DEFAULT_SECCOMP_PROFILE, {
      arch,
      kernel: KERNEL_6,
      capabilities: DEFAULT_CAPABILITIES.filter((c) => c !== 'CAP_SYS_CHROOT'),
    });
    assert.equal(decide(f, 'chroot'), 'EPERM');
  });
}

test('architecture-specific syscalls follow the host', () => {
  const x64 = filter('x64');
  const arm64 = filter('arm64');
  assert.equal(decide(x64, 'arch_prctl'), 'allow');
  assert.equal(decide(x64, 'modify_ldt'), 'allow');
  assert.equal(decide(x64, 'set_tls'), 'EPERM');
  assert.equal(decide(arm64, 'arch_prctl'), 'EPERM');
  assert.equal(decide(arm64, 'modify_ldt'), 'EPERM');
  assert.equal(decide(arm64, 'set_tls'), 'allow');
  assert.equal(decide(arm64, 'cacheflush'), 'allow');
});

test('kernel versions parse from uname releases', () => {
  assert.deepEqual(parseKernelVersion('6.1.0-18-amd64'), { major: 6, minor: 1 });
  assert.deepEqual(parseKernelVersion('4.8'), { major: 4, minor: 8 });
  assert.equal(parseKernelVersion('unknown'), null);
});
