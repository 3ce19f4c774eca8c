import http from 'node:http';
import type { Duplex } from 'node:stream';
import { isErrorCode, WireErrorSchema } from '@berth/protocol';
import type * as z from 'zod';
import { AgentError, errorMessage } from '../errors.js';
import { createLineSplitter } from './ndjson.js';

/** Long-lived calls the JSON client does not cover: NDJSON GET streams and the exec upgrade. */

function coded(status: number, text: string, what: string): AgentError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const wire = WireErrorSchema.safeParse(body);
  if (wire.success && isErrorCode(wire.data.code))
    return new AgentError(wire.data.code, wire.data.message);
  return new AgentError('INTERNAL', `the agent answered HTTP ${status} for ${what}`);
}

const unreachable = (socketPath: string, err: unknown) =>
  new AgentError(
    'UNAVAILABLE',
    `cannot talk to the Berth agent at unix://${socketPath}: ${errorMessage(err)}`,
  );

/**
 * `GET path` answered as NDJSON: each line validated and handed to `onLine` until the agent ends
 * the stream (or `signal` aborts). An `{error}` line ends it with that error.
 */
export function getNdjson<T>(
  socketPath: string,
  path: string,
  schema: z.ZodType<T>,
  onLine: (line: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'GET', path, signal }, (res) => {
      const status = res.statusCode ?? 0;
      const split = createLineSplitter();
      let errText = '';
      let failed = false;
      const handle = (lines: string[]) => {
        for (const l of lines) {
          if (failed) return;
          let raw: unknown;
          try {
            raw = JSON.parse(l);
          } catch {
            raw = undefined;
          }
          const errLine = WireErrorSchema.safeParse(
            (raw as { error?: unknown } | undefined)?.error,
          );
          const parsed = schema.safeParse(raw);
          if (errLine.success || !parsed.success) {
            failed = true;
            res.destroy();
            reject(
              errLine.success && isErrorCode(errLine.data.code)
                ? new AgentError(errLine.data.code, errLine.data.message)
                : new AgentError(
                    'INTERNAL',
                    `unexpected stream line from the agent for GET ${path}`,
                  ),
            );
            return;
          }
          onLine(parsed.data);
        }
      };
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (status >= 200 && status < 300) handle(split.push(c));
        else errText += c;
      });
      res.on('end', () => {
        if (failed) return;
        if (status < 200 || status >= 300) return reject(coded(status, errText, `GET ${path}`));
        handle(split.flush());
        if (!failed) resolve();
      });
      res.on('error', (err) =>
        signal?.aborted ? resolve() : reject(unreachable(socketPath, err)),
      );
    });
    req.on('error', (err) => (signal?.aborted ? resolve() : reject(unreachable(socketPath, err))));
    req.end();
  });
}

export interface Upgraded {
  socket: Duplex;
  head: Buffer;
  headers: http.IncomingHttpHeaders;
}

/** `POST path` with `Connection: Upgrade, Upgrade: tcp` (docker's hijack); resolves after 101. */
export function upgrade(socketPath: string, path: string, body: unknown): Promise<Upgraded> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      socketPath,
      method: 'POST',
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'tcp',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(data),
      },
    });
    req.on('upgrade', (res, socket, head) => resolve({ socket, head, headers: res.headers }));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => reject(coded(res.statusCode ?? 0, text, `POST ${path}`)));
    });
    req.on('error', (err) => reject(unreachable(socketPath, err)));
    req.end(data);
  });
}
