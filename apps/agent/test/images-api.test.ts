import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ImageInspectSchema, PullStreamLineSchema, WireErrorSchema } from '@berth/protocol';
import { buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { AgentProcess, Roots } from './helpers/agent-process.js';
import { buildBusyboxImage, pushTestImage, startRegistry } from '@berth/testkit';
import type { TestRegistry } from '@berth/testkit';

let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let ref: string;

/** A raw request over the agent's unix socket. */
function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        socketPath: roots.socket,
        method,
        path,
        headers: data ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const errorOf = (text: string) => WireErrorSchema.parse(JSON.parse(text));

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  ref = `${registry.host}/api/base:1`;
  await pushTestImage(ref, await buildBusyboxImage());
  agent = startAgent(roots);
  await agent.waitForLog(/API listening/);
});

after(async () => {
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
});

test('pull streams NDJSON progress and ends with {done, image}', async () => {
  const res = await call('POST', '/v1/images/pull', { ref });
  assert.equal(res.status, 200);
  assert.equal(res.type, 'application/x-ndjson');
  const lines = res.text
    .trim()
    .split('\n')
    .map((l) => PullStreamLineSchema.parse(JSON.parse(l)));
  const last = lines.pop()!;
  assert.ok('done' in last, 'the last line is the result');
  assert.deepEqual(last.image.repoTags, [ref]);
  assert.ok(lines.length > 0);
  assert.ok(lines.every((l) => 'layer' in l && 'status' in l));
});

test('errors before any progress keep their HTTP status', async () => {
  const missing = await call('POST', '/v1/images/pull', { ref: `${registry.host}/api/none:1` });
  assert.equal(missing.status, 404);
  assert.equal(errorOf(missing.text).code, 'NOT_FOUND');
  const bad = await call('POST', '/v1/images/pull', { ref: 'x', extra: 1 });
  assert.equal(bad.status, 400);
  assert.match(errorOf(bad.text).message, /invalid body/);
  const force = await call('DELETE', `/v1/images?ref=x&force=maybe`);
  assert.equal(force.status, 400);
  const rel = await call('POST', '/v1/images/save', { refs: [ref], path: 'rel.tar' });
  assert.equal(rel.status, 400);
  assert.match(errorOf(rel.text).message, /absolute/);
  const pw = await call('POST', '/v1/auth/login', {
    server: 'http://x/y',
    username: 'u',
    password: 'p',
  });
  assert.equal(pw.status, 400);
});

test('inspect by URL-encoded reference or ?ref=; unknown → 404', async () => {
  const a = await call('GET', `/v1/images/${encodeURIComponent(ref)}/json`);
  assert.equal(a.status, 200, a.text);
  const b = await call('GET', `/v1/images/inspect?ref=${encodeURIComponent(ref)}`);
  assert.equal(b.status, 200);
  assert.deepEqual(ImageInspectSchema.parse(JSON.parse(a.text)), JSON.parse(b.text));
  const c = await call('GET', `/v1/images/${encodeURIComponent('nope:1')}/json`);
  assert.equal(c.status, 404);
});
