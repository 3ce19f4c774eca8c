import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { AgentCredentialFileSchema, parseAgentEvent, SystemInfoSchema } from '@berth/protocol';
import type { HostFacts } from '@berth/protocol';
import { berth, buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { Roots } from './helpers/agent-process.js';
import { FakeWeb } from './helpers/fake-web.js';

let roots: Roots;
let web: FakeWeb;
let server: string;
before(async () => {
  buildAgent();
  roots = await tempRoots();
  web = new FakeWeb();
  server = `http://127.0.0.1:${await web.listen()}`;
});
after(async () => {
  await web.close();
  await roots.cleanup();
});

const credFile = () => join(roots.dataRoot, 'agent', 'credential.json');

async function info() {
  const r = await berth(roots.socket, ['info', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return SystemInfoSchema.parse(JSON.parse(r.stdout));
}

async function waitForLinkState(state: string) {
  for (;;) {
    const i = await info();
    if (i.link?.state === state) return i;
    await delay(50);
  }
}

test('enrolls, says hello with facts, heartbeats, answers RPCs, survives malformed ones, stops on revocation', async () => {
  const connected = web.nextConnection();
  const agent = startAgent(roots, [
    '--server',
    server,
    '--join-token',
    web.issueToken(),
    '--name',
    'node-a',
  ]);
  try {
    const socket = await connected;
    const hello = await new Promise<HostFacts>((resolve) =>
      socket.once('agent.hello', (p: unknown) => {
        const ev = parseAgentEvent('agent.hello', p);
        if (ev.name === 'agent.hello') resolve(ev.payload.facts);
      }),
    );
    assert.equal(hello.hostname, 'node-a');
    assert.deepEqual(
      web.enrollments.map((e) => e.facts.hostname),
      ['node-a'],
    );

    const st = await stat(credFile());
    assert.equal(st.mode & 0o777, 0o600);
    assert.equal((await stat(join(roots.dataRoot, 'agent'))).mode & 0o777, 0o700);
    const cred = AgentCredentialFileSchema.parse(JSON.parse(await readFile(credFile(), 'utf8')));
    assert.equal(cred.server, server);
    assert.equal(cred.hostId, 'host-1');
    assert.equal(cred.credential, web.hosts.get('host-1')!.credential);
    assert.equal(cred.fingerprint, null);

    const beat = await new Promise<unknown>((resolve) => socket.once('agent.heartbeat', resolve));
    assert.equal(parseAgentEvent('agent.heartbeat', beat).name, 'agent.heartbeat');

    const ping = await socket.emitWithAck('rpc', { method: 'system.ping', params: {} });
    assert.equal(ping.ok, true);
    assert.equal(typeof ping.result.ts, 'number');
    const sys = await socket.emitWithAck('rpc', { method: 'system.info' });
    assert.equal(sys.ok, true);
    const sysInfo = SystemInfoSchema.parse(sys.result);
    assert.equal(sysInfo.hostId, 'host-1');
    assert.equal(sysInfo.connected, true);

    for (const [raw, code] of [
      ['garbage', 'INVALID_ARGUMENT'],
      [{ method: 'system.ping', params: { x: 1 } }, 'INVALID_ARGUMENT'],
      [{ method: 'container.nuke' }, 'UNIMPLEMENTED'],
    ] as const) {
      const res = await socket.emitWithAck('rpc', raw);
      assert.equal(res.ok, false);
      assert.equal(res.error.code, code);
    }
    assert.equal((await socket.emitWithAck('rpc', { method: 'system.ping' })).ok, true, 'still up');
    assert.equal((await info()).link?.state, 'connected');

    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('server.revoked', { reason: 'decommissioned' });
    assert.equal(await gone, 'client namespace disconnect');
    const revoked = await waitForLinkState('revoked');
    assert.equal(revoked.connected, false);
    assert.match(revoked.link?.error ?? '', /decommissioned/);
    await agent.waitForLog(/not reconnecting/);
    // Longer than the first reconnect delay (≤ 1 s): a reconnecting agent would show up here.
    await delay(2500);
    assert.equal(web.handshakes.length, 1);
    assert.equal(agent.proc.exitCode, null, 'the daemon keeps serving the local API');
    assert.equal((await berth(roots.socket, ['version'])).code, 0);
  } finally {
    assert.equal((await agent.stop()).code, 0);
  }
});

test('restarts with the stored credential; a REVOKED handshake is final', async () => {
  const connected = web.nextConnection();
  const agent = startAgent(roots, ['--server', server]);
  try {
    await agent.waitForLog(/API listening/);
    await connected;
    assert.equal(web.enrollments.length, 1, 'no second enrollment');
    await waitForLinkState('connected');
  } finally {
    assert.equal((await agent.stop()).code, 0);
  }

  web.hosts.get('host-1')!.revoked = true;
  const before = web.handshakes.length;
  const again = startAgent(roots); // server comes from the credential file
  try {
    await again.waitForLog(/API listening/);
    const i = await waitForLinkState('revoked');
    assert.equal(i.server, server);
    assert.match(i.link?.error ?? '', /^the web refused this host: REVOKED/);
    await delay(2500);
    assert.deepEqual(web.handshakes.slice(before), [{ hostId: 'host-1', outcome: 'REVOKED' }]);
  } finally {
    assert.equal((await again.stop()).code, 0);
  }
});

test('a refused join token exits non-zero, stores nothing and removes the socket', async () => {
  const fresh = await tempRoots();
  try {
    const agent = startAgent(fresh, [
      '--server',
      server,
      '--join-token',
      web.issueToken('expired'),
    ]);
    const res = await agent.exited;
    assert.notEqual(res.code, 0);
    assert.match(agent.stderr(), /enrollment failed: .*has expired or was already used, HTTP 410/);
    await assert.rejects(stat(join(fresh.dataRoot, 'agent', 'credential.json')), {
      code: 'ENOENT',
    });
    await assert.rejects(stat(fresh.socket), { code: 'ENOENT' });

    const unknown = startAgent(fresh, [
      '--server',
      server,
      '--join-token',
      `bjt1.unknown123.${'x'.repeat(40)}`,
    ]);
    assert.equal((await unknown.exited).code, 3);
    assert.match(unknown.stderr(), /join token was not accepted, HTTP 401/);
  } finally {
    await fresh.cleanup();
  }
});

test('plaintext to a non-loopback web is refused without --insecure', async () => {
  const fresh = await tempRoots();
  try {
    const agent = startAgent(fresh, [
      '--server',
      'ws://192.0.2.10:3000',
      '--join-token',
      web.issueToken(),
    ]);
    assert.equal((await agent.exited).code, 2);
    assert.match(
      agent.stderr(),
      /refusing plaintext ws:\/\/ to non-loopback host 192\.0\.2\.10.*--insecure/,
    );
    await assert.rejects(stat(fresh.socket), { code: 'ENOENT' });
  } finally {
    await fresh.cleanup();
  }
});
