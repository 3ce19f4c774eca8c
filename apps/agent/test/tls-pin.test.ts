import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentCredentialFileSchema, parseAgentEvent } from '@berth/protocol';
import { buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import { FakeWeb } from './helpers/fake-web.js';

let certDir: string;
let web: FakeWeb;
let server: string;
let fingerprint: string;

/** A self-signed certificate for 127.0.0.1, made by openssl (no CA will vouch for it). */
async function selfSigned(dir: string): Promise<{ key: string; cert: string }> {
  execFileSync('openssl', ['version']); // fails loudly when openssl is missing
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=berth-test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return {
    key: await readFile(join(dir, 'key.pem'), 'utf8'),
    cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
  };
}

before(async () => {
  buildAgent();
  certDir = await mkdtemp(join(tmpdir(), 'berth-tls-'));
  const tls = await selfSigned(certDir);
  fingerprint = new X509Certificate(tls.cert).fingerprint256.replace(/:/g, '').toLowerCase();
  web = new FakeWeb(tls);
  server = `https://127.0.0.1:${await web.listen()}`;
});
after(async () => {
  await web.close();
  await rm(certDir, { recursive: true, force: true });
});

test('a pinned fingerprint that does not match is refused before any request is sent', async () => {
  const roots = await tempRoots();
  try {
    const wrong = 'ab'.repeat(32);
    const agent = startAgent(roots, [
      '--server',
      server,
      '--join-token',
      web.issueToken('valid', wrong),
    ]);
    assert.equal((await agent.exited).code, 3);
    assert.match(
      agent.stderr(),
      new RegExp(`fingerprint ${fingerprint} does not match the pinned ${wrong}`),
    );
    assert.equal(web.httpRequests, 0, 'the join token never reached the server');
    await assert.rejects(stat(join(roots.dataRoot, 'agent', 'credential.json')), {
      code: 'ENOENT',
    });
  } finally {
    await roots.cleanup();
  }
});

test('the matching pin enrolls over https and connects over wss to a self-signed web', async () => {
  const roots = await tempRoots();
  const connected = web.nextConnection();
  const agent = startAgent(roots, [
    '--server',
    server,
    '--join-token',
    web.issueToken('valid', fingerprint),
  ]);
  try {
    const socket = await connected;
    const hello = await new Promise<unknown>((resolve) => socket.once('agent.hello', resolve));
    assert.equal(parseAgentEvent('agent.hello', hello).name, 'agent.hello');
    const cred = AgentCredentialFileSchema.parse(
      JSON.parse(await readFile(join(roots.dataRoot, 'agent', 'credential.json'), 'utf8')),
    );
    assert.equal(cred.fingerprint, fingerprint);
    assert.equal(cred.server, server);
    assert.equal((await socket.emitWithAck('rpc', { method: 'system.ping' })).ok, true);
  } finally {
    assert.equal((await agent.stop()).code, 0);
    await roots.cleanup();
  }
});
