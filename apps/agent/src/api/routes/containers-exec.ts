import type { Duplex } from 'node:stream';
import { ExecRequestSchema, type ExecRequest } from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import type { Router } from '../router.js';
import type { ContainerRouteDeps } from './containers.js';

const sizeParam = z
  .string()
  .regex(/^\d{1,4}$/, 'expected a number')
  .transform(Number);
const MAX_BODY = 64 * 1024;

/** Reads the JSON body of an upgrade request (`content-length` bytes: `head`, then the socket). */
export function readUpgradeBody(socket: Duplex, head: Buffer, length: number): Promise<Buffer> {
  if (length > MAX_BODY) throw new AgentError('INVALID_ARGUMENT', 'request body too large');
  return new Promise((resolve, reject) => {
    let buf = head;
    const done = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.pause();
      const extra = buf.subarray(length);
      if (extra.length > 0) socket.unshift(extra);
      resolve(buf.subarray(0, length));
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= length) done();
    };
    const onEnd = () => reject(new AgentError('INVALID_ARGUMENT', 'request body cut short'));
    if (buf.length >= length) return done();
    socket.on('data', onData);
    socket.once('end', onEnd);
  });
}

function parseExecBody(raw: Buffer): ExecRequest {
  let json: unknown;
  try {
    json = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AgentError('INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  const r = ExecRequestSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AgentError('INVALID_ARGUMENT', `invalid body: ${issues.join('; ')}`);
  }
  return r.data;
}

/**
 * Exec: `POST /v1/containers/:ref/exec` runs to completion and answers {exitCode, stdout,
 * stderr}; the same request with `Connection: Upgrade, Upgrade: tcp` opens a PTY session and,
 * after `101`, carries raw bytes both ways. `X-Berth-Exec-Id` names the session for
 * `POST /v1/exec/:id/resize?h=&w=` and `GET /v1/exec/:id/json` (exit code).
 */
export function registerContainerExecRoutes(router: Router, deps: ContainerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/exec',
    body: ExecRequestSchema,
    handler: ({ params, body }) => c.exec(params.ref!, body),
  });
  router.addUpgrade({
    method: 'POST',
    path: '/v1/containers/:ref/exec',
    handler: async ({ params, req, socket, head }) => {
      const length = Number(req.headers['content-length'] ?? 0);
      const body = parseExecBody(await readUpgradeBody(socket, head, length));
      const size = { cols: body.cols ?? 80, rows: body.rows ?? 24 };
      const id = await c.openTerminal(params.ref!, body, size);
      const session = c.execs.get(id);
      socket.write(
        'HTTP/1.1 101 UPGRADED\r\nconnection: Upgrade\r\nupgrade: tcp\r\n' +
          `x-berth-exec-id: ${id}\r\n\r\n`,
      );
      session.onData((d) => socket.write(d));
      socket.on('data', (d: Buffer) => session.write(d));
      socket.resume();
      socket.once('close', () => session.dispose());
      void session.exited.then(() => {
        // let the last output drain, then close our half
        setTimeout(() => socket.end(), 20);
      });
    },
  });
  router.add({
    method: 'POST',
    path: '/v1/exec/:id/resize',
    query: z.object({ h: sizeParam, w: sizeParam }),
    handler: ({ params, query }) => {
      c.execs.get(params.id!).resize({ cols: query.w, rows: query.h });
      return c.execs.inspect(params.id!);
    },
  });
  router.add({
    method: 'GET',
    path: '/v1/exec/:id/json',
    handler: ({ params }) => c.execs.inspect(params.id!),
  });
}
