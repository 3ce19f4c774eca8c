import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../errors.js';
import type { AgentClient } from './client.js';
import { runCli } from './program.js';

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** The real program over a recording client; `fail` maps a path prefix to an error. */
function harness(opts: { line?: string | null; fail?: Record<string, AgentError> } = {}) {
  const out = { stdout: '', stderr: '', calls: [] as Call[] };
  const failFor = (path: string) =>
    Object.entries(opts.fail ?? {}).find(([p]) => path.startsWith(p))?.[1];
  const client: AgentClient = {
    async get(path, schema) {
      out.calls.push({ method: 'GET', path });
      return schema.parse({ images: [] });
    },
    async send(method, path, body, schema) {
      out.calls.push({ method, path, body });
      const err = failFor(path);
      if (err) throw err;
      if (path.startsWith('/v1/images?')) return schema.parse({ untagged: ['b:1'], deleted: [] });
      if (path === '/v1/auth/login') return schema.parse({ status: 'Login Succeeded' });
      return schema.parse({ path: (body as { path: string }).path });
    },
    async stream() {
      throw new AgentError('UNIMPLEMENTED', 'unused');
    },
  };
  const run = (argv: string[]) =>
    runCli(argv, {
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      env: {},
      clientFor: () => client,
      cwd: '/work/dir',
      readLine: async () => opts.line ?? null,
    });
  return { out, run };
}

test('save resolves -o against the working directory; without -o it is a usage error', async () => {
  const h = harness();
  assert.equal(await h.run(['save', '-o', 'out/i.tar', 'busybox', 'alpine:3']), 0);
  assert.deepEqual(h.out.calls, [
    {
      method: 'POST',
      path: '/v1/images/save',
      body: { refs: ['busybox', 'alpine:3'], path: '/work/dir/out/i.tar' },
    },
  ]);
  const bad = harness();
  assert.equal(await bad.run(['save', 'busybox']), 2);
  assert.match(bad.out.stderr, /^berth: save needs -o FILE/);
  assert.deepEqual(bad.out.calls, []);
});

test('login normalises the server and reads --password-stdin; no password → usage error', async () => {
  const h = harness({ line: 'pw' });
  assert.equal(
    await h.run(['login', '-u', 'me', '--password-stdin', 'https://index.docker.io/v1/']),
    0,
  );
  assert.deepEqual(h.out.calls[0]?.body, { server: 'docker.io', username: 'me', password: 'pw' });
  assert.equal(h.out.stdout, 'Login Succeeded\n');
  const none = harness();
  assert.equal(await none.run(['login', '-u', 'me', 'reg:5000']), 2);
  assert.equal(await none.run(['login', '-u', 'me', '--password-stdin', 'reg:5000']), 2);
  assert.deepEqual(none.out.calls, []);
});

test('rmi goes through every ref and exits with the failure’s code', async () => {
  const h = harness({
    fail: { '/v1/images?ref=a': new AgentError('NOT_FOUND', 'no such image: a') },
  });
  assert.equal(await h.run(['rmi', '-f', 'a', 'b:1']), 4);
  assert.equal(h.out.stderr, 'berth: no such image: a\n');
  assert.equal(h.out.stdout, 'Untagged: b:1\n');
  assert.deepEqual(
    h.out.calls.map((c) => c.path),
    ['/v1/images?ref=a&force=true', '/v1/images?ref=b%3A1&force=true'],
  );
});

test('bad flags are usage errors before any call', async () => {
  const h = harness();
  assert.equal(await h.run(['images', '--format', 'yaml']), 2);
  assert.equal(await h.run(['images', '--filter', 'label=x']), 2);
  assert.equal(await h.run(['image', 'prune']), 0, 'EOF at the prompt means no');
  assert.deepEqual(h.out.calls, []);
});
