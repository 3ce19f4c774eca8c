import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { registerDockerRoutes } from '../src/docker-api/index.js';
import type { DockerRouteDeps } from '../src/docker-api/deps.js';
import { DockerRouter } from '../src/docker-api/http/router.js';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// Garbage at every route of the real agent's Docker API: every request gets an answer (never a
// hang), garbage is a 4xx or 501 in Docker's {message} shape (never a 5xx), the agent lives on.
let d: DockerAgent;
let exitedId = '';

before(async () => {
  d = await startDockerAgent();
  const r = await d.docker(['run', '--name', 'victim', d.image, 'true']);
  assert.equal(r.code, 0, r.stderr);
  exitedId = (await d.docker(['inspect', '-f', '{{.Id}}', 'victim'])).stdout.trim();
});

after(async () => {
  await d?.stop();
});

/** The routes as the agent registers them (registration touches no dependency). */
function allRoutes() {
  const router = new DockerRouter({});
  registerDockerRoutes(router, {} as DockerRouteDeps);
  return router.routes();
}

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** One raw HTTP/1.1 request; resolves with the head and whatever body came within `ms`. */
function send(raw: Buffer, ms = 20_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(d.dockerSocket);
    let data = Buffer.alloc(0);
    const finish = () => {
      clearTimeout(timer);
      sock.destroy();
      const text = data.toString('latin1');
      const head = text.split('\r\n\r\n', 1)[0] ?? '';
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: text.slice(head.length + 4) });
    };
    let timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    let streaming = false;
    sock.on('data', (c) => {
      data = Buffer.concat([data, c]);
      const text = data.toString('latin1');
      const m = /content-length: (\d+)/i.exec(text);
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd >= 0 && m && data.length >= headEnd + 4 + Number(m[1])) finish();
      else if (headEnd >= 0 && !m && !streaming) {
        // a stream that legitimately stays open (events, logs, stats, attach) is judged by its
        // head and what came within a second, not kept for the whole deadline
        streaming = true;
        clearTimeout(timer);
        timer = setTimeout(finish, 1000);
      }
    });
    sock.on('end', finish);
    sock.on('error', (err) => (data.length ? finish() : reject(err)));
    sock.write(raw);
  });
}

function request(
  method: string,
  path: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Buffer {
  const b = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [
    `${method} ${path} HTTP/1.1`,
    'Host: docker',
    'Connection: close',
    `Content-Length: ${b.length}`,
  ];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), b]);
}

const deep = '['.repeat(100_000) + ']'.repeat(100_000);
const bodies: Array<string | Buffer | undefined> = [
  undefined,
  'not json',
  '{"Image":',
  '[]',
  'null',
  '5',
  '{"Image":5,"HostConfig":"x","Cmd":{},"Env":[1],"Tty":"yes"}',
  '{"Image":"x","HostConfig":{"Memory":-5,"PortBindings":{"x":[{"HostPort":"99999999"}]},"Binds":["::::"],"Mounts":[{"Type":"weird"}]}}',
  '{"Cmd":[],"Name":"../../x","Labels":"x","Driver":"nfs"}',
  deep,
  Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
];
const queries = [
  '',
  '?filters=%7Bbad',
  '?filters=%7B%22nope%22%3A%7B%22x%22%3Atrue%7D%7D',
  '?t=abc&signal=%00&condition=never&h=-1&w=99999&tail=x&since=yesterday&until=-1&name=%20bad&path=../../../etc/shadow&stream=maybe&ps_args=aux',
  '?path=&stdout=0&stderr=0&limit=x',
];
const params = ['nope', 'x'.repeat(300), '%2E%2E%2F%2E%2E', '%00', 'a%2Fb'];

test('every route answers garbage with a 4xx/501 in Docker’s shape, never a hang or a 5xx', async () => {
  const routes = allRoutes();
  assert.ok(routes.length >= 38, `found ${routes.length} routes`);
  const failures: string[] = [];
  let sent = 0;
  for (const r of routes) {
    const names = [...params, ...(r.path.includes('{name') ? [exitedId] : [])];
    for (const p of names) {
      const path = r.path.replace(/\{[a-zA-Z]+(:\.\*)?\}/g, p);
      for (const [i, q] of queries.entries()) {
        const body = bodies[(i + sent) % bodies.length];
        const headers: Record<string, string> = r.hijack
          ? { Connection: 'Upgrade', Upgrade: 'tcp' }
          : {};
        const a = await send(request(r.method, `/v1.41${path}${q}`, body, headers));
        sent++;
        const where = `${r.method} ${path}${q} body#${bodies.indexOf(body)} → ${a.status}`;
        if (a.status === 0 || (a.status >= 500 && a.status !== 501))
          failures.push(`${where} ${a.body.slice(0, 200)}`);
        else if (a.status >= 400 && r.method !== 'HEAD') {
          try {
            const json = JSON.parse(a.body) as { message?: unknown };
            if (typeof json.message !== 'string') failures.push(`${where}: no message`);
          } catch {
            failures.push(`${where}: body is not JSON: ${a.body.slice(0, 100)}`);
          }
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(sent > 500, `sent ${sent}`);
});

test('malformed HTTP, bad versions and unknown paths are answered too; the agent lives on', async () => {
  assert.match((await send(Buffer.from('GARBAGE\r\n\r\n'))).headers, /^HTTP\/1\.1 400/);
  const tooNew = await send(request('GET', '/v9.99/info'));
  assert.equal(tooNew.status, 400);
  assert.match(tooNew.body, /client version 9.99 is too new/);
  const swarm = await send(request('GET', '/v1.41/swarm'));
  assert.equal(swarm.status, 501);
  assert.match(swarm.body, /GET \/swarm is not implemented/);
  assert.equal((await send(request('GET', '/nothing/here'))).status, 404);
  const half = net.connect(d.dockerSocket);
  half.write(
    'POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 100\r\n\r\n{"Ima',
  );
  half.destroy();
  const ping = await send(request('GET', '/_ping'));
  assert.equal(ping.status, 200);
  assert.equal(ping.body, 'OK');
  assert.equal(d.agent.proc.exitCode, null);
  const ls = await d.docker(['ps', '-a', '--format', '{{.Names}}']);
  // the exited victim may be gone (DELETE /containers/{id} and /containers/prune with an empty
  // query are legitimate requests); garbage must not have created anything
  assert.deepEqual(
    ls.stdout.split('\n').filter((n) => n !== '' && n !== 'victim'),
    [],
    'garbage created nothing',
  );
});
