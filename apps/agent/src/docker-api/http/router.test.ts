import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import { DockerRouter } from './router.js';
import { Reply } from './reply.js';

// The router in-process on a temp unix socket: errors, bodies, versions, hijacks, garbage.
let dir: string;
let socketPath: string;
let server: http.Server;
const router = new DockerRouter({ 'API-Version': '1.41', OSType: 'linux' });

router
  .add({ method: 'GET', path: '/containers/{name:.*}/json', handler: ({ params }) => params })
  .add({
    method: 'POST',
    path: '/containers/{name}/start',
    handler: ({ params }) => {
      if (params.name === 'missing')
        throw new AgentError('NOT_FOUND', 'No such container: missing');
      if (params.name === 'string') throw 'a thrown string';
      if (params.name === 'running') return Reply.notModified();
      return Reply.noContent();
    },
  })
  .add({
    method: 'POST',
    path: '/volumes/create',
    body: z.object({ Name: z.string() }).strict(),
    handler: async ({ body }) => {
      await Promise.resolve();
      if (body.Name === 'reject') return Promise.reject(new TypeError('x is undefined'));
      return Reply.created({ Name: body.Name });
    },
  })
  .addHijack({
    method: 'POST',
    path: '/exec/{id}/start',
    handler: async ({ params, body, conn }) => {
      if (params.id === 'missing') throw new AgentError('NOT_FOUND', 'No such exec instance');
      conn.begin('application/vnd.docker.raw-stream');
      conn.output.write(`body:${body.toString()}\n`);
      if (!conn.input) return conn.end();
      conn.input.on('data', (d: Buffer) => conn.output.write(d));
      conn.input.on('end', () => conn.end());
      conn.input.resume();
    },
  });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docker-router-'));
  socketPath = join(dir, 'd.sock');
  server = http.createServer((req, res) => void router.handle(req, res));
  server.on('upgrade', (req, socket, head) => void router.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(socketPath, r));
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

function call(method: string, path: string, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>(
    (resolve, reject) => {
      const req = http.request({ socketPath, method, path }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** Raw bytes in, everything the server sends until it closes. */
function raw(data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(socketPath);
    let out = '';
    sock.on('data', (c) => (out += c.toString()));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
    sock.write(data);
    sock.end();
  });
}

test('versioned and unversioned paths reach the same route; params span slashes', async () => {
  for (const path of [
    '/containers/a/b/json',
    '/v1.41/containers/a/b/json',
    '/v1.25/containers/a/b/json',
  ]) {
    const r = await call('GET', path);
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.text), { name: 'a/b' });
    assert.equal(r.headers['api-version'], '1.41');
    assert.equal(r.headers['ostype'], 'linux');
  }
});

test('coded errors keep their status; anything else is 500 with a generic message', async () => {
  const missing = await call('POST', '/v1.41/containers/missing/start');
  assert.equal(missing.status, 404);
  assert.deepEqual(JSON.parse(missing.text), { message: 'No such container: missing' });
  const str = await call('POST', '/containers/string/start');
  assert.equal(str.status, 500);
  assert.deepEqual(JSON.parse(str.text), { message: 'internal error' });
  const rejected = await call('POST', '/volumes/create', '{"Name":"reject"}');
  assert.equal(rejected.status, 500);
  assert.deepEqual(JSON.parse(rejected.text), { message: 'internal error' });
});

test('Reply statuses: 201 with a body, 204 and 304 without', async () => {
  const created = await call('POST', '/volumes/create', '{"Name":"v1"}');
  assert.equal(created.status, 201);
  assert.deepEqual(JSON.parse(created.text), { Name: 'v1' });
  assert.equal((await call('POST', '/containers/x/start')).status, 204);
  assert.equal((await call('POST', '/containers/running/start')).status, 304);
});

test('malformed and invalid bodies answer 400 in Docker’s shape', async () => {
  const bad = await call('POST', '/volumes/create', '{"Name":');
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).message, /^invalid JSON/);
  const wrong = await call('POST', '/volumes/create', '{"Name":5}');
  assert.equal(wrong.status, 400);
  assert.match(JSON.parse(wrong.text).message, /invalid request body: Name/);
  const extra = await call('POST', '/volumes/create', '{"Name":"a","Bogus":1}');
  assert.equal(extra.status, 400);
});

test('unknown Docker endpoints are 501 naming them; other paths are 404', async () => {
  const commit = await call('POST', '/v1.41/commit?container=x');
  assert.equal(commit.status, 501);
  assert.match(JSON.parse(commit.text).message, /POST \/commit is not implemented/);
  const swarm = await call('GET', '/swarm');
  assert.equal(swarm.status, 501);
  const nothing = await call('GET', '/no/such/thing');
  assert.equal(nothing.status, 404);
  assert.deepEqual(JSON.parse(nothing.text), { message: 'page not found' });
});

test('API versions outside 1.12..1.41 are refused with 400', async () => {
  const r = await call('GET', '/v1.42/containers/x/json');
  assert.equal(r.status, 400);
  assert.match(JSON.parse(r.text).message, /client version 1.42 is too new/);
  assert.equal((await call('GET', '/v1.5/containers/x/json')).status, 400);
});

test('hijack: Upgrade gets 101 and raw bytes both ways; without it a 200 stream', async () => {
  const up = await raw(
    'POST /v1.41/exec/e1/start HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n' +
      'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}stdin-bytes',
  );
  assert.match(up, /^HTTP\/1.1 101 UPGRADED\r\n/);
  assert.match(up, /Upgrade: tcp\r\n/);
  assert.match(up, /\r\n\r\nbody:\{\}\nstdin-bytes$/);
  const plain = await call('POST', '/exec/e1/start', '{"Detach":false}');
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-type'], 'application/vnd.docker.raw-stream');
  assert.equal(plain.text, 'body:{"Detach":false}\n');
});

test('hijack errors before the stream are plain HTTP answers', async () => {
  const up = await raw(
    'POST /exec/missing/start HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n' +
      'Content-Length: 0\r\n\r\n',
  );
  assert.match(up, /^HTTP\/1.1 404 /);
  assert.match(up, /\{"message":"No such exec instance"\}$/);
  const notHijack = await raw(
    'GET /containers/x/json HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
  );
  assert.match(notHijack, /^HTTP\/1.1 400 /);
});

test('garbage never hangs: malformed requests are answered and closed', async () => {
  assert.match(await raw('NOT HTTP AT ALL\r\n\r\n'), /^HTTP\/1.1 400/);
  assert.match(await raw('GET /%%%%/json HTTP/1.1\r\nHost: d\r\n\r\n'), /^HTTP\/1.1 (400|404)/);
  const r = await call('GET', '/containers/%E0%A4%A/json');
  assert.equal(r.status, 400);
  assert.deepEqual(JSON.parse(r.text), { message: 'malformed URL path' });
});
