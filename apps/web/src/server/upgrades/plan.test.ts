import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planUpgrade } from './plan.js';
import type { HostDto } from '../../lib/dto/host.js';

const bundle = {
  version: '0.2.0',
  arch: 'amd64',
  file: 'berth-agent-0.2.0-linux-amd64.tar.gz',
  sha256: 'a'.repeat(64),
};
const host: HostDto = {
  id: 'h1',
  name: 'box',
  status: 'online',
  createdAt: '2026-01-01T00:00:00.000Z',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: null,
  revokedAt: null,
  facts: {
    hostname: 'box',
    kernel: null,
    os: null,
    arch: 'x64',
    cgroupVersion: 1,
    cpus: 2,
    memoryBytes: null,
    runcVersion: null,
    crunVersion: null,
    conmonVersion: null,
    agentVersion: '0.1.0',
    protocolVersion: 1,
    confinement: null,
  },
  policy: { allowElevated: [], allowBind: [], remoteUpgrade: true },
  compatibility: { compatible: true, needsUpgrade: false, reason: null },
  upgrade: null,
};
const now = new Date('2026-01-01T01:00:00.000Z');
const plan = (h: Partial<HostDto>, o: { connected?: boolean; deadlineSec?: number } = {}) =>
  planUpgrade({ ...host, ...h }, bundle, { connected: true, now, ...o });

test('planUpgrade: the served bundle by path and sha256, and the deadline when set', () => {
  assert.deepEqual(plan({}, { deadlineSec: 30 }), {
    ok: true,
    fromVersion: '0.1.0',
    request: {
      version: '0.2.0',
      path: '/downloads/berth-agent-0.2.0-linux-amd64.tar.gz',
      sha256: 'a'.repeat(64),
      deadlineSec: 30,
    },
  });
});

test('planUpgrade: why it cannot be done', () => {
  const refusal = (p: ReturnType<typeof plan>) => (p.ok ? 'ok' : `${p.code}: ${p.reason}`);
  assert.equal(
    refusal(planUpgrade(host, null, { connected: true, now })),
    'FAILED_PRECONDITION: this web serves no agent bundle (npm run build)',
  );
  assert.equal(refusal(plan({ status: 'revoked' })), 'FAILED_PRECONDITION: box is revoked');
  assert.equal(refusal(plan({ enrolledAt: null })), 'FAILED_PRECONDITION: box has no agent yet');
  assert.equal(refusal(plan({}, { connected: false })), 'UNAVAILABLE: box is offline');
  assert.match(
    refusal(plan({ policy: { allowElevated: [], allowBind: [], remoteUpgrade: false } })),
    /^PERMISSION_DENIED: box's owner refuses agent upgrades from the web/,
  );
  assert.equal(
    refusal(plan({ facts: { ...host.facts, arch: 'arm64' } })),
    "FAILED_PRECONDITION: box is arm64; this web's bundle is for amd64",
  );
  assert.equal(
    refusal(plan({ facts: { ...host.facts, agentVersion: '0.2.0' } })),
    'FAILED_PRECONDITION: box already runs 0.2.0',
  );
  const under = {
    state: 'upgrading' as const,
    fromVersion: '0.1.0',
    toVersion: '0.2.0',
    reason: null,
    requestedBy: 'admin',
  };
  assert.equal(
    refusal(plan({ upgrade: { ...under, at: '2026-01-01T00:59:00.000Z' } })),
    'FAILED_PRECONDITION: box is being upgraded to 0.2.0',
  );
  assert.equal(
    refusal(plan({ upgrade: { ...under, at: '2026-01-01T00:30:00.000Z' } })),
    'ok',
    'an upgrade that never reported back does not block forever',
  );
  assert.equal(
    refusal(
      plan({ compatibility: { compatible: false, needsUpgrade: true, reason: 'protocol 0' } }),
    ),
    'ok',
    'a host that needs an upgrade can get one',
  );
});
