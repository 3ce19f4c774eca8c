import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpecWithConfinement, type BuildSpecInput } from './builder.js';
import { parseSpecOptions, type SpecOptionsInput } from './options.js';
import type { HostConfinement } from './confinement.js';
import { isRuntimeError } from '../errors.js';

const HOST: HostConfinement = {
  arch: 'x64',
  kernel: { major: 6, minor: 1 },
  seccomp: true,
  apparmor: null,
  recursiveReadOnly: false,
};

function build(
  opts: SpecOptionsInput,
  host: Partial<HostConfinement> = {},
  over: Partial<BuildSpecInput> = {},
) {
  return buildSpecWithConfinement({
    id: 'abcdef0123456789',
    image: { cmd: ['sh'] },
    options: parseSpecOptions(opts),
    rootfsPath: '/tmp/rootfs',
    etcPasswd: '',
    etcGroup: '',
    hostRlimits: {},
    hostCpus: 2,
    network: { mode: 'none' },
    mounts: [],
    confinement: { ...HOST, ...host },
    ...over,
  });
}

const hasCgroupNs = (b: ReturnType<typeof build>) =>
  b.spec.linux.namespaces.some((n) => n.type === 'cgroup');
const rulesFor = (b: ReturnType<typeof build>, name: string) =>
  (b.spec.linux.seccomp?.syscalls ?? []).filter((r) => r.names.includes(name));

test('default: the default seccomp profile, a private cgroup namespace, no-new-privileges off', () => {
  const b = build({});
  assert.equal(b.spec.linux.seccomp?.defaultAction, 'SCMP_ACT_ERRNO');
  assert.equal(b.spec.linux.seccomp?.defaultErrnoRet, 1);
  assert.deepEqual(rulesFor(b, 'mount'), [], 'mount not allowed without CAP_SYS_ADMIN');
  assert.ok(hasCgroupNs(b));
  assert.equal(b.spec.process.noNewPrivileges, false);
  assert.equal(b.spec.process.apparmorProfile, undefined, 'AppArmor is off on this host');
  assert.deepEqual(b.confinement, {
    seccomp: 'default',
    apparmor: null,
    cgroupns: 'private',
    noNewPrivileges: false,
    readOnlyBinds: 'ro',
  });
});

test('the profile follows the capabilities: --cap-add SYS_ADMIN allows mount', () => {
  const b = build({ capAdd: ['SYS_ADMIN'] });
  assert.equal(rulesFor(b, 'mount').length, 1);
  assert.equal(rulesFor(b, 'mount')[0]?.action, 'SCMP_ACT_ALLOW');
});

test('privileged drops seccomp and AppArmor; unconfined drops seccomp only', () => {
  const p = build({ privileged: true }, { apparmor: 'berth-default' });
  assert.equal(p.spec.linux.seccomp, undefined);
  assert.equal(p.spec.process.apparmorProfile, undefined);
  assert.equal(p.confinement.seccomp, 'unconfined');
  const u = build({ securityOpt: ['seccomp=unconfined'] }, { apparmor: 'berth-default' });
  assert.equal(u.spec.linux.seccomp, undefined);
  assert.equal(u.spec.process.apparmorProfile, 'berth-default');
  assert.equal(u.confinement.apparmor, 'berth-default');
});

test('a custom profile replaces the default; its conditions use the container capabilities', () => {
  const profile = JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    syscalls: [
      { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 },
      { names: ['chown'], action: 'SCMP_ACT_ERRNO', excludes: { caps: ['CAP_CHOWN'] } },
    ],
  });
  const b = build({ securityOpt: [`seccomp=${profile}`] });
  assert.equal(b.confinement.seccomp, 'custom');
  assert.deepEqual(b.spec.linux.seccomp, {
    defaultAction: 'SCMP_ACT_ALLOW',
    syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
  });
  const dropped = build({ securityOpt: [`seccomp=${profile}`], capDrop: ['CHOWN'] });
  assert.equal(dropped.spec.linux.seccomp?.syscalls?.length, 2);
});

test('no-new-privileges, cgroupns host, AppArmor by name', () => {
  assert.equal(build({ securityOpt: ['no-new-privileges'] }).spec.process.noNewPrivileges, true);
  assert.equal(
    build({ securityOpt: ['no-new-privileges:true', 'no-new-privileges=false'] }).spec.process
      .noNewPrivileges,
    false,
  );
  const host = build({ cgroupns: 'host' });
  assert.equal(hasCgroupNs(host), false);
  assert.equal(host.confinement.cgroupns, 'host');
  const named = build({ securityOpt: ['apparmor=my-profile'] }, { apparmor: 'berth-default' });
  assert.equal(named.spec.process.apparmorProfile, 'my-profile');
  assert.throws(
    () => build({ securityOpt: ['apparmor=my-profile'] }),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION') && /AppArmor is off/.test(e.message),
  );
});

test('a host without seccomp: default runs unfiltered (recorded), a custom profile is refused', () => {
  const b = build({}, { seccomp: false });
  assert.equal(b.spec.linux.seccomp, undefined);
  assert.equal(b.confinement.seccomp, 'unavailable');
  assert.throws(
    () =>
      build({ securityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] }, { seccomp: false }),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
});

test('read-only binds become rro where the host supports it, others are untouched', () => {
  const mounts = [
    { destination: '/ro', type: 'bind', source: '/a', options: ['rbind', 'ro', 'rprivate'] },
    { destination: '/rw', type: 'bind', source: '/b', options: ['rbind', 'rw', 'rprivate'] },
  ];
  const withRro = build({}, { recursiveReadOnly: true }, { mounts });
  const find = (b: ReturnType<typeof build>, d: string) =>
    b.spec.mounts.find((m) => m.destination === d)?.options;
  assert.deepEqual(find(withRro, '/ro'), ['rbind', 'rro', 'rprivate']);
  assert.deepEqual(find(withRro, '/rw'), ['rbind', 'rw', 'rprivate']);
  assert.ok(find(withRro, '/sys')?.includes('ro'), 'kernel filesystems keep plain ro');
  assert.equal(withRro.confinement.readOnlyBinds, 'rro');
  const without = build({}, {}, { mounts });
  assert.deepEqual(find(without, '/ro'), ['rbind', 'ro', 'rprivate']);
  assert.equal(without.confinement.readOnlyBinds, 'ro');
});

test('bad security options are INVALID_ARGUMENT at validation, naming the problem', () => {
  const refused = (opt: string, why: RegExp) =>
    assert.throws(
      () => parseSpecOptions({ securityOpt: [opt] }),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && why.test(e.message),
      opt,
    );
  refused('label=type:svirt_t', /SELinux labels are not supported/);
  refused('systempaths=unconfined', /unsupported security-opt "systempaths"/);
  refused('seccomp=', /want seccomp=/);
  refused('seccomp=/etc/profile.json', /unconfined" or a profile's JSON/);
  refused('seccomp={not json', /not JSON/);
  refused('seccomp={"defaultAction":"SCMP_ACT_NOTIFY"}', /defaultAction/);
  refused(
    'seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_ALLOW"}]}',
    /"names" or "name"/,
  );
  refused('no-new-privileges=maybe', /true or false/);
  refused('apparmor=bad name', /invalid AppArmor profile name/);
  refused(
    `seccomp={"defaultAction":"SCMP_ACT_ALLOW","comment":"${'x'.repeat(1024 * 1024)}"}`,
    /larger than/,
  );
});
