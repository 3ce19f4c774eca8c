import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCreate } from './elevated.js';
import {
  AllowElevatedEntrySchema,
  HostFactsSchema,
  allowElevatedCovers,
  isPathWithin,
  policyMayAllow,
} from './index.js';

const opts = classifyCreate({
  privileged: true,
  capAdd: ['NET_ADMIN', 'SYS_ADMIN'],
  network: 'host',
  volumes: ['/srv/data/x:/x'],
});
const covered = (allow: string[]) =>
  opts.filter((o) => allowElevatedCovers(allow, o)).map((o) => o.token);

test('--allow-elevated entries: a kind, one value of a kind, or all — never a bind', () => {
  assert.deepEqual(covered([]), []);
  assert.deepEqual(covered(['privileged']), ['privileged']);
  assert.deepEqual(covered(['capabilities']), ['capabilities:NET_ADMIN', 'capabilities:SYS_ADMIN']);
  assert.deepEqual(covered(['capabilities:NET_ADMIN']), ['capabilities:NET_ADMIN']);
  assert.deepEqual(covered(['all']), [
    'privileged',
    'capabilities:NET_ADMIN',
    'capabilities:SYS_ADMIN',
    'network-host',
  ]);
  assert.deepEqual(covered(['capabilities:net_admin']), [], 'values match exactly');
});

test('entry syntax', () => {
  for (const ok of [
    'all',
    'privileged',
    'capabilities:SYS_ADMIN',
    'seccomp:unconfined',
    'devices:/dev/fuse',
  ])
    assert.equal(AllowElevatedEntrySchema.safeParse(ok).success, true, ok);
  for (const bad of ['bind', 'bind:/srv', 'root', '', 'unclassified'])
    assert.equal(AllowElevatedEntrySchema.safeParse(bad).success, false, bad);
});

test('binds: lexically within an allowed path (forms only; the agent resolves real paths)', () => {
  const bind = opts.find((o) => o.kind === 'bind')!;
  assert.equal(policyMayAllow({ allowElevated: ['all'], allowBind: [] }, bind), false);
  assert.equal(policyMayAllow({ allowElevated: [], allowBind: ['/srv/data'] }, bind), true);
  assert.equal(policyMayAllow({ allowElevated: [], allowBind: ['/srv/dat'] }, bind), false);
  assert.equal(isPathWithin('/srv/data', '/srv/data'), true);
  assert.equal(isPathWithin('/srv/database', '/srv/data'), false);
  assert.equal(isPathWithin('/anything', '/'), true);
});

test('facts carry the policy; agents that predate it still parse', () => {
  const facts = {
    hostname: 'h',
    kernel: 'k',
    os: 'o',
    arch: 'x64',
    cgroupVersion: 2,
    cpus: 1,
    memoryBytes: 1,
    runtimes: { runc: null, crun: null, conmon: null },
    agentVersion: '1',
  };
  assert.equal(HostFactsSchema.safeParse(facts).success, true);
  const policy = { allowElevated: ['privileged'], allowBind: ['/srv'] };
  assert.deepEqual(HostFactsSchema.parse({ ...facts, policy }).policy, policy);
  assert.equal(
    HostFactsSchema.safeParse({ ...facts, policy: { allowElevated: ['bind'], allowBind: [] } })
      .success,
    false,
  );
});
