import http from 'node:http';
import https from 'node:https';
import { AgentError, errorMessage } from '../errors.js';

export interface JsonResponse {
  status: number;
  body: unknown;
}

const MAX_BODY = 1 << 20;

/** POST a JSON body and read a JSON answer (at most 1 MiB). Network failures are UNAVAILABLE. */
export function postJson(
  url: string,
  body: unknown,
  opts: { agent?: http.Agent; timeoutMs?: number } = {},
): Promise<JsonResponse> {
  const data = Buffer.from(JSON.stringify(body));
  const request = url.startsWith('https:') ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: opts.agent,
        timeout: opts.timeoutMs ?? 15_000,
        headers: {
          'content-type': 'application/json',
          'content-length': data.length,
          accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY)
            req.destroy(new AgentError('INTERNAL', `response from ${url} is too large`));
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = null;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new AgentError('UNAVAILABLE', `timed out talking to ${url}`)),
    );
    req.on('error', (err) =>
      reject(
        err instanceof AgentError
          ? err
          : new AgentError('UNAVAILABLE', `cannot reach ${url}: ${errorMessage(err)}`, {
              cause: err,
            }),
      ),
    );
    req.end(data);
  });
}
