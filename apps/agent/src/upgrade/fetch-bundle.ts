import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AgentError, errorMessage } from '../errors.js';
import { httpsAgentFor } from '../link/enroll.js';
import type { ServerAddress } from '../link/transport.js';

/** A bundle is tens of MB (a Node binary and the agent); anything past this is not one. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export interface FetchBundleOptions {
  /** The web this agent is enrolled with; the bundle comes from there and nowhere else. */
  server: ServerAddress;
  /** The pinned certificate (from enrollment), as for the link itself. */
  fingerprint: string | null;
  /** `/downloads/…` on that web (validated by the protocol). */
  path: string;
  dest: string;
  maxBytes?: number;
  timeoutMs?: number;
}

/**
 * Downloads `server.origin + path` into `dest` over the link's transport (https with the pinned
 * certificate when enrolled over https) and returns its sha256. A redirect is refused (it could
 * lead anywhere); so is a body past `maxBytes`. `dest` is removed on any failure.
 */
export async function fetchBundle(
  o: FetchBundleOptions,
): Promise<{ sha256: string; bytes: number }> {
  const url = new URL(o.path, o.server.origin);
  if (url.origin !== o.server.origin)
    throw new AgentError('PERMISSION_DENIED', `refusing a bundle from ${url.origin}`);
  const max = o.maxBytes ?? MAX_BUNDLE_BYTES;
  try {
    const res = await get(url, httpsAgentFor(o.server, o.fingerprint), o.timeoutMs ?? 120_000);
    if (res.statusCode !== 200) {
      res.resume();
      throw new AgentError(
        res.statusCode === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
        `${url.href} answered HTTP ${res.statusCode ?? '?'}${res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? ' (a redirect: refused)' : ''}`,
      );
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > max)
          return done(new AgentError('INVALID_ARGUMENT', `the bundle is larger than ${max} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(res, meter, createWriteStream(o.dest, { mode: 0o600 }));
    return { sha256: hash.digest('hex'), bytes };
  } catch (err) {
    await rm(o.dest, { force: true });
    if (err instanceof AgentError) throw err;
    throw new AgentError('UNAVAILABLE', `downloading ${url.href}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
}

function get(
  url: URL,
  agent: http.Agent | undefined,
  timeoutMs: number,
): Promise<http.IncomingMessage> {
  const request = url.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: timeoutMs }, resolve);
    req.on('timeout', () =>
      req.destroy(new AgentError('UNAVAILABLE', `timed out fetching ${url.href}`)),
    );
    req.on('error', reject);
  });
}
