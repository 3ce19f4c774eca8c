import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutFromEntry, parseReleaseName } from './layout.js';
import { startUpgrade, unitFromCgroup, type UpgradeDeps } from './start-upgrade.js';
import { expectedRelease } from './unpack.js';
import { underWay, type PendingUpgrade } from './state.js';

test('layoutFromEntry: only an entry inside <prefix>/releases/<release>/lib', () => {
  assert.deepEqual(
    layoutFromEntry('/opt/berth/releases/berth-agent-0.2.0-linux-amd64/lib/berth-agent.mjs'),
    { prefix: '/opt/berth', release: 'berth-agent-0.2.0-linux-amd64' },
  );
  for (const dev of [
    '/work/berth/apps/agent/dist/bin/berth-agent.js',
    '/opt/berth/releases/something-else/lib/berth-agent.mjs',
    '/opt/berth/other/berth-agent-0.2.0-linux-amd64/lib/berth-agent.mjs',
    '/opt/berth/releases/berth-agent-0.2.0-linux-amd64/bin/berth-agent',
  ])
    assert.equal(layoutFromEntry(dev), null, dev);
  assert.deepEqual(parseReleaseName('berth-agent-1.0.0-rc.1-linux-arm64'), {
    version: '1.0.0-rc.1',
    arch: 'arm64',
  });
  assert.equal(parseReleaseName('berth-agent--linux-amd64'), null);
  assert.equal(expectedRelease('0.3.0', 'amd64'), 'berth-agent-0.3.0-linux-amd64');
});

test('unitFromCgroup: the systemd unit the agent runs in (v2 and v1 lines)', () => {
  assert.equal(unitFromCgroup('0::/system.slice/berth-agent.service\n'), 'berth-agent.service');
  assert.equal(
    unitFromCgroup('12:pids:/system.slice/x.service\n1:name=systemd:/system.slice/b2.service\n'),
    'b2.service',
  );
  assert.equal(unitFromCgroup('0::/user.slice/user-0.slice/session-3.scope\n'), null);
  assert.equal(unitFromCgroup(''), null);
});

test('underWay: a pending upgrade without a decision, until its deadline and a grace minute', () => {
  const p: PendingUpgrade = {
    id: '0123456789abcdef',
    fromRelease: 'berth-agent-0.1.0-linux-amd64',
    toRelease: 'berth-agent-0.2.0-linux-amd64',
    fromVersion: '0.1.0',
    toVersion: '0.2.0',
    deadline: '2026-01-01T00:02:00.000Z',
    mode: 'background',
    startedAt: '2026-01-01T00:00:00.000Z',
  };
  const at = (iso: string) => new Date(iso);
  assert.equal(underWay(p, null, at('2026-01-01T00:01:00.000Z')), true);
  assert.equal(underWay(p, null, at('2026-01-01T00:02:30.000Z')), true);
  assert.equal(
    underWay(p, null, at('2026-01-01T00:03:01.000Z')),
    false,
    'stale: the guard is gone',
  );
  assert.equal(underWay(p, { outcome: 'confirmed' }, at('2026-01-01T00:01:00.000Z')), false);
  assert.equal(underWay(null, null, at('2026-01-01T00:01:00.000Z')), false);
});

test('startUpgrade: refused before anything when the owner said --no-remote-upgrade, or not installed', async () => {
  const deps = {
    layout: { prefix: '/nonexistent/prefix', release: 'berth-agent-0.1.0-linux-amd64' },
    agentVersion: '0.1.0',
    server: { origin: 'http://127.0.0.1:1', secure: false, loopback: true },
    credential: {
      server: 'http://127.0.0.1:1',
      hostId: 'h',
      credential: 'c'.repeat(43),
      fingerprint: null,
      enrolledAt: '2026-01-01T00:00:00.000Z',
    },
    log: { debug() {}, info() {}, warn() {}, error() {} } as unknown as UpgradeDeps['log'],
    systemdUnit: null,
    args: [],
    remoteUpgrade: false,
  } satisfies UpgradeDeps;
  const req = {
    version: '0.2.0',
    path: '/downloads/berth-agent-0.2.0-linux-amd64.tar.gz',
    sha256: 'a'.repeat(64),
  };
  await assert.rejects(
    startUpgrade(deps, req),
    (e: Error & { code?: string }) =>
      e.code === 'PERMISSION_DENIED' && /refuses agent upgrades from the web/.test(e.message),
  );
  await assert.rejects(
    startUpgrade({ ...deps, remoteUpgrade: true, layout: null }, req),
    (e: Error & { code?: string }) =>
      e.code === 'FAILED_PRECONDITION' && /install\.sh/.test(e.message),
  );
  await assert.rejects(
    startUpgrade({ ...deps, remoteUpgrade: true, agentVersion: '0.2.0' }, req),
    /already runs 0\.2\.0/,
  );
});
