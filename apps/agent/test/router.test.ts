import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import * as z from 'zod';
import { Router } from '../src/api/router.js';
import { listenUnix } from '../src/api/unix-socket.js';
import type { ApiServer } from '../src/api/unix-socket.js';
import { AgentError } from '../src/errors.js';
import { silentLogger } from '@berth/log';
import { tempRoots } from './helpers/agent-process.js';
import type { Roots } from './helpers/agent-process.js';

let roots: Roots;
let api: ApiServer;
before(async () => {
  roots = await tempRoots();
  const router = new Router()
    .add({
      method: 'POST',
      path: '/v1/things/:id/rename',
      query: z.object({ force: z.enum(['0', '1']).optional() }).strict(),
      body: z.object({ name: z.string().min(1) }).strict(),
      handler: ({ params, query, body }) => ({
        id: params.id,
        name: body.name,
        force: query.force === '1',
      }),
    })
    .add({
      method: 'GET',
      path: '/v1/things/:id',
      handler: ({ params }) => {
        throw new AgentError('NOT_FOUND', `no such thing: ${params.id}`);
      },
    })
    .add({ method: 'DELETE', path: '/v1/things/:id', handler: () => undefined })
    .add({
      method: 'GET',
      path: '/v1/crash',
      handler: () => {
        throw new Error('secret detail');
      },
    });
  api = await listenUnix(roots.socket, router, silentLogger);
});
after(async () => {
  await api.close();
  await roots.cleanup();
});

function call(
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: roots.socket, method, path }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('params, query and body are validated and passed to the handler', async () => {
  assert.deepEqual(await call('POST', '/v1/things/a%2Fb/rename?force=1', '{"name":"n"}'), {
    status: 200,
    json: { id: 'a/b', name: 'n', force: true },
  });
  assert.deepEqual(await call('DELETE', '/v1/things/x'), { status: 204, json: null });
});

test('every response carries one Date header in HTTP format', async () => {
  for (const [method, path] of [
    ['GET', '/v1/things/x'],
    ['DELETE', '/v1/things/x'],
    ['GET', '/v1/crash'],
    ['GET', '/v1/nothing-here'],
  ] as const) {
    const raw = await new Promise<string[]>((resolve, reject) => {
      const req = http.request({ socketPath: roots.socket, method, path }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.rawHeaders));
      });
      req.on('error', reject);
      req.end();
    });
    const dates = raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === 'date');
    assert.equal(dates.length, 1, `${method} ${path}`);
    assert.match(
      dates[0]!,
      /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
    );
  }
});

test('bad input and handler errors map to {code, message} with the table status', async () => {
  const bad = await call('POST', '/v1/things/a/rename', '{"name":""}');
  assert.equal(bad.status, 400);
  assert.equal((bad.json as { code: string }).code, 'INVALID_ARGUMENT');
  assert.equal((await call('POST', '/v1/things/a/rename', '{nope')).status, 400);
  assert.equal((await call('POST', '/v1/things/a/rename?force=2', '{"name":"n"}')).status, 400);
  assert.equal((await call('POST', '/v1/things/a/rename', 'x'.repeat(2 << 20))).status, 400);
  assert.deepEqual(await call('GET', '/v1/things/zz'), {
    status: 404,
    json: { code: 'NOT_FOUND', message: 'no such thing: zz' },
  });
  assert.deepEqual(await call('GET', '/v1/crash'), {
    status: 500,
    json: { code: 'INTERNAL', message: 'internal error' },
  });
  assert.equal((await call('PUT', '/v1/things/a')).status, 404);
});
