import http from 'node:http';
import { isErrorCode, WireErrorSchema } from '@berth/protocol';
import type { z } from 'zod';
import { AgentError, errorMessage } from '../errors.js';

/** The CLI's view of the agent: typed JSON calls over the unix socket. */
export interface AgentClient {
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
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

function request(
  socketPath: string,
  method: string,
  path: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, method, path, headers: { accept: 'application/json' } },
      (res) => {
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
      },
    );
    req.on('error', (err) => reject(connectionError(socketPath, err)));
    req.end();
  });
}

export function createAgentClient(socketPath: string): AgentClient {
  return {
    async get(path, schema) {
      const res = await request(socketPath, 'GET', path);
      if (res.status < 200 || res.status >= 300) {
        const wire = WireErrorSchema.safeParse(res.body);
        if (wire.success && isErrorCode(wire.data.code))
          throw new AgentError(wire.data.code, wire.data.message);
        throw new AgentError('INTERNAL', `the agent answered HTTP ${res.status} for GET ${path}`);
      }
      const parsed = schema.safeParse(res.body);
      if (!parsed.success)
        throw new AgentError('INTERNAL', `unexpected response from the agent for GET ${path}`);
      return parsed.data;
    },
  };
}
