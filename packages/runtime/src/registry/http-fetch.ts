import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * Inactivity (no byte either way on the connection) after which a registry request fails: what
 * undici's fetch allows for headers and between body chunks (300 s).
 */
const IDLE_TIMEOUT_MS = 300_000;

const nodeStream = Symbol('berth.registry.nodeStream');

/** The answer of {@link httpFetch}: the part of `Response` the registry client reads. */
class HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly redirected = false;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  private web: ReadableStream<Uint8Array> | null = null;

  constructor(
    private readonly message: http.IncomingMessage,
    readonly url: string,
  ) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    const h = message.headers;
    const get = (name: string): string | null => {
      const v = h[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    };
    this.headers = { get, has: (name) => get(name) !== null };
  }

  /** The body as a web stream (made on first use; cancel() closes the connection). */
  get body(): ReadableStream<Uint8Array> {
    this.web ??= Readable.toWeb(this.message) as unknown as ReadableStream<Uint8Array>;
    return this.web;
  }

  get bodyUsed(): boolean {
    return this.web !== null || this.message.readableDidRead;
  }

  /** The body as the node stream it is, unless its web stream was taken already. */
  get [nodeStream](): Readable {
    return this.web
      ? Readable.fromWeb(this.web as unknown as NodeWebStream<Uint8Array>)
      : this.message;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this[nodeStream]) chunks.push(Buffer.from(chunk as Uint8Array));
    const all = Buffer.concat(chunks);
    return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return Buffer.from(await this.arrayBuffer()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
}

/** Pure: what `init.headers` carries, as a plain record (the registry client passes a record). */
function headerRecord(h: RequestInit['headers']): Record<string, string> {
  if (!h) return {};
  if (Array.isArray(h)) return Object.fromEntries(h);
  if (typeof (h as { forEach?: unknown }).forEach === 'function') {
    const out: Record<string, string> = {};
    (h as { forEach(cb: (v: string, k: string) => void): void }).forEach((v, k) => (out[k] = v));
    return out;
  }
  return { ...(h as Record<string, string>) };
}

/**
 * The subset of `fetch` the registry client uses — a URL string, method, headers, a body of bytes
 * or a web stream, no redirects followed (redirects.ts follows them) — over node:http(s), whose
 * HTTP parser is the one compiled into node. The global `fetch` loads undici (its JS, node:http2
 * and its WebAssembly HTTP parser): ≈ 10 MB more RSS in the agent, kept for its lifetime
 * (bench/README.md, "Agent RSS, 2026-12-07 late morning"). Connections are kept alive by node's
 * global agents, as undici pools them.
 */
export const httpFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = headerRecord(init.headers);
  const body = init.body ?? null;
  const hasLength = Object.keys(headers).some((k) => k.toLowerCase() === 'content-length');
  if (body === null && method !== 'GET' && method !== 'HEAD' && !hasLength)
    headers['content-length'] = '0';
  const mod = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!mod) return Promise.reject(new TypeError(`unsupported URL scheme ${url.protocol}`));
  return new Promise<Response>((resolve, reject) => {
    const req = mod.request(url, { method, headers }, (message) =>
      resolve(new HttpResponse(message, url.toString()) as unknown as Response),
    );
    req.setTimeout(IDLE_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer from ${url.host} for ${IDLE_TIMEOUT_MS / 1000} s`)),
    );
    req.on('error', reject);
    if (body === null) req.end();
    else if (body instanceof Uint8Array) req.end(body);
    else if (typeof body === 'string') req.end(body);
    else if (body instanceof ReadableStream)
      pipeline(Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>), req, (err) => {
        if (err) req.destroy(err);
      });
    else {
      req.destroy();
      reject(new TypeError('httpFetch: unsupported request body'));
    }
  });
}) as typeof fetch;

/**
 * A response body as a node stream: {@link httpFetch}'s own stream as it is, another fetch's
 * web stream converted.
 */
export function bodyStream(res: Response): Readable {
  const own = (res as unknown as { [nodeStream]?: Readable })[nodeStream];
  if (own) return own;
  if (!res.body) return Readable.from([]);
  return Readable.fromWeb(res.body as unknown as NodeWebStream<Uint8Array>);
}
