import http from 'node:http';
import { isErrorCode, WireErrorSchema } from '@berth/protocol';
import type * as z from 'zod';
import { AgentError, errorMessage } from '../errors.js';
import { createLineSplitter } from './ndjson.js';

/** The CLI's view of the agent: typed JSON calls over the unix socket. */
export interface AgentClient {
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
  /** A JSON request with an optional JSON body; the 2xx answer validated by `schema`. */
  send<T>(method: 'POST' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  /** POST with a JSON body, answer read as NDJSON: each line validated, then handed to `onLine`. */
  stream<T>(
    path: string,
    body: unknown,
    line: z.ZodType<T>,
    onLine: (line: T) => void,
  ): Promise<void>;
}

/** Socket-level failures → a coded error a human can act on. */
function connectionError(socketPath: string, err: NodeJS.ErrnoException): AgentError {
  const where = `unix://${socketPath}`;
  if (err.code === 'ENOENT') {
    return new AgentError(
      'UNAVAILABLE',
      `cannot connect to the Berth agent at ${where}: no such socket. Is berth-agent running?`,
    );
  }
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return new AgentError(
      'PERMISSION_DENIED',
      `permission denied connecting to ${where} (the socket is root-only: try sudo)`,
    );
  }
  if (err.code === 'ECONNREFUSED') {
    return new AgentError(
      'UNAVAILABLE',
      `cannot connect to the Berth agent at ${where}: connection refused (stale socket?)`,
    );
  }
  return new AgentError(
    'UNAVAILABLE',
    `cannot talk to the Berth agent at ${where}: ${errorMessage(err)}`,
  );
}

function jsonHeaders(body: string | undefined): Record<string, string | number> {
  return body === undefined
    ? { accept: 'application/json' }
    : {
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      };
}

function request(
  socketPath: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers: jsonHeaders(body) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(connectionError(socketPath, err)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        } catch {
          reject(new AgentError('INTERNAL', `the agent sent invalid JSON for ${method} ${path}`));
        }
      });
    });
    req.on('error', (err) => reject(connectionError(socketPath, err)));
    req.end(body);
  });
}

/** Non-2xx → the agent's coded error (or a generic one). */
function errorFromResponse(status: number, body: unknown, what: string): AgentError {
  const wire = WireErrorSchema.safeParse(body);
  if (wire.success && isErrorCode(wire.data.code))
    return new AgentError(wire.data.code, wire.data.message);
  return new AgentError('INTERNAL', `the agent answered HTTP ${status} for ${what}`);
}

function streamRequest(
  socketPath: string,
  path: string,
  body: string,
  onLine: (raw: unknown) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, method: 'POST', path, headers: jsonHeaders(body) },
      (res) => {
        const status = res.statusCode ?? 0;
        const splitter = createLineSplitter();
        const errorChunks: Buffer[] = [];
        let failed: unknown = null;
        const handle = (lines: string[]) => {
          for (const l of lines) {
            if (failed) return;
            try {
              onLine(JSON.parse(l));
            } catch (err) {
              failed =
                err instanceof SyntaxError
                  ? new AgentError('INTERNAL', `the agent sent invalid JSON for POST ${path}`)
                  : err;
              res.destroy();
              reject(failed);
            }
          }
        };
        res.on('data', (c: Buffer) => {
          if (status < 200 || status >= 300) errorChunks.push(c);
          else handle(splitter.push(c.toString('utf8')));
        });
        res.on('error', (err) => reject(failed ?? connectionError(socketPath, err)));
        res.on('end', () => {
          if (failed) return;
          if (status < 200 || status >= 300) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(errorChunks).toString('utf8'));
            } catch {
              parsed = undefined;
            }
            return reject(errorFromResponse(status, parsed, `POST ${path}`));
          }
          handle(splitter.flush());
          if (!failed) resolve();
        });
      },
    );
    req.on('error', (err) => reject(connectionError(socketPath, err)));
    req.end(body);
  });
}

async function call<T>(
  socketPath: string,
  method: string,
  path: string,
  body: string | undefined,
  schema: z.ZodType<T>,
): Promise<T> {
  const res = await request(socketPath, method, path, body);
  if (res.status < 200 || res.status >= 300)
    throw errorFromResponse(res.status, res.body, `${method} ${path}`);
  const parsed = schema.safeParse(res.body);
  if (!parsed.success)
    throw new AgentError('INTERNAL', `unexpected response from the agent for ${method} ${path}`);
  return parsed.data;
}

export function createAgentClient(socketPath: string): AgentClient {
  return {
    get: (path, schema) => call(socketPath, 'GET', path, undefined, schema),
    send: (method, path, body, schema) =>
      call(socketPath, method, path, body === undefined ? undefined : JSON.stringify(body), schema),
    stream: (path, body, lineSchema, onLine) =>
      streamRequest(socketPath, path, JSON.stringify(body), (raw) => {
        const parsed = lineSchema.safeParse(raw);
        if (!parsed.success)
          throw new AgentError(
            'INTERNAL',
            `unexpected stream line from the agent for POST ${path}`,
          );
        onLine(parsed.data);
      }),
  };
}
