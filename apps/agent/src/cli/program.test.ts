import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SystemInfo } from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { AgentClient } from './client.js';
import { parseHost } from './host.js';
import { runCli } from './program.js';

const info: SystemInfo = {
  facts: {
    hostname: 'h1',
    kernel: '6.1.0',
    os: 'Debian GNU/Linux 12 (bookworm)',
    arch: 'x64',
    cgroupVersion: 1,
    cpus: 2,
    memoryBytes: 2 * 1024 ** 3,
    runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
    agentVersion: '0.1.0',
  },
  hostId: null,
  server: null,
  connected: false,
  dataRoot: '/var/lib/berth',
  execRoot: '/run/berth',
  uptimeSec: 12.5,
  containers: null,
  images: null,
  link: { state: 'disabled', error: null },
};

const bodies: Record<string, unknown> = {
  '/v1/version': { version: '0.1.0', apiVersion: '1', protocolVersion: 1, node: 'v20.0.0' },
  '/v1/info': info,
};

function harness(opts: { env?: Record<string, string>; down?: boolean } = {}) {
  const out = { stdout: '', stderr: '', sockets: [] as string[] };
  const clientFor = (socketPath: string): AgentClient => {
    out.sockets.push(socketPath);
    return {
      async get(path, schema) {
        if (opts.down)
          throw new AgentError('UNAVAILABLE', `cannot connect to unix://${socketPath}`);
        return schema.parse(bodies[path]);
      },
      async send() {
        throw new AgentError('UNIMPLEMENTED', 'not in this harness');
      },
      async stream() {
        throw new AgentError('UNIMPLEMENTED', 'not in this harness');
      },
    };
  };
  const run = (argv: string[]) =>
    runCli(argv, {
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      env: opts.env ?? {},
      clientFor,
    });
  return { out, run };
}

test('--host parsing', () => {
  assert.equal(parseHost('unix:///run/berth/agent.sock'), '/run/berth/agent.sock');
  for (const bad of ['tcp://1.2.3.4:2375', 'unix://relative.sock', '/run/x.sock', '']) {
    assert.throws(() => parseHost(bad), AgentError, bad);
  }
});

test('the socket comes from --host, then BERTH_HOST, then the default', async () => {
  const a = harness({ env: { BERTH_HOST: 'unix:///env.sock' } });
  assert.equal(await a.run(['--host', 'unix:///flag.sock', 'info']), 0);
  assert.equal(await a.run(['info']), 0);
  assert.deepEqual(a.out.sockets, ['/flag.sock', '/env.sock']);
  const b = harness();
  await b.run(['version']);
  assert.deepEqual(b.out.sockets, ['/run/berth/agent.sock']);
});

test('info: human text and one JSON object', async () => {
  const h = harness();
  assert.equal(await h.run(['info']), 0);
  assert.match(h.out.stdout, /Total Memory: +2GiB/);
  assert.match(h.out.stdout, /crun: +not found/);
  assert.match(h.out.stdout, /Web: +none \(local-only\)/);
  const j = harness();
  assert.equal(await j.run(['info', '--format', 'json']), 0);
  assert.deepEqual(JSON.parse(j.out.stdout), info);
});

test('version prints client and server; with the agent down, client + error + exit 7', async () => {
  const up = harness();
  assert.equal(await up.run(['version']), 0);
  assert.match(up.out.stdout, /Client:\n Version: +\d/);
  assert.match(up.out.stdout, /Server: Berth Agent:\n Version: +0\.1\.0/);
  const down = harness({ down: true });
  assert.equal(await down.run(['version']), 7);
  assert.match(down.out.stdout, /Client:/);
  assert.doesNotMatch(down.out.stdout, /Server/);
  assert.match(down.out.stderr, /^berth: cannot connect/);
});

test('usage errors exit 2 without calling the agent', async () => {
  const h = harness();
  assert.equal(await h.run(['info', '--format', 'yaml']), 2);
  assert.match(h.out.stderr, /unsupported format/);
  assert.equal(await h.run(['bogus']), 2);
  assert.equal(await h.run(['--host', 'tcp://x', 'info']), 2);
  assert.deepEqual(h.out.sockets, []);
  assert.equal(await h.run(['--help']), 0);
});
