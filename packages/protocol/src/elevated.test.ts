import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRequestSchema,
  ExecRequestSchema,
  UpdateContainerRequestSchema,
  type CreateContainerRequest,
} from './containers.js';
import {
  classifyCreate,
  classifyExec,
  classifyUpdate,
  createFieldsThatElevate,
  createFieldsThatNeverElevate,
  isNamespacedSysctl,
  normalizeAbsolutePath,
  updateFieldsThatNeverElevate,
} from './elevated.js';
import { TerminalOpenParamsSchema } from './terminal.js';

type Fields = Omit<CreateContainerRequest, 'image'>;

/** request fields → the tokens the classifier must report (in order). */
const table: [string, Fields, string[]][] = [
  ['nothing asked', {}, []],
  [
    'ordinary workload options',
    {
      env: ['A=1'],
      ports: ['8080:80'],
      memory: 64 << 20,
      user: 'root',
      readOnly: true,
      tmpfs: ['/run'],
      capDrop: ['ALL'],
      init: true,
      labels: { a: 'b' },
      pid: 'private',
      ipc: 'private',
      uts: 'private',
      cgroupns: 'private',
      network: 'bridge',
      privileged: false,
    },
    [],
  ],
  ['privileged', { privileged: true }, ['privileged']],
  ['capAdd SYS_ADMIN', { capAdd: ['SYS_ADMIN'] }, ['capabilities:SYS_ADMIN']],
  ['capAdd spelled CAP_ and lower case', { capAdd: ['cap_net_admin'] }, ['capabilities:NET_ADMIN']],
  ['capAdd ALL', { capAdd: ['all'] }, ['capabilities:ALL']],
  ['capAdd within the default set', { capAdd: ['CHOWN', 'NET_RAW', 'KILL'] }, []],
  ['capDrop ALL then capAdd a default one', { capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'] }, []],
  ['network host', { network: 'host' }, ['network-host']],
  ['network none', { network: 'none' }, []],
  ['pid host', { pid: 'host' }, ['pid-host']],
  ['ipc host', { ipc: 'host' }, ['ipc-host']],
  ['uts host', { uts: 'host' }, ['uts-host']],
  ['cgroupns host', { cgroupns: 'host' }, ['cgroupns-host']],
  ['a device', { devices: ['/dev/fuse'] }, ['devices:/dev/fuse']],
  ['a device renamed with perms', { devices: ['/dev/sda:/dev/xvda:r'] }, ['devices:/dev/sda']],
  ['bind of /', { volumes: ['/:/host'] }, ['bind:/']],
  ['bind of /etc read-only', { volumes: ['/etc:/x:ro'] }, ['bind:/etc']],
  ['bind with dots and slashes', { volumes: ['/srv/./a/../b//:/x'] }, ['bind:/srv/b']],
  ['named volume', { volumes: ['data:/data'] }, []],
  ['named volume and a bind', { volumes: ['data:/data', '/srv:/srv'] }, ['bind:/srv']],
  [
    'namespaced sysctls',
    { sysctls: { 'net.ipv4.ip_forward': '1', 'kernel.shmmax': '1', 'fs.mqueue.msg_max': '10' } },
    [],
  ],
  ['host sysctl', { sysctls: { 'kernel.core_pattern': '|/x' } }, ['sysctls:kernel.core_pattern']],
  ['vm sysctl', { sysctls: { 'vm.overcommit_memory': '1' } }, ['sysctls:vm.overcommit_memory']],
  [
    'net sysctl with host network',
    { network: 'host', sysctls: { 'net.ipv4.ip_forward': '1' } },
    ['network-host', 'sysctls:net.ipv4.ip_forward'],
  ],
  [
    'ipc sysctl with host ipc',
    { ipc: 'host', sysctls: { 'kernel.shmmax': '1' } },
    ['ipc-host', 'sysctls:kernel.shmmax'],
  ],
  ['seccomp unconfined', { securityOpt: ['seccomp=unconfined'] }, ['seccomp:unconfined']],
  [
    'seccomp profile (its JSON, several lines)',
    { securityOpt: ['seccomp={\n  "defaultAction": "SCMP_ACT_ALLOW"\n}'] },
    ['seccomp:custom'],
  ],
  ['seccomp, docker colon form', { securityOpt: ['seccomp:unconfined'] }, ['seccomp:unconfined']],
  ['apparmor unconfined', { securityOpt: ['apparmor=unconfined'] }, ['apparmor:unconfined']],
  ['apparmor profile', { securityOpt: ['apparmor=mine'] }, ['apparmor:mine']],
  ['systempaths', { securityOpt: ['systempaths=unconfined'] }, ['systempaths:unconfined']],
  ['no-new-privileges', { securityOpt: ['no-new-privileges'] }, []],
  ['no-new-privileges=false', { securityOpt: ['no-new-privileges=false'] }, []],
  [
    'several at once, each once',
    {
      privileged: true,
      capAdd: ['SYS_ADMIN', 'CAP_SYS_ADMIN'],
      network: 'host',
      volumes: ['/:/host', '/:/again'],
    },
    ['privileged', 'capabilities:SYS_ADMIN', 'network-host', 'bind:/'],
  ],
];

for (const [name, fields, tokens] of table) {
  test(`classifyCreate: ${name}`, () => {
    const req = CreateContainerRequestSchema.parse({ image: 'busybox', ...fields });
    assert.deepEqual(
      classifyCreate(req).map((o) => o.token),
      tokens,
    );
  });
}

test('labels name the option in people’s words', () => {
  const labels = classifyCreate({
    privileged: true,
    volumes: ['/:/host'],
    capAdd: ['sys_admin'],
    devices: ['/dev/fuse'],
    pid: 'host',
    securityOpt: ['seccomp=unconfined'],
  }).map((o) => o.label);
  assert.deepEqual(labels, [
    'privileged',
    'capability SYS_ADMIN',
    'host PID namespace',
    'device /dev/fuse',
    'bind mount /:/host',
    'seccomp unconfined',
  ]);
});

test('every create field is sorted: elevating or not (a new field must be classified)', () => {
  const sorted = [...createFieldsThatElevate, ...createFieldsThatNeverElevate].sort();
  assert.deepEqual(sorted, Object.keys(CreateContainerRequestSchema.shape).sort());
  assert.equal(new Set(sorted).size, sorted.length, 'no field in both lists');
});

test('updates: every field is sorted; none elevates; an unsorted one counts as elevated', () => {
  assert.deepEqual(
    [...updateFieldsThatNeverElevate].sort(),
    Object.keys(UpdateContainerRequestSchema.shape).sort(),
  );
  assert.deepEqual(classifyUpdate({ memory: 1 << 30, cpus: 2, restart: 'always' }), []);
  const future = { devices: ['/dev/fuse'] } as never;
  assert.deepEqual(
    classifyUpdate(future).map((o) => o.token),
    ['unclassified:devices'],
  );
});

test('exec: privileged is elevated; the web’s terminal.open cannot even ask for it', () => {
  assert.deepEqual(
    classifyExec(ExecRequestSchema.parse({ cmd: ['sh'], privileged: true })).map((o) => o.token),
    ['privileged'],
  );
  assert.deepEqual(classifyExec(ExecRequestSchema.parse({ cmd: ['sh'], user: 'root' })), []);
  const open = { sessionId: 's', containerId: 'c', cols: 80, rows: 24 };
  assert.equal(TerminalOpenParamsSchema.safeParse(open).success, true);
  assert.equal(TerminalOpenParamsSchema.safeParse({ ...open, privileged: true }).success, false);
});

test('the schema refuses sysctl names that could climb out of /proc/sys and unknown security options', () => {
  const bad: Fields[] = [
    { sysctls: { 'net/ipv4/../../kernel/core_pattern': 'x' } },
    { sysctls: { 'net.ipv4..x': '1' } },
    { sysctls: { kernel: '1' } },
    { sysctls: { 'net.ipv4.ip_forward': '1\nkernel.x=1' } },
    { securityOpt: ['seccomp'] },
    { securityOpt: ['privileged=true'] },
    { securityOpt: ['label=disable'] }, // SELinux labels: refused by the schema, not classified
    { devices: ['dev/fuse'] },
    { pid: 'container:abc' as never },
    { cgroupns: 'other' as never },
  ];
  for (const fields of bad) {
    assert.equal(
      CreateContainerRequestSchema.safeParse({ image: 'b', ...fields }).success,
      false,
      JSON.stringify(fields),
    );
  }
});

test('isNamespacedSysctl: Docker’s safe set', () => {
  const own = { sharesNet: false, sharesIpc: false };
  for (const k of [
    'kernel.shmall',
    'kernel.shmmax',
    'kernel.shmmni',
    'kernel.shm_rmid_forced',
    'kernel.msgmax',
    'kernel.msgmnb',
    'kernel.msgmni',
    'kernel.sem',
    'fs.mqueue.queues_max',
    'net.core.somaxconn',
  ])
    assert.equal(isNamespacedSysctl(k, own), true, k);
  for (const k of [
    'kernel.hostname',
    'kernel.semx',
    'kernel.modprobe',
    'fs.file-max',
    'vm.swappiness',
  ])
    assert.equal(isNamespacedSysctl(k, own), false, k);
});

test('normalizeAbsolutePath', () => {
  assert.equal(normalizeAbsolutePath('/'), '/');
  assert.equal(normalizeAbsolutePath('//etc//'), '/etc');
  assert.equal(normalizeAbsolutePath('/a/../../..'), '/');
  assert.equal(normalizeAbsolutePath('/a/./b/../c'), '/a/c');
});
