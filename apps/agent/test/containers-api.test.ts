import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import {
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './helpers/agent-process.js';
import { jsonLines } from './helpers/containers.js';
import { buildBusyboxImage, pushTestImage, startRegistry, type TestRegistry } from '@berth/testkit';

// REST-level behaviour the CLI tests do not show: the events stream, upgrade errors, volumes.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
const bridge = `bt${randomBytes(3).toString('hex')}`;

function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath: roots.socket,
        method,
        path,
        headers: data ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  image = `${registry.host}/api/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage());
  agent = startAgent(roots, [
    '--bridge',
    bridge,
    '--bridge-subnet',
    `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
  ]);
  await agent.waitForLog(/API listening/);
  const pull = await berth(roots.socket, ['pull', '-q', image]);
  assert.equal(pull.code, 0, pull.stderr);
});

after(async () => {
  const left = await berth(roots.socket, ['ps', '-a', '-q']).catch(() => null);
  for (const id of left?.stdout.split('\n').filter(Boolean) ?? [])
    await berth(roots.socket, ['rm', '-f', id]);
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* never created */
  }
});

test('GET /v1/events streams the lifecycle in order, with exit codes', async () => {
  const events: Array<{ kind: string; type: string; name?: string; exitCode?: number }> = [];
  const ac = new AbortController();
  const streaming = new Promise<void>((resolve) => {
    const req = http.get(
      { socketPath: roots.socket, path: '/v1/events', signal: ac.signal },
      (res) => {
        assert.equal(res.headers['content-type'], 'application/x-ndjson');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          events.push(...jsonLines<(typeof events)[number]>(lines.join('\n')));
        });
        resolve();
      },
    );
    req.on('error', () => undefined);
  });
  await streaming;
  const run = await berth(roots.socket, ['run', '--name', 'ev', image, 'sh', '-c', 'exit 3']);
  assert.equal(run.code, 3);
  assert.equal((await berth(roots.socket, ['rm', 'ev'])).code, 0);
  for (let i = 0; i < 100 && !events.some((e) => e.type === 'destroy'); i++)
    await new Promise((r) => setTimeout(r, 20));
  ac.abort();
  const mine = events.filter((e) => e.kind === 'container' && e.name === 'ev');
  assert.deepEqual(
    mine.map((e) => e.type),
    ['create', 'start', 'die', 'destroy'],
  );
  assert.equal(mine[2]?.exitCode, 3);
});

test('unknown containers are 404 for JSON, stream and upgrade requests alike', async () => {
  assert.equal((await call('GET', '/v1/containers/nope')).status, 404);
  assert.equal((await call('GET', '/v1/containers/nope/logs?follow=true')).status, 404);
  assert.equal((await call('POST', '/v1/containers/nope/exec', { cmd: ['true'] })).status, 404);
  const upgraded = await new Promise<number>((resolve, reject) => {
    const req = http.request({
      socketPath: roots.socket,
      method: 'POST',
      path: '/v1/containers/nope/exec',
      headers: {
        connection: 'Upgrade',
        upgrade: 'tcp',
        'content-type': 'application/json',
        'content-length': 16,
      },
    });
    req.on('upgrade', () => resolve(101));
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{"cmd":["true"]}');
  });
  assert.equal(upgraded, 404);
  const bad = await call('POST', '/v1/containers', { image, memory: -1 });
  assert.equal(bad.status, 400);
  const list = (await call('GET', '/v1/containers?all=true')).json as { containers: unknown[] };
  assert.deepEqual(list.containers, []); // the refused create left nothing
});

test('volumes: create, use, refuse removal while used, remove', async () => {
  const created = await call('POST', '/v1/volumes', { name: 'data1', labels: { a: 'b' } });
  assert.equal(created.status, 200);
  assert.equal((await call('POST', '/v1/volumes', { name: 'data1' })).status, 409);
  assert.equal((await call('POST', '/v1/volumes', { name: '../x' })).status, 400);
  const run = await berth(roots.socket, [
    'run',
    '--name',
    'vol',
    '-v',
    'data1:/data',
    image,
    'sh',
    '-c',
    'echo kept > /data/f',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const vol = (await call('GET', '/v1/volumes/data1')).json as {
    usedBy: string[];
    labels: Record<string, string>;
  };
  assert.equal(vol.usedBy.length, 1);
  assert.deepEqual(vol.labels, { a: 'b' });
  const refused = await berth(roots.socket, ['volume', 'rm', 'data1']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /in use/);
  const again = await berth(roots.socket, [
    'run',
    '--rm',
    '-v',
    'data1:/data',
    image,
    'cat',
    '/data/f',
  ]);
  assert.deepEqual([again.code, again.stdout], [0, 'kept\n']);
  assert.equal((await berth(roots.socket, ['rm', 'vol'])).code, 0);
  assert.equal((await berth(roots.socket, ['volume', 'rm', 'data1'])).code, 0);
  assert.equal((await call('GET', '/v1/volumes/data1')).status, 404);
});
