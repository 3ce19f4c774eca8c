import { Readable } from 'node:stream';
import { RuntimeError } from '../errors.js';
import { isDigest, sha256, type Digest } from '../digest/digest.js';
import { MANIFEST_ACCEPT } from '../media-types.js';
import { Authorizer } from './auth.js';
import type { Credentials } from './credentials.js';
import { registryBaseUrl, repositoryScope } from './endpoint.js';
import { registryError } from './errors.js';
import { backoffDelay, sleep } from '../backoff.js';
import { isRetryableStatus, registryBackoff } from './retry.js';
import { parseWwwAuthenticate } from './www-authenticate.js';
import { fetchWithRedirects, sameOrigin } from './redirects.js';
import { bodyStream, httpFetch } from './http-fetch.js';

export interface RegistryClientOptions {
  /** Looks up stored credentials for this host. */
  credentials?: () => Promise<Credentials | undefined>;
  /** Hosts spoken to over plain HTTP besides loopback. */
  insecureRegistries?: readonly string[];
  retries?: number;
  retryBaseMs?: number;
  /** Default: node:http(s) (http-fetch.ts), not the global fetch. */
  fetch?: typeof fetch;
}

export interface FetchedManifest {
  readonly data: Buffer;
  readonly digest: Digest;
  readonly contentType: string | undefined;
}

interface RequestOptions {
  scopes: readonly string[];
  headers?: Record<string, string>;
  /** Recreated for every attempt (streams cannot be replayed). */
  body?: () => { body: NonNullable<RequestInit['body']>; length: number };
  what: string;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
type InitWithDuplex = RequestInit & { duplex?: 'half' };

/** An OCI distribution client for one registry host. Keeps that host's auth state and token cache. */
export class RegistryClient {
  readonly baseUrl: string;
  private readonly auth: Authorizer;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly host: string,
    private readonly opts: RegistryClientOptions = {},
  ) {
    this.baseUrl = registryBaseUrl(host, opts.insecureRegistries);
    this.fetchImpl = opts.fetch ?? httpFetch;
    this.auth = new Authorizer(
      opts.credentials ?? (async () => undefined),
      this.fetchImpl,
      this.baseUrl,
    );
  }

  /**
   * Sends a request with auth (one challenge round) and retries on 5xx / network errors.
   * Authorization goes only to this registry's own origin: an absolute URL elsewhere (an upload
   * `Location` on another host) and every redirect away from it are sent without credentials.
   */
  async request(method: string, pathOrUrl: string, o: RequestOptions): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const ours = sameOrigin(url, this.baseUrl);
    const retries = this.opts.retries ?? 3;
    let challenged = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...o.headers };
      const authz = ours ? await this.auth.header(o.scopes) : undefined;
      if (authz) headers.authorization = authz;
      const init: InitWithDuplex & { headers: Record<string, string> } = { method, headers };
      if (o.body) {
        const b = o.body();
        init.body = b.body;
        headers['content-length'] = String(b.length);
        if (b.body instanceof ReadableStream) init.duplex = 'half';
      }
      let res: Response;
      try {
        res = await fetchWithRedirects(this.fetchImpl, url, init);
      } catch (err) {
        if (attempt < retries) {
          await sleep(backoffDelay(attempt, registryBackoff(this.opts.retryBaseMs)));
          continue;
        }
        throw RuntimeError.wrap(
          err,
          `${o.what}: cannot reach registry ${this.host}`,
          'UNAVAILABLE',
        );
      }
      if (res.status === 401 && !challenged && ours) {
        challenged = true;
        const ch = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
        await res.body?.cancel();
        if (await this.auth.challenge(ch, o.scopes, authz)) {
          attempt--;
          continue;
        }
        throw new RuntimeError(
          'UNAUTHENTICATED',
          `${o.what}: registry ${this.host} requires authentication (try login)`,
        );
      }
      if (isRetryableStatus(res.status) && attempt < retries) {
        await res.body?.cancel();
        await sleep(backoffDelay(attempt, registryBackoff(this.opts.retryBaseMs)));
        continue;
      }
      return res;
    }
  }

  /** Checks that the registry speaks the v2 API and that our credentials are accepted. */
  async ping(): Promise<void> {
    const res = await this.request('GET', '/v2/', { scopes: [], what: 'ping' });
    if (!res.ok) throw await registryError(res, `ping ${this.host}`);
    await res.body?.cancel();
  }

  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const what = `manifest ${repository}:${reference}`;
    const res = await this.request('GET', `/v2/${repository}/manifests/${reference}`, {
      scopes: [repositoryScope(repository, ['pull'])],
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    if (!res.ok) throw await registryError(res, what);
    const data = await readLimited(res, MAX_MANIFEST_BYTES, what);
    const digest = sha256(data);
    const expected = isDigest(reference) ? reference : res.headers.get('docker-content-digest');
    if (expected && isDigest(expected) && expected !== digest) {
      throw new RuntimeError(
        'INVALID_ARGUMENT',
        `${what}: digest mismatch: expected ${expected}, got ${digest}`,
        {
          details: { reason: 'digest-mismatch' },
        },
      );
    }
    return { data, digest, contentType: res.headers.get('content-type') ?? undefined };
  }

  /** Opens a blob at `offset` (Range request); the answer says where the stream really starts. */
  async openBlob(
    repository: string,
    digest: Digest,
    offset = 0,
  ): Promise<{ stream: Readable; offset: number }> {
    const what = `blob ${digest}`;
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    const res = await this.request('GET', `/v2/${repository}/blobs/${digest}`, {
      scopes: [repositoryScope(repository, ['pull'])],
      headers,
      what,
    });
    if (res.status === 416 && offset > 0) {
      await res.body?.cancel();
      return this.openBlob(repository, digest, 0); // the range was not satisfiable: start over
    }
    if (!res.ok) throw await registryError(res, what);
    const start = res.status === 206 ? offset : 0;
    return {
      stream: bodyStream(res),
      offset: start,
    };
  }

  async hasBlob(repository: string, digest: Digest): Promise<boolean> {
    const res = await this.request('HEAD', `/v2/${repository}/blobs/${digest}`, {
      scopes: [repositoryScope(repository, ['pull', 'push'])],
      what: `blob ${digest}`,
    });
    if (res.status === 404) return false;
    if (!res.ok) throw await registryError(res, `HEAD blob ${digest}`);
    return true;
  }

  /** Tries a cross-repository mount; returns true when the registry mounted it (201). */
  async mountBlob(repository: string, digest: Digest, from: string): Promise<boolean> {
    const q = new URLSearchParams({ mount: digest, from });
    const res = await this.request('POST', `/v2/${repository}/blobs/uploads/?${q}`, {
      scopes: [repositoryScope(repository, ['pull', 'push']), repositoryScope(from, ['pull'])],
      what: `mount blob ${digest}`,
    });
    await res.body?.cancel();
    if (res.status === 201) return true;
    if (res.status === 202) {
      // The registry started an upload instead: cancel it, the caller uploads normally.
      const loc = res.headers.get('location');
      if (loc) await this.cancelUpload(repository, loc);
      return false;
    }
    if (res.status === 401 || res.status === 403 || res.status === 404) return false;
    throw await registryError(res, `mount blob ${digest}`);
  }

  private async cancelUpload(repository: string, location: string): Promise<void> {
    try {
      const res = await this.request('DELETE', new URL(location, this.baseUrl).toString(), {
        scopes: [repositoryScope(repository, ['pull', 'push'])],
        what: 'cancel upload',
      });
      await res.body?.cancel();
    } catch {
      // best effort: the registry expires abandoned uploads
    }
  }

  /** Monolithic upload: POST to start, then PUT <Location>&digest= with the body (distribution 2.8). */
  async uploadBlob(
    repository: string,
    digest: Digest,
    size: number,
    open: () => Readable,
  ): Promise<void> {
    const scopes = [repositoryScope(repository, ['pull', 'push'])];
    const what = `upload blob ${digest}`;
    const start = await this.request('POST', `/v2/${repository}/blobs/uploads/`, { scopes, what });
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (start.status !== 202 || !location) throw await registryError(start, what);
    const url = new URL(location, this.baseUrl);
    url.searchParams.set('digest', digest);
    const res = await this.request('PUT', url.toString(), {
      scopes,
      what,
      headers: { 'content-type': 'application/octet-stream' },
      body: () => ({ body: Readable.toWeb(open()) as unknown as ReadableStream, length: size }),
    });
    await res.body?.cancel();
    if (res.status !== 201) throw await registryError(res, what);
  }

  async putManifest(
    repository: string,
    reference: string,
    data: Buffer,
    mediaType: string,
  ): Promise<Digest> {
    const what = `push manifest ${repository}:${reference}`;
    const res = await this.request('PUT', `/v2/${repository}/manifests/${reference}`, {
      scopes: [repositoryScope(repository, ['pull', 'push'])],
      headers: { 'content-type': mediaType },
      body: () => ({ body: new Uint8Array(data), length: data.length }),
      what,
    });
    if (res.status !== 201) throw await registryError(res, what);
    await res.body?.cancel();
    const digest = sha256(data);
    const said = res.headers.get('docker-content-digest');
    if (said && said !== digest)
      throw new RuntimeError('INTERNAL', `${what}: registry computed ${said}, expected ${digest}`);
    return digest;
  }
}

async function readLimited(res: Response, max: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max)
    throw new RuntimeError(
      'INVALID_ARGUMENT',
      `${what}: ${declared} bytes exceeds the ${max} byte limit`,
    );
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > max)
      throw new RuntimeError('INVALID_ARGUMENT', `${what}: larger than the ${max} byte limit`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
