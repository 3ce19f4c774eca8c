import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentCompatibility,
  isNewerVersion,
  MIN_AGENT_PROTOCOL,
  PROTOCOL_VERSION,
} from './versions.js';
import { parseRpcRequest } from './messages.js';
import { ProtocolError } from './errors.js';

const web = { webVersion: '0.3.0', protocolVersion: 3, minAgentProtocol: 2 };

test('agentCompatibility: too old needs an upgrade, too new needs a newer web, the range is fine', () => {
  const old = agentCompatibility({ agentVersion: '0.1.0', protocolVersion: 1 }, web);
  assert.equal(old.compatible, false);
  assert.equal(old.needsUpgrade, true);
  assert.match(
    old.reason ?? '',
    /agent 0\.1\.0 speaks protocol 1; this web 0\.3\.0 needs protocol 2/,
  );
  const newer = agentCompatibility({ agentVersion: '0.4.0', protocolVersion: 4 }, web);
  assert.deepEqual([newer.compatible, newer.needsUpgrade], [false, false]);
  assert.match(newer.reason ?? '', /upgrade the web/);
  for (const protocolVersion of [2, 3])
    assert.deepEqual(agentCompatibility({ agentVersion: 'x', protocolVersion }, web), {
      compatible: true,
      needsUpgrade: false,
      reason: null,
    });
  assert.ok(MIN_AGENT_PROTOCOL <= PROTOCOL_VERSION, 'this build drives its own agents');
});

test('isNewerVersion: semver order, false for what is not a version', () => {
  assert.equal(isNewerVersion('0.1.1', '0.1.0'), true);
  assert.equal(isNewerVersion('0.10.0', '0.9.9'), true, 'numeric, not text order');
  assert.equal(isNewerVersion('1.0.0', '1.0.0-rc.1'), true);
  assert.equal(isNewerVersion('0.1.0', '0.1.0'), false);
  assert.equal(isNewerVersion('0.1.0', '0.2.0'), false);
  assert.equal(isNewerVersion('0.2.0', null), false);
  assert.equal(isNewerVersion('latest', '0.1.0'), false);
});

const upgrade = (params: Record<string, unknown>) =>
  parseRpcRequest({
    method: 'agent.upgrade',
    params: {
      version: '0.2.0',
      path: '/downloads/berth-agent-0.2.0-linux-amd64.tar.gz',
      sha256: 'a'.repeat(64),
      ...params,
    },
  });

test('agent.upgrade: a path on the web and a sha256, nothing else', () => {
  assert.equal(upgrade({}).method, 'agent.upgrade');
  assert.equal((upgrade({ deadlineSec: 30 }).params as { deadlineSec: number }).deadlineSec, 30);
  const refused = [
    { path: 'https://evil.example/berth-agent-0.2.0-linux-amd64.tar.gz' },
    { path: '//evil.example/downloads/berth-agent-0.2.0-linux-amd64.tar.gz' },
    { path: '/downloads/../../etc/shadow' },
    { path: '/downloads/berth-agent-0.2.0-linux-amd64.tar.gz?x=1' },
    { path: '/downloads/berth-agent-0.2.0-linux-amd64.tar.gz\n' },
    { sha256: 'A'.repeat(64) },
    { sha256: 'a'.repeat(63) },
    { version: '../0.2.0' },
    { version: '' },
    { deadlineSec: 1 },
    { url: 'https://evil.example/x.tar.gz' },
  ];
  for (const bad of refused)
    assert.throws(
      () => upgrade(bad),
      (e) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT',
      JSON.stringify(bad),
    );
});
