import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import { PROTOCOL_VERSION, SystemInfoSchema } from '@berth/protocol';
import { berth, buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { Roots } from './helpers/agent-process.js';

let roots: Roots;
before(async () => {
  buildAgent();
  roots = await tempRoots();
});
after(() => roots.cleanup());

const listening = /API listening on unix:/;

test('a local-only agent serves version and info on a 0600 socket and cleans up on SIGTERM', async () => {
  const agent = startAgent(roots);
  try {
    await agent.waitForLog(listening);
    const sock = await stat(roots.socket);
    assert.ok(sock.isSocket());
    assert.equal(sock.mode & 0o777, 0o600);
    assert.equal((await stat(roots.execRoot)).mode & 0o777, 0o700);

    const version = await berth(roots.socket, ['version']);
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /Client:\n Version: +0\.1\.0/);
    assert.match(
      version.stdout,
      new RegExp(
        `Server: Berth Agent:\n Version: +0\\.1\\.0\n API version: +1\n Protocol version: +${PROTOCOL_VERSION}\n`,
      ),
    );

    const json = await berth(roots.socket, ['info', '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stdout.trim().split('\n').length, 1);
    const info = SystemInfoSchema.parse(JSON.parse(json.stdout));
    assert.equal(info.dataRoot, roots.dataRoot);
    assert.equal(info.execRoot, roots.execRoot);
    assert.equal(info.connected, false);
    assert.equal(info.server, null);
    assert.deepEqual(info.link, { state: 'disabled', error: null });
    assert.ok(info.facts.cpus >= 1);
    // the confinement a default container gets here (this host: seccomp, no AppArmor, rro)
    assert.equal(info.facts.confinement?.seccomp, true);
    assert.equal(info.facts.confinement?.cgroupns, 'private');
    assert.equal(info.facts.confinement?.noNewPrivileges, false);
    const param = '/sys/module/apparmor/parameters/enabled';
    const apparmorOn = existsSync(param) && readFileSync(param, 'utf8').startsWith('Y');
    if (!apparmorOn) assert.equal(info.facts.confinement?.apparmor, null);

    const text = await berth(roots.socket, ['info']);
    assert.match(text.stdout, /Web: +none \(local-only\)/);
    assert.match(text.stdout, /Confinement: +seccomp \(default profile\), /);

    const unknown = await berth(roots.socket, ['info', '--format', 'xml']);
    assert.equal(unknown.code, 2);
  } finally {
    assert.deepEqual(await agent.stop(), { code: 0, signal: null });
  }
  await assert.rejects(stat(roots.socket), { code: 'ENOENT' });
  const down = await berth(roots.socket, ['version']);
  assert.equal(down.code, 7);
  assert.match(down.stdout, /Client:/);
  assert.match(down.stderr, /no such socket\. Is berth-agent running\?/);
});

test('a second agent refuses a live socket; a stale socket is replaced', async () => {
  const first = startAgent(roots);
  await first.waitForLog(listening);
  const second = startAgent(roots);
  const res = await second.exited;
  assert.notEqual(res.code, 0);
  assert.match(second.stderr(), /another agent is already serving/);
  assert.equal((await berth(roots.socket, ['version'])).code, 0, 'the first agent still serves');

  // SIGKILL leaves the socket file behind: the next agent must find it dead and take over.
  process.kill(first.proc.pid!, 'SIGKILL');
  await first.exited;
  assert.ok((await stat(roots.socket)).isSocket());
  const third = startAgent(roots);
  try {
    await third.waitForLog(listening);
    assert.match(third.stderr(), /removing stale socket/);
    assert.equal((await berth(roots.socket, ['version'])).code, 0);
  } finally {
    assert.equal((await third.stop()).code, 0);
  }
});

test('unknown routes are JSON errors with the table status', async () => {
  const agent = startAgent(roots);
  try {
    await agent.waitForLog(listening);
    const http = await import('node:http');
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ socketPath: roots.socket, path: '/v1/nope' }, (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    assert.equal(res.status, 404);
    assert.deepEqual(JSON.parse(res.body), {
      code: 'NOT_FOUND',
      message: 'no route for GET /v1/nope',
    });
  } finally {
    await agent.stop();
  }
});

test(
  'a non-root user gets a clear permission error',
  { skip: process.getuid?.() !== 0 && 'needs root' },
  async () => {
    const agent = startAgent(roots);
    try {
      await agent.waitForLog(listening);
      // Open the directories so only the socket's own 0600 mode stands in the way.
      await chmod(roots.dir, 0o755);
      await chmod(roots.execRoot, 0o755);
      const res = await berth(roots.socket, ['info'], { uid: 65534 });
      assert.equal(res.code, 3);
      assert.match(res.stderr, /permission denied connecting to unix:\/\/.*try sudo/);
    } finally {
      await agent.stop();
    }
  },
);
