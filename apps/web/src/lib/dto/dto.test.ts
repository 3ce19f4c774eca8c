import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHostDto } from './host.js';
import { toUserDto } from './user.js';
import { toAuditEventDto } from './audit.js';

const hostRow = {
  id: 'h1',
  name: 'web-1',
  status: 'online',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  enrolledAt: null,
  lastSeenAt: new Date('2026-01-02T00:00:00Z'),
  revokedAt: null,
  hostname: 'box',
  kernel: '6.1',
  os: 'Debian',
  arch: 'x64',
  cgroupVersion: 1,
  cpus: 2,
  memoryBytes: 2n ** 33n,
  runcVersion: '1.1.5',
  crunVersion: null,
  conmonVersion: '2.1.6',
  agentVersion: '0.1.0',
  confinement: JSON.stringify({
    seccomp: true,
    apparmor: null,
    cgroupns: 'private',
    noNewPrivileges: false,
    recursiveReadOnly: false,
  }),
};

test('toHostDto: dates become ISO strings, BigInt memory a number, unknown status offline', () => {
  const dto = toHostDto(hostRow);
  assert.equal(dto.lastSeenAt, '2026-01-02T00:00:00.000Z');
  assert.equal(dto.facts.memoryBytes, 8589934592);
  assert.equal(dto.enrolledAt, null);
  assert.equal(toHostDto({ ...hostRow, status: 'weird' }).status, 'offline');
  assert.equal(JSON.parse(JSON.stringify(dto)).facts.cgroupVersion, 1);
  assert.equal(dto.facts.confinement?.seccomp, true);
  assert.equal(toHostDto({ ...hostRow, confinement: null }).facts.confinement, null);
  assert.equal(toHostDto({ ...hostRow, confinement: '{"seccomp":"yes"}' }).facts.confinement, null);
  assert.equal(toHostDto({ ...hostRow, confinement: 'not json' }).facts.confinement, null);
});

test('toUserDto never carries the password hash; unknown roles fall to viewer', () => {
  const row = {
    id: 'u',
    username: 'a',
    role: 'root',
    disabled: false,
    mustChangePassword: false,
    createdAt: new Date(0),
    lastLoginAt: null,
    passwordHash: 'secret',
  };
  const dto = toUserDto(row);
  assert.equal(dto.role, 'viewer');
  assert.equal('passwordHash' in dto, false);
});

test('toAuditEventDto maps outcome and date', () => {
  const dto = toAuditEventDto({
    id: 'a',
    at: new Date(0),
    actorId: null,
    actorName: 'system',
    action: 'user.login',
    target: null,
    outcome: 'denied',
    detail: null,
    ip: '127.0.0.1',
  });
  assert.equal(dto.at, '1970-01-01T00:00:00.000Z');
  assert.equal(dto.outcome, 'denied');
});
