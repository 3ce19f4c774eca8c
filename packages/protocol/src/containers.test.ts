import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRequestSchema,
  EngineEventSchema,
  UpdateContainerRequestSchema,
  parseByteSize,
} from './containers.js';
import { describeConfinement } from './schemas.js';

test('parseByteSize reads docker-style sizes', () => {
  assert.equal(parseByteSize('64m'), 64 * 1024 * 1024);
  assert.equal(parseByteSize('1g'), 1024 ** 3);
  assert.equal(parseByteSize('512K'), 512 * 1024);
  assert.equal(parseByteSize('100'), 100);
  assert.equal(parseByteSize('1.5m'), 1.5 * 1024 * 1024);
  assert.equal(parseByteSize('64mb'), 64 * 1024 * 1024);
  assert.equal(parseByteSize('lots'), null);
  assert.equal(parseByteSize('-1m'), null);
  assert.equal(parseByteSize(''), null);
});

test('CreateContainerRequest fills defaults and rejects unknown keys', () => {
  const r = CreateContainerRequestSchema.parse({ image: 'busybox' });
  assert.deepEqual(r.env, []);
  assert.deepEqual(r.ports, []);
  assert.equal(CreateContainerRequestSchema.safeParse({ image: 'b', bogus: 1 }).success, false);
  assert.equal(CreateContainerRequestSchema.safeParse({ image: 'b', name: '-x' }).success, false);
  assert.equal(
    CreateContainerRequestSchema.safeParse({ image: 'b', env: ['NOEQ'] }).success,
    false,
  );
  assert.equal(UpdateContainerRequestSchema.safeParse({ memory: 0 }).success, false);
});

test('events are told apart by kind', () => {
  const at = new Date(0).toISOString();
  const c = EngineEventSchema.parse({
    kind: 'container',
    type: 'die',
    id: 'a',
    name: 'n',
    image: 'i',
    at,
    exitCode: 1,
  });
  assert.equal(c.kind, 'container');
  assert.equal(
    EngineEventSchema.safeParse({ kind: 'image', type: 'die', id: 'x', at }).success,
    false,
  );
});

test('create: securityOpt and cgroupns; SELinux labels refused by the schema', () => {
  const ok = CreateContainerRequestSchema.safeParse({
    image: 'busybox',
    securityOpt: ['seccomp=unconfined', 'no-new-privileges', 'apparmor=unconfined'],
    cgroupns: 'host',
  });
  assert.ok(ok.success);
  const label = CreateContainerRequestSchema.safeParse({
    image: 'busybox',
    securityOpt: ['label=type:svirt_t'],
  });
  assert.ok(!label.success && /SELinux labels/.test(label.error.message));
  assert.ok(!CreateContainerRequestSchema.safeParse({ image: 'b', cgroupns: 'other' }).success);
});

test('confinement is described in one line', () => {
  assert.equal(
    describeConfinement({
      seccomp: true,
      apparmor: null,
      cgroupns: 'private',
      noNewPrivileges: false,
      recursiveReadOnly: true,
    }),
    'seccomp (default profile), no AppArmor, private cgroup namespace, no-new-privileges off, read-only binds recursive (rro)',
  );
  assert.match(describeConfinement(undefined), /unknown/);
});
