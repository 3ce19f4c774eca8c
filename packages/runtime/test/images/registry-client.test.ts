import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { RegistryClient } from '../../src/registry/client.js';
import { sha256 } from '../../src/digest/digest.js';
import { isRuntimeError } from '../../src/errors.js';
import { MediaType } from '../../src/media-types.js';

// An in-process fixture registry for behaviour a real registry will not show on demand:
// flaky 5xx answers, blob redirects to another origin, lying digests, schema1.
const blob = Buffer.from('blob served from the other origin');
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: sha256(blob), size: blob.length },
    layers: [],
  }),
);
let flaky = 0;
const seen: Array<{ path: string; accept?: string; auth?: string; length?: string }> = [];
const uploaded: Buffer[] = [];

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; host: string }> {
  const server = createServer(handler);
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let main: { server: Server; host: string };
let storage: { server: Server; host: string };

before(async () => {
  storage = await listen((req, res) => {
    seen.push({ path: `/storage${req.url}`, auth: req.headers.authorization });
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      return void req.on('end', () => {
        uploaded.push(Buffer.concat(chunks));
        res.writeHead(201).end();
      });
    }
    res.writeHead(200, { 'content-length': blob.length }).end(blob);
  });
  main = await listen((req, res) => {
    const path = req.url ?? '';
    seen.push({
      path,
      accept: req.headers.accept,
      auth: req.headers.authorization,
      length: req.headers['content-length'],
    });
    if (path === '/v2/flaky/manifests/1') {
      if (flaky++ < 2) return void res.writeHead(503).end();
      return void res.writeHead(200, { 'content-type': MediaType.OciManifest }).end(manifest);
    }
    if (path === '/v2/always-down/manifests/1') return void res.writeHead(502).end();
    if (path === '/v2/liar/manifests/1')
      return void res.writeHead(200, { 'docker-content-digest': sha256('other') }).end(manifest);
    if (path === `/v2/liar/manifests/${sha256('other')}`)
      return void res.writeHead(200).end(manifest);
    if (path === '/v2/huge/manifests/1')
      return void res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end();
    if (path === `/v2/redirect/blobs/${sha256(blob)}` && !req.headers.authorization)
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="fixture"' }).end();
    if (path === `/v2/redirect/blobs/${sha256(blob)}`)
      return void res.writeHead(307, { location: `http://${storage.host}/bucket/obj?sig=1` }).end();
    if (path === '/v2/upload/blobs/uploads/' && !req.headers.authorization)
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="fixture"' }).end();
    if (path === '/v2/upload/blobs/uploads/')
      return void res
        .writeHead(202, { location: `http://${storage.host}/uploads/u1?_state=s` })
        .end();
    if (path.startsWith('/v2/missing/'))
      return void res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }),
        );
    res.writeHead(404).end();
  });
});

after(async () => {
  main.server.close();
  storage.server.close();
});

const client = (retries = 3) =>
  new RegistryClient(main.host, {
    retries,
    retryBaseMs: 1,
    credentials: async () => ({ username: 'u', password: 'p' }),
  });

test('retries 5xx with backoff, sends the full Accept header, verifies the digest', async () => {
  const m = await client().getManifest('flaky', '1');
  assert.equal(m.digest, sha256(manifest));
  assert.equal(flaky, 3);
  const accept = seen.find((s) => s.path === '/v2/flaky/manifests/1')!.accept!;
  for (const t of [
    MediaType.OciIndex,
    MediaType.OciManifest,
    MediaType.DockerManifestList,
    MediaType.DockerManifest,
  ])
    assert.ok(accept.includes(t));
  await assert.rejects(
    client(2).getManifest('always-down', '1'),
    (e) => isRuntimeError(e, 'UNAVAILABLE') && /502/.test(e.message),
  );
  assert.equal(seen.filter((s) => s.path === '/v2/always-down/manifests/1').length, 3);
});

test('a manifest whose digest differs from the header or the requested digest is refused', async () => {
  await assert.rejects(
    client().getManifest('liar', '1'),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && /digest mismatch/.test(e.message),
  );
  await assert.rejects(client().getManifest('liar', sha256('other')), /digest mismatch/);
  await assert.rejects(client().getManifest('huge', '1'), /byte limit/);
});

test('blob redirects are followed without leaking credentials to the other origin', async () => {
  const c = client();
  const { stream, offset } = await c.openBlob('redirect', sha256(blob));
  const chunks: Buffer[] = [];
  for await (const ch of stream) chunks.push(ch as Buffer);
  assert.deepEqual(Buffer.concat(chunks), blob);
  assert.equal(offset, 0);
  const hit = seen.find((s) => s.path === '/storage/bucket/obj?sig=1');
  assert.ok(hit);
  assert.equal(hit.auth, undefined);
  assert.ok(
    seen.some((s) => s.path.startsWith('/v2/redirect/') && s.auth?.startsWith('Basic ')),
    'the registry itself got credentials',
  );
});

test('an upload Location on another origin gets the body but never the credentials', async () => {
  await client().uploadBlob('upload', sha256(blob), blob.length, () => Readable.from([blob]));
  const put = seen.find((s) => s.path.startsWith('/storage/uploads/u1'));
  assert.ok(put, 'the upload went to the Location');
  assert.match(put.path, /digest=sha256%3A/);
  assert.equal(put.auth, undefined);
  assert.ok(
    seen.some((s) => s.path === '/v2/upload/blobs/uploads/' && s.auth?.startsWith('Basic ')),
    'the registry itself got credentials',
  );
});

test('registry errors map to codes with the registry message', async () => {
  await assert.rejects(
    client().getManifest('missing', '1'),
    (e) => isRuntimeError(e, 'NOT_FOUND') && /MANIFEST_UNKNOWN manifest unknown/.test(e.message),
  );
  await assert.rejects(
    new RegistryClient('127.0.0.1:1', { retries: 1, retryBaseMs: 1 }).ping(),
    (e) => isRuntimeError(e, 'UNAVAILABLE') && /cannot reach/.test(e.message),
  );
});

test('the client speaks node:http, not fetch: bodies whole both ways, a bodiless POST says Content-Length 0', async () => {
  // fetch would load undici (its JS, node:http2, a WebAssembly parser): ≈ 10 MB of agent RSS
  uploaded.length = 0;
  await client().uploadBlob('upload', sha256(blob), blob.length, () => Readable.from([blob]));
  assert.deepEqual(uploaded, [blob]);
  const starts = seen.filter((s) => s.path === '/v2/upload/blobs/uploads/');
  assert.ok(starts.length > 0);
  for (const s of starts) assert.equal(s.length, '0');
  const { stream } = await client().openBlob('redirect', sha256(blob));
  assert.ok(!(stream instanceof ReadableStream));
  const chunks: Buffer[] = [];
  for await (const ch of stream) chunks.push(ch as Buffer);
  assert.deepEqual(Buffer.concat(chunks), blob);
  assert.ok(
    !(process as unknown as { moduleLoadList: string[] }).moduleLoadList.some((m) =>
      m.includes('undici'),
    ),
    'undici was loaded by the registry client',
  );
});
