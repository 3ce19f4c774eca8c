import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgo, formatBytes, toHostViewModel } from './host-view-model.js';
import { mergeHostIntoList } from './queries/merge-host.js';
import type { HostDto } from '../../lib/dto/host.js';

const host: HostDto = {
  id: 'h1',
  name: 'b-host',
  status: 'online',
  createdAt: '2026-01-01T00:00:00.000Z',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-01T00:00:30.000Z',
  revokedAt: null,
  facts: {
    hostname: 'box',
    kernel: '6.1.0',
    os: 'Debian 12',
    arch: 'x64',
    cgroupVersion: 2,
    cpus: 4,
    memoryBytes: 8 * 1024 ** 3,
    runcVersion: '1.1.5',
    crunVersion: null,
    conmonVersion: '2.1.6',
    agentVersion: '0.1.0',
    protocolVersion: 1,
    confinement: {
      seccomp: true,
      apparmor: 'berth-default',
      cgroupns: 'private',
      noNewPrivileges: false,
      recursiveReadOnly: true,
    },
  },
  policy: { allowElevated: [], allowBind: [] },
  compatibility: { compatible: true, needsUpgrade: false, reason: null },
  upgrade: null,
};

test('toHostViewModel formats facts for display and marks unknowns with a dash', () => {
  const vm = toHostViewModel(host, new Date('2026-01-01T00:01:00.000Z'));
  assert.equal(vm.cgroup, 'cgroup v2');
  assert.equal(vm.memory, '8.0 GiB');
  assert.equal(vm.crun, '—');
  assert.equal(vm.lastSeen, '30 s ago');
  assert.equal(vm.statusTone, 'green');
  assert.match(
    vm.confinement,
    /^seccomp \(default profile\), AppArmor berth-default, private cgroup/,
  );
  const pending = toHostViewModel(
    {
      ...host,
      status: 'pending',
      enrolledAt: null,
      lastSeenAt: null,
      facts: { ...host.facts, cgroupVersion: null, confinement: null },
    },
    new Date(),
  );
  assert.equal(pending.cgroup, '—');
  assert.equal(pending.confinement, '—');
  assert.equal(pending.lastSeen, 'never');
  assert.equal(pending.enrolled, false);
});

test('the host policy in words: none by default, the owner’s entries as given, null if unreported', () => {
  const now = new Date();
  assert.deepEqual(toHostViewModel(host, now).policy, {
    elevated: 'none',
    binds: 'none',
    upgrades: 'accepted',
  });
  const open = {
    allowElevated: ['privileged', 'capabilities:NET_ADMIN'],
    allowBind: ['/srv'],
    remoteUpgrade: false,
  };
  assert.deepEqual(toHostViewModel({ ...host, policy: open }, now).policy, {
    elevated: 'privileged, capabilities:NET_ADMIN',
    binds: '/srv',
    upgrades: 'refused',
  });
  assert.equal(
    toHostViewModel({ ...host, policy: open }, now, { version: '9.0.0', arch: 'amd64' }).upgradeTo,
    null,
    'no upgrade offered where the owner refuses them',
  );
  assert.equal(toHostViewModel({ ...host, policy: null }, now).policy, null);
});

test('formatBytes and formatAgo', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(null), '—');
  const now = new Date('2026-01-02T00:00:00Z');
  assert.equal(formatAgo('2026-01-01T23:59:55Z', now), 'just now');
  assert.equal(formatAgo('2026-01-01T22:00:00Z', now), '2 h ago');
  assert.equal(formatAgo('2025-12-30T00:00:00Z', now), '3 d ago');
});

test('mergeHostIntoList replaces by id and keeps name order', () => {
  const a = { ...host, id: 'a', name: 'a' };
  const c = { ...host, id: 'c', name: 'c' };
  const merged = mergeHostIntoList([a, c], { ...host, id: 'b', name: 'b' });
  assert.deepEqual(
    merged.map((h) => h.id),
    ['a', 'b', 'c'],
  );
  const replaced = mergeHostIntoList(merged, { ...a, status: 'revoked' });
  assert.equal(replaced.length, 3);
  assert.equal(replaced[0]!.status, 'revoked');
});

test('agent version: needs upgrade, update available, what an admin may upgrade to, the last upgrade', () => {
  const now = new Date('2026-01-01T00:01:00.000Z');
  const served = { version: '0.2.0', arch: 'amd64' };
  const current = toHostViewModel(
    { ...host, facts: { ...host.facts, agentVersion: '0.2.0' } },
    now,
    served,
  );
  assert.deepEqual([current.agentNote, current.upgradeTo], [null, null]);
  const older = toHostViewModel(host, now, served);
  assert.equal(older.agentNote?.text, 'update available');
  assert.equal(older.upgradeTo, '0.2.0');
  const old = toHostViewModel(
    {
      ...host,
      compatibility: {
        compatible: false,
        needsUpgrade: true,
        reason: 'agent 0.1.0 speaks protocol 0',
      },
    },
    now,
    served,
  );
  assert.deepEqual(
    [old.agentNote?.text, old.agentNote?.tone, old.agentNote?.title],
    ['needs upgrade', 'red', 'agent 0.1.0 speaks protocol 0'],
  );
  assert.equal(old.upgradeTo, '0.2.0');
  const arm = toHostViewModel({ ...host, facts: { ...host.facts, arch: 'arm64' } }, now, served);
  assert.equal(arm.upgradeTo, null, 'no bundle for its architecture');
  assert.equal(toHostViewModel({ ...host, status: 'revoked' }, now, served).upgradeTo, null);
  assert.equal(toHostViewModel(host, now, null).upgradeTo, null, 'no bundle served');
  const failed = toHostViewModel(
    {
      ...host,
      upgrade: {
        state: 'failed',
        fromVersion: '0.1.0',
        toVersion: '0.2.0',
        reason: 'rolled back: did not connect',
        requestedBy: 'admin',
        at: '2026-01-01T00:00:00.000Z',
      },
    },
    now,
    served,
  );
  assert.deepEqual(failed.upgrade, {
    text: 'upgrade to 0.2.0 failed: rolled back: did not connect',
    tone: 'red',
  });
});
